import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatMoney } from '../../core/money.js';
import { formatCalendarDate, formatTimestamp } from '../../core/dates.js';
import { toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import { AcctErrorEvent, AcctInvoiceViewEvent, AcctMakePaymentEvent } from '../../events/index.js';
import { accountSummaryStyles } from './account-summary.styles.js';

const PAY_CAPABILITY = 'invoices:pay';

/** Which way the balance points: the customer owes, has a credit, or neither. */
type BalanceKind = 'owed' | 'credit' | 'settled';

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'populated'; account: Account; latest?: InvoiceSummary; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'populated', 'readonly', 'owed', 'credit', 'settled'] as const;

function balanceKind(account: Account): BalanceKind {
  const amount = account.balance.amount;
  return amount > 0 ? 'owed' : amount < 0 ? 'credit' : 'settled';
}

/**
 * The account at a glance: the balance (owed, a credit in the customer's favour, or "all paid
 * up"), the last payment, the next invoice, whether autopay is on, and "Make a payment".
 *
 * Every figure is the server's (`GET /account`): the element formats money, it never computes
 * it. A credit is shown as a positive amount labelled as a credit. "Make a payment" appears only
 * when the balance is positive and the token may pay (`invoices:pay`); it fires
 * `acct-make-payment` for the host (or `acct-portal`) to open the payment flow. The account does
 * not break the balance down into open and overdue amounts, so neither does this element.
 * "View last invoice" (when the account has an invoice: the newest of `listInvoices`) fires
 * `acct-invoice-view` for the host to show it, as the invoice list's "View" does.
 * When the account has credit left to apply (`available_credit` above zero: the remaining amounts
 * of `acct-credit-list`'s credits), the facts start with it.
 * After a payment (or any change to the account) it reloads by itself, keeping the figures on
 * screen with `aria-busy` while it does. The element has no slots.
 *
 * @summary Balance, last payment, next invoice, autopay and "Make a payment".
 *
 * @csspart base - The card around everything.
 * @csspart balance - The balance block (label, amount, note and button).
 * @csspart amount - The balance amount.
 * @csspart pay-button - The "Make a payment" button.
 * @csspart view-invoice-button - The "View last invoice" button.
 * @csspart facts - The list of last payment, next invoice and autopay.
 * @csspart error - The error or missing-configuration message.
 * @csspart retry-button - The Retry button in an error.
 *
 * @cssprop [--acct-account-summary-background=light-dark(#ffffff, #15181d)] - Card background.
 * @cssprop [--acct-account-summary-padding=1.5rem] - Inner padding of the card.
 * @cssprop [--acct-account-summary-amount-size=2rem] - Font size of the balance amount.
 * @cssprop [--acct-account-summary-credit-color=light-dark(#176b32, #7ee2a0)] - Colour of a credit balance.
 *
 * @cssstate loading - The account is loading (skeleton, `aria-busy`), or reloading with the figures kept.
 * @cssstate populated - The account is shown.
 * @cssstate owed - The balance is positive: the customer owes it.
 * @cssstate credit - The balance is negative: a credit in the customer's favour.
 * @cssstate settled - The balance is zero.
 * @cssstate readonly - The token may not pay (no "Make a payment").
 * @cssstate error - Loading failed; a message with Retry is shown.
 * @cssstate unconfigured - No API: set `api-base` + `token`, `api`, or use `acct-provider`.
 *
 * @fires {AcctMakePaymentEvent} acct-make-payment - "Make a payment" was pressed: `detail.balance` is the balance due.
 * @fires {AcctInvoiceViewEvent} acct-invoice-view - The user asked to see an invoice ("View last invoice": the newest one): `{invoiceId, invoice}`. Cancelable, as from the invoice list.
 * @fires {AcctErrorEvent} acct-error - Loading the account failed.
 */
@localized()
export class AcctAccountSummary extends AcctElement {
  static override styles = [baseStyles, accountSummaryStyles];
  protected static override resources: readonly ResourceName[] = ['account', 'invoices'];

