import { sumMoney } from '../../core/money.js';
import type { WriteIntentState } from '../../core/write-intent.js';
import type { ApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { Money } from '../../api/schemas/common.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { Payment } from '../../api/schemas/payment.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import { PAYABLE_STATUSES } from '../../api/vocabulary.js';

/**
 * The pay flow's state, without rendering: its steps, what the confirm step shows, the outcomes,
 * and the pure rules of the first steps (what is payable, the total, the amount typed). The rules
 * from the method step on are in `flow-later.ts`, in the later steps' chunk. The element
 * (`pay-invoice.ts`) holds the state; `steps/*.ts` render it.
 */

/** The steps of the flow; each is also a custom state. */
export type PayStep = 'select' | 'review' | 'method' | 'confirm' | 'result';
export type FlowStep = Exclude<PayStep, 'result'>;

/** What a payment changed: after a bank payment settles, every element showing these refreshes. */
export const PAYMENT_RESOURCES: readonly ResourceName[] = ['invoices', 'account', 'payments', 'transactions'];
/** The contract's limit of invoices per payment. */
export const MAX_INVOICES = 100;

/** What the confirm step shows (amount, invoices and method), and what a confirmed payment keeps showing. */
export interface Draft {
  amount: Money;
  invoices: InvoiceSummary[];
  method: PaymentMethod;
}

/**
 * Where a confirmed payment stands while the confirm step shows it: running, running long (or being
 * retried), outcome unknown, or refused for an expired session (not run; the same intent is sent again).
 * The names are the element's custom states.
 */
export type Attempt = 'idle' | 'paying' | 'checking' | 'unconfirmed' | 'session-expired';

/** The pay flow's name for where its write intent stands. */
export function attemptOf(state: WriteIntentState): Attempt {
  switch (state) {
    case 'running':
      return 'paying';
    case 'checking':
      return 'checking';
    case 'unknown':
      return 'unconfirmed';
    case 'session-expired':
      return 'session-expired';
    default:
      return 'idle';
  }
}

export type Outcome =
  | { kind: 'succeeded'; payment: Payment; intent: Draft }
  | { kind: 'processing'; payment: Payment; intent: Draft }
  | { kind: 'failed'; payment: Payment; error: ApiError; intent: Draft }
  | { kind: 'declined' | 'already-paid'; error: ApiError; intent: Draft };

export interface FlowData {
  account: Account;
  /** Every payable invoice of the source (the given ones, or the open ones). */
  payable: InvoiceSummary[];
  /** Given invoices left out because they cannot be paid any more. */
  skipped: number;
  /** The invoices being paid. */
  chosen: InvoiceSummary[];
  /** Their total, or null when they are in different currencies (or none). */
  total: Money | null;
  methods: PaymentMethod[];
}

export type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'readonly' }
  | { kind: 'empty' }
  | { kind: 'result'; outcome: Outcome }
  | { kind: 'step'; step: FlowStep; data?: FlowData };

/** Every custom state the element sets. */
export const STATES = [
  'unconfigured',
  'loading',
  'error',
  'readonly',
  'empty',
  'select',
  'review',
  'method',
  'confirm',
  'result',
  'paying',
  'checking',
  'unconfirmed',
  'session-expired',
  'succeeded',
  'processing',
  'failed',
  'declined',
  'already-paid',
] as const;

/** `invoice-ids="in_1 in_2"` or `"in_1,in_2"`. */
export const idListConverter = {
  fromAttribute: (value: string | null): string[] => (value ? value.split(/[\s,]+/).filter(Boolean) : []),
  toAttribute: (ids: string[]): string => ids.join(' '),
};

function isPayable(invoice: InvoiceSummary): boolean {
  return PAYABLE_STATUSES.includes(invoice.status) && invoice.amount_due.amount > 0;
}

/** The total of invoices of one currency (null for none or mixed), from the server's figures. */
function totalOf(invoices: readonly InvoiceSummary[]): Money | null {
  const currency = invoices[0]?.amount_due.currency;
  if (!currency || invoices.some((invoice) => invoice.amount_due.currency !== currency)) return null;
  return sumMoney(
    invoices.map((invoice) => invoice.amount_due),
    currency,
  );
}

/** Invoices by their summary fields only (an InvoiceDetail carries lines the flow does not need). */
export function summaryOf({ id, number, status, issued_on, due_on, total, amount_due, pdf_url }: InvoiceSummary): InvoiceSummary {
  return { id, number, status, issued_on, due_on, total, amount_due, pdf_url };
}

export function canPay(account: Account): boolean {
  return account.capabilities.includes('invoices:pay');
}

/** What the steps need, from the loaded account, invoices and methods and the selection so far. */
export function flowData(
  account: Account,
  source: { invoices: InvoiceSummary[]; given: boolean },
  listed: PaymentMethod[],
  selectedIds: ReadonlySet<string> | undefined,
  addedMethods: readonly PaymentMethod[],
): FlowData {
  const all = source.invoices;
  const payable = all.filter(isPayable).slice(0, MAX_INVOICES);
  const chosen = selectedIds ? payable.filter((invoice) => selectedIds.has(invoice.id)) : payable;
  const added = addedMethods.filter((method) => !listed.some((m) => m.id === method.id));
  return {
    account,
    payable,
    skipped: source.given ? all.length - payable.length : 0,
    chosen,
    total: totalOf(chosen),
    methods: [...listed, ...added],
  };
}
