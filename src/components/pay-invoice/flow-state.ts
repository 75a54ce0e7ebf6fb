import type { ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type { ApiError } from '../../api/errors.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import type { Money } from '../../api/schemas/common.js';
import { summaryOf, type Draft, type FlowData, type FlowStep, type Outcome } from './flow.js';

/** Where focus goes after the next render. */
export type FlowFocus = 'heading' | 'amount' | 'methods';

/**
 * The pay flow's state and its transitions: the step, the selection, the amount typed, the method
 * chosen, the confirmed draft, the outcome, the messages for the live regions, and where focus goes
 * next. Every transition asks the element to render; the element renders it with `steps/*.ts` and
 * sends the payment through its write intent. The transitions from the method step on (a payment's
 * outcome, ...) and the review's Continue (the amount's rules) are functions of this state in
 * `flow-state-later.ts`, in the later steps' chunk.
 */
export class PayFlowState {
  step?: FlowStep;
  /** `given`: the invoices of `invoices` / `invoice-ids`; `open`: the open invoices to select from. */
  source: 'given' | 'open' = 'open';
  /** The selection in the select step; undefined: every payable invoice of the source. */
  selectedIds?: ReadonlySet<string>;
  amountMode: 'full' | 'other' = 'full';
  amountText = '';
  amountError?: string;
  methodId?: string;
  methodError?: string;
  /** The add form is open. */
  adding = false;
  /** A message at the top of the review (the page stopped the payment, the server refused it). */
  notice?: string;
  /** A refusal on the confirm step that charged nothing (forbidden, ...): a new Pay is safe. */
  payError?: ApiError;
  outcome?: Outcome;
  /** What the confirmed payment shows; kept while its outcome is not known (or it was not run: session expired). */
  confirmed?: Draft;
  /** Polite live region (processing, success). */
  status = '';
  /** Assertive live region (errors). */
  alert = '';
  /** Where focus goes after the next render. */
  focus?: FlowFocus;
  /** Methods added during this flow, shown before the list reloads. */
  addedMethods: PaymentMethod[] = [];
  /** Events to dispatch once the page shows what they tell. */
  readonly events: Event[] = [];

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Applies a change and renders it (also for the later steps' transitions, `flow-state-later.ts`). */
  change(apply: () => void): void {
    apply();
    this.#host.requestUpdate();
  }

  go(step: FlowStep): void {
    this.change(() => {
      this.step = step;
      this.payError = undefined;
      this.focus = 'heading';
    });
  }

  /** A new flow: nothing chosen, nothing typed. */
  startOver(): void {
    this.change(() => {
      this.confirmed = undefined;
      this.outcome = undefined;
      this.step = undefined;
      this.selectedIds = undefined;
      this.amountMode = 'full';
      this.amountText = '';
      this.amountError = undefined;
      this.methodError = undefined;
      this.notice = undefined;
      this.payError = undefined;
      this.adding = false;
      this.alert = '';
      this.status = '';
    });
  }

  setSource(source: 'given' | 'open'): void {
    this.change(() => (this.source = source));
  }

  select(ids: ReadonlySet<string>): void {
    this.change(() => {
      this.selectedIds = ids;
      // The select step may have been shown in place of another (nothing valid chosen): it stays until Continue.
      this.step = 'select';
    });
  }

  toggleInvoice(invoice: InvoiceSummary, data: FlowData, checked: boolean): void {
    const next = new Set(data.chosen.map((chosen) => chosen.id));
    if (checked) next.add(invoice.id);
    else next.delete(invoice.id);
    this.select(next);
  }

  /** "Change invoices": the open invoices to select from, with what was given still selected. */
  changeInvoices(data: FlowData | undefined): void {
    if (data && this.source === 'given') this.selectedIds = new Set(data.chosen.map((invoice) => invoice.id));
    this.source = 'open';
    this.go('select');
  }

  setAmountMode(mode: 'full' | 'other'): void {
    this.change(() => {
      this.amountMode = mode;
      this.amountError = undefined;
    });
  }

  setAmountText(text: string): void {
    this.change(() => {
      this.amountText = text;
      this.amountError = undefined;
    });
  }

  chooseMethod(id: string): void {
    this.change(() => {
      this.methodId = id;
      this.methodError = undefined;
    });
  }

  setAdding(adding: boolean): void {
    this.change(() => (this.adding = adding));
  }

  addCancelled(): void {
    this.change(() => {
      this.adding = false;
      this.focus = 'heading';
    });
  }

  /**
   * What the confirm step shows for the current choices with this amount and method (the later
   * steps' `amountOf` and `methodToUse`), if they are complete.
   */
  draft(data: FlowData, amount: Money | undefined, method: PaymentMethod | undefined): Draft | undefined {
    return amount && method ? { amount, invoices: data.chosen.map(summaryOf), method } : undefined;
  }

  /** The page cancelled `acct-before-payment`: back to the review, nothing sent. */
  stoppedByPage(): void {
    this.notice = msg('The payment was stopped before anything was charged.');
    this.alert = this.notice;
    this.go('review');
  }

  /** A send of the confirmed payment begins. */
  sending(draft: Draft): void {
    this.change(() => {
      this.confirmed = draft;
      this.payError = undefined;
      this.alert = '';
      this.status = '';
    });
  }
}