  /** The failure last reported with `acct-error`, so each failure is reported once. */
  #reportedError?: unknown;

  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  /** The newest invoice (the list is newest first), for "View last invoice"; null when there is none. */
  #latest = new ApiTask(this, { load: async (api, options) => (await api.listInvoices({ limit: 1 }, options)).data[0] ?? null });

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const account = view.kind === 'populated' ? view.account : undefined;
    const kind = account ? balanceKind(account) : undefined;
    for (const state of STATES) {
      const on =
        state === 'loading'
          ? view.kind === 'loading' || (view.kind === 'populated' && view.refreshing)
          : state === 'readonly'
            ? account !== undefined && !this.#mayPay(account)
            : state === 'owed' || state === 'credit' || state === 'settled'
              ? state === kind
              : state === view.kind;
      this.setCustomState(state, on);
    }
    const task = this.#account;
    if (task.failed && this.#reportedError !== task.error) {
      this.#reportedError = task.error;
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(task.error) }));
    }
  }

  /** Reloads the account from the server (Retry, and after a payment or another change). */
  refresh(): void {
    this.#account.reload();
    this.#latest.reload();
  }

  #onRetry = (): void => this.refresh();

  #onMakePayment = (): void => {
    const account = this.#account.value;
    if (!account || balanceKind(account) !== 'owed' || !this.#mayPay(account)) return;
    this.dispatchEvent(new AcctMakePaymentEvent({ balance: { ...account.balance } }));
  };

  #onViewLatest = (): void => {
    const invoice = this.#latest.value;
    if (invoice) this.dispatchEvent(new AcctInvoiceViewEvent({ invoiceId: invoice.id, invoice: { ...invoice } }));
  };

  #mayPay(account: Account): boolean {
    return account.capabilities.includes(PAY_CAPABILITY);
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    const task = this.#account;
    if (!this.resolvedApi) return { kind: 'loading' };
    if (task.failed) return { kind: 'error', error: task.error };
    // A task keeps its last value while it runs again: a reload keeps the figures on screen.
    const account = task.value;
    // The first showing waits for the newest invoice too (its button must not pop in); without it
    // (none, or it failed to load) the summary simply has no "View last invoice".
    const latest = this.#latest;
    if (!account || (latest.value === undefined && !latest.failed)) return { kind: 'loading' };
    return { kind: 'populated', account, latest: latest.value ?? undefined, refreshing: task.pending || latest.pending };
  }

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'loading':
        return this.#renderSkeleton();
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'populated':
        return this.#renderAccount(view.account, view.latest, view.refreshing);
    }
  }

  #renderSkeleton(): TemplateResult {
    return html`<section part="base" class="card" aria-label=${msg('Account summary')} aria-busy="true">
      <p class="visually-hidden" role="status">${msg('Loading account…')}</p>
      <div class="skeleton-block" aria-hidden="true">
        <span class="skeleton short"></span>
        <span class="skeleton amount-skeleton"></span>
        <span class="skeleton"></span>
        <span class="skeleton"></span>
        <span class="skeleton short"></span>
      </div>
    </section>`;
  }

  #renderAccount(account: Account, latest: InvoiceSummary | undefined, refreshing: boolean): TemplateResult {
    const locale = this.resolvedLocale;
    const kind = balanceKind(account);
    const balance = account.balance;
    // A credit is money in the customer's favour: shown as a positive amount under a credit label.
    const shown = kind === 'credit' ? { amount: -balance.amount, currency: balance.currency } : balance;
    const label = kind === 'owed' ? msg('Balance due') : kind === 'credit' ? msg('Credit balance') : msg('Balance');
    const note =
      kind === 'credit'
        ? msg('This credit is in your favour and goes towards your next invoices.')
        : kind === 'settled'
          ? msg('You are all paid up.')
          : undefined;
    const canPay = kind === 'owed' && this.#mayPay(account);
    // Only when there is some: most accounts never have credit, and "0.00" would be noise.
    const credit = account.available_credit && account.available_credit.amount > 0 ? account.available_credit : undefined;
    return html`<section part="base" class="card" aria-label=${msg('Account summary')} aria-busy=${refreshing ? 'true' : 'false'}>
      <div part="balance" class="balance ${kind}">
        <div>
          <p class="label">${label}</p>
          <p part="amount" class="amount num"><bdi>${formatMoney(shown, locale)}</bdi></p>
          ${note ? html`<p class="note">${note}</p>` : nothing}
        </div>
        <div class="actions">
          ${canPay
            ? html`<button type="button" class="button primary" part="pay-button" @click=${this.#onMakePayment}>
                ${msg('Make a payment')}
              </button>`
            : nothing}
          ${latest
            ? html`<button type="button" class="button" part="view-invoice-button" @click=${this.#onViewLatest}>
                ${msg('View last invoice')}
              </button>`
            : nothing}
        </div>
      </div>
      <dl part="facts" class="facts">
        ${credit
          ? html`<div class="available-credit">
              <dt>${msg('Available credit')}</dt>
              <dd><bdi class="num">${formatMoney(credit, locale)}</bdi> · ${msg('pays your open and next invoices first')}</dd>
            </div>`
          : nothing}
        <div>
          <dt>${msg('Last payment')}</dt>
          <dd>${this.#renderLastPayment(account, locale)}</dd>
        </div>
        <div>
          <dt>${msg('Next invoice')}</dt>
          <dd>${this.#renderNextInvoice(account, locale)}</dd>
        </div>
        <div>
          <dt>${msg('Autopay')}</dt>
          <dd>
            ${account.autopay.enabled
              ? msg('On: invoices are paid automatically on their due dates.')
              : msg('Off')}
          </dd>
        </div>
      </dl>
    </section>`;
  }

  #renderLastPayment(account: Account, locale: string): TemplateResult | string {
    const last = account.last_payment;
    if (!last) return msg('No payments yet');
    const amount = formatMoney(last.amount, locale);
    const date = formatTimestamp(last.paid_at, locale);
    return html`${msg(str`${amount} on ${date}`)}${last.method_label
      ? html`<span class="method muted"> <bdi>${last.method_label}</bdi></span>`
      : nothing}`;
  }

  #renderNextInvoice(account: Account, locale: string): string {
    const next = account.next_invoice;
    if (!next) return msg('None scheduled');
    const date = formatCalendarDate(next.date, locale);
    if (!next.estimated_total) return date;
    const estimate = formatMoney(next.estimated_total, locale);
    return msg(str`${date}, estimated ${estimate}`);
  }
}
