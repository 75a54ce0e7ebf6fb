import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatTimestamp } from '../../core/dates.js';
import { cardExpiryLine } from '../../core/payment-method-display.js';
import { plural } from '../../core/plural.js';
import { paymentFailureReason, paymentStatusBadge } from '../../core/payment-status.js';
import { cellLabel, cellMoney, classes, listTableStyles, renderListBody, renderSkeletonTable } from '../../core/list-table.js';
import { CursorList, type CursorListView } from '../../core/cursor-list.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Payment } from '../../api/schemas/payment.js';
import { paymentHistoryStyles, PAYMENT_CARDS_BELOW } from './payment-history.styles.js';

const COLUMNS = 6;
const DEFAULT_PAGE_SIZE = 25;

/** Column names, read once per render rather than once per row (long lists re-render as they scroll). */
interface Labels {
  payment: string;
  date: string;
  method: string;
  amount: string;
  status: string;
  invoices: string;
}

/** A dash that reads as "None". */
const none = () => html`<span aria-hidden="true">—</span><span class="visually-hidden">${msg('None')}</span>`;

/**
 * The account's payments, newest first: id, date, method, amount, status and the invoices each
 * payment paid (invoice numbers with the amount that went to each). A failed payment says why;
 * a bank (ACH) payment the bank has not settled yet shows "Processing"; a status the element does
 * not know is shown as the server sent it, in a neutral badge.
 *
 * Pages come from the server's cursor ("Load more"); a failed "Load more" keeps the rows shown.
 * After a payment the history reloads by itself (the first page again), keeping the rows on screen
 * with `aria-busy` meanwhile. A bank payment stays "Processing" until the history next loads after
 * the bank settled it (a later payment, Retry, `refresh()`, or the page); the element does not poll. Long histories stay fast: up to 200 loaded rows render plainly;
 * beyond that the rows are windowed (only those near the viewport are in the DOM) inside a
 * scroller of `--acct-payment-history-max-height`, as in `acct-invoice-list` (the windowing code
 * loads only then). Below 54.5rem of width
 * every row becomes a card, headed by its payment id. Ids stay on one line (they break only where
 * a whole row has no room for them). The markup is an ARIA table either way. The element has no slots.
 *
 * @summary Lists payments with method, status, failure reason and the invoices they paid (or, failed, were to pay).
 *
 * @csspart base - The element's root container.
 * @csspart table - The table (role=table).
 * @csspart header - The header row group.
 * @csspart row - Each payment row (and skeleton row while loading).
 * @csspart cell - Each cell of a payment row.
 * @csspart status - The status badge.
 * @csspart failure - The reason a failed payment failed.
 * @csspart allocations - The invoices a payment paid, or for a failed payment was to pay (shown muted).
 * @csspart load-more - The "Load more" button.
 * @csspart empty - The message shown when there are no payments.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-payment-history-row-height=3rem] - Minimum height of a row.
 * @cssprop [--acct-payment-history-header-background=light-dark(#f6f8fa, #1d2127)] - Background of the header row.
 * @cssprop [--acct-payment-history-max-height=32rem] - Height of the scroll container of a long (windowed) list.
 * @cssprop [--acct-payment-history-stripe=transparent] - Background of every second row.
 *
 * @cssstate loading - Payments are loading (skeleton rows), or reloading with the rows kept.
 * @cssstate populated - Payments are shown.
 * @cssstate empty - There are no payments.
 * @cssstate error - The first page failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate virtualized - The rows are windowed in a scroll container.
 *
 * @fires {AcctErrorEvent} acct-error - A load (or "Load more") failed: `{error}`.
 */
@localized()
export class AcctPaymentHistory extends AcctElement {
  static override styles = [baseStyles, listTableStyles(PAYMENT_CARDS_BELOW), paymentHistoryStyles];
  protected static override resources: readonly ResourceName[] = ['payments'];

  // ---- public properties ----

  /** Payments per request, 1-100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  // ---- internal state ----

  /** The first page, the pages "Load more" appended, and the windowing of a long history. @internal */
  #list = new CursorList<Payment, readonly [number]>(this, {
    args: () => [this.pageSize],
    fetch: (api, [limit], page, options) => api.listPayments({ limit, ...page }, options),
    method: 'listPayments',
    configError: () => this.configError,
  });
  #view: CursorListView = 'loading';

  // ---- lifecycle ----

  /**
   * Also waits, when the rows just passed the windowing threshold, for the windowing code (loaded
   * then, lazily) and the windowed render that follows it.
   * @internal
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    return (await this.#list.settled()) ? super.getUpdateComplete() : result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize') && !(Number.isInteger(this.pageSize) && this.pageSize >= 1 && this.pageSize <= 100)) {
      this.warnInvalid('page-size', this.pageSize, 'an integer from 1 to 100');
      const previous = changed.get('pageSize');
      this.pageSize = typeof previous === 'number' && Number.isInteger(previous) ? previous : DEFAULT_PAGE_SIZE;
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'error', 'empty', 'populated'] as const) this.setCustomState(name, view === name);
    this.setCustomState('loading', view === 'loading' || this.#refreshing);
    this.setCustomState('virtualized', view === 'populated' && this.#list.virtualized);
  }

  // ---- public methods ----

  /** Reloads the first page from the server (Retry, and after a payment). */
  refresh(): void {
    this.#list.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => this.refresh();

  // ---- internals ----

  get #refreshing(): boolean {
    return this.#list.refreshing;
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const { view, error } = this.#list.view;
    this.#view = view;
    const body =
      view === 'unconfigured'
        ? renderConfigError(this.configError ?? '')
        : view === 'error'
          ? renderError(error, this.#onRetry)
          : view === 'loading'
            ? renderSkeletonTable(msg('Payments'), this.#renderColumnHeaders(this.#labels()), COLUMNS)
            : view === 'empty'
              ? html`<p class="message muted" part="empty">${msg('No payments yet.')}</p>`
              : this.#renderTable();
    return html`<div part="base">
      ${body} ${view === 'populated' ? this.#list.renderFooter(this.resolvedLocale) : nothing}
      <div role="status" class="visually-hidden">${this.#announcement(view)}</div>
    </div>`;
  }

  #labels(): Labels {
    return {
      payment: msg('Payment'),
      date: msg('Date'),
      method: msg('Method'),
      amount: msg('Amount'),
      status: msg('Status'),
      invoices: msg('Invoices'),
    };
  }

  #renderColumnHeaders(labels: Labels) {
    return html`<div role="columnheader">${labels.payment}</div>
      <div role="columnheader">${labels.date}</div>
      <div role="columnheader">${labels.method}</div>
      <div role="columnheader" class="num">${labels.amount}</div>
      <div role="columnheader">${labels.status}</div>
      <div role="columnheader">${labels.invoices}</div>`;
  }

  #renderTable() {
    const rows = this.#list.rows;
    const virtual = this.#list.virtualized;
    const labels = this.#labels();
    const locale = this.resolvedLocale;
    return html`<div
      role="table"
      part="table"
      class=${classes({ virtual })}
      aria-label=${msg('Payments')}
      aria-rowcount=${this.#list.ariaRowCount}
      aria-busy=${this.#refreshing ? 'true' : 'false'}
    >
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders(labels)}</div>
      </div>
      ${renderListBody(
        rows,
        (payment, index) => this.#renderRow(payment, index, labels, locale),
        virtual ? this.#list.windowing.segments : undefined,
      )}
    </div>`;
  }

  // Server strings (ids, labels, invoice numbers, failure messages) are bound as text, inside <bdi>.
  #renderRow(payment: Payment, index: number, labels: Labels, locale: string) {
    const badge = paymentStatusBadge(payment.status);
    const failure = payment.status === 'failed' && payment.failure ? paymentFailureReason(payment.failure) : undefined;
    return html`<div role="row" part="row" tabindex="-1" aria-rowindex=${index + 2} class=${classes({ stripe: index % 2 === 1 })}>
      <div role="cell" part="cell" class="id">${cellLabel(labels.payment)}<bdi>${payment.id}</bdi></div>
      <div role="cell" part="cell">${cellLabel(labels.date)}<bdi>${formatTimestamp(payment.created_at, locale)}</bdi></div>
      <div role="cell" part="cell">
        ${cellLabel(labels.method)}${payment.payment_method ? this.#renderMethod(payment.payment_method) : none()}
      </div>
      <div role="cell" part="cell" class="num">${cellLabel(labels.amount)}<bdi>${cellMoney(payment.amount, locale)}</bdi></div>
      <div role="cell" part="cell">
        ${cellLabel(labels.status)}<span class="badge ${badge.tone}" part="status">${badge.label}</span>
        ${failure ? html`<span class="failure" part="failure"><bdi>${failure}</bdi></span>` : nothing}
      </div>
      <div role="cell" part="cell">
        ${cellLabel(labels.invoices)}${payment.allocations.length
          ? html`<ul class=${classes({ allocations: true, muted: payment.status === 'failed' })} part="allocations">
              ${payment.allocations.map(
                (allocation) =>
                  html`<li><bdi>${allocation.invoice_number}</bdi> <bdi class="num">${cellMoney(allocation.amount, locale)}</bdi></li>`,
              )}
            </ul>`
          : none()}
      </div>
    </div>`;
  }

  /** The label, and a card's expiry: two "Visa •••• 4242" cards are told apart. */
  #renderMethod(method: NonNullable<Payment['payment_method']>) {
    const { exp_month, exp_year } = method;
    return html`<bdi>${method.label}</bdi>${exp_month && exp_year
      ? html` <span class="expiry">${cardExpiryLine({ exp_month, exp_year })}</span>`
      : nothing}`;
  }


  #announcement(view: CursorListView): string {
    if (view === 'loading') return msg('Loading payments…');
    if (view === 'empty') return msg('No payments yet.');
    if (view !== 'populated') return '';
    const shown = this.#list.rows.length;
    const total = this.#list.totalCount ?? shown;
    return shown === total
      ? plural(total, {
          zero: () => msg(str`${total} payments`, { id: 'payment-history.count.zero' }),
          one: () => msg(str`${total} payment`, { id: 'payment-history.count.one' }),
          two: () => msg(str`${total} payments`, { id: 'payment-history.count.two' }),
          few: () => msg(str`${total} payments`, { id: 'payment-history.count.few' }),
          many: () => msg(str`${total} payments`, { id: 'payment-history.count.many' }),
          other: () => msg(str`${total} payments`, { id: 'payment-history.count.other' }),
        })
      : plural(total, {
          zero: () => msg(str`Showing ${shown} of ${total} payments`, { id: 'payment-history.showing.zero' }),
          one: () => msg(str`Showing ${shown} of ${total} payment`, { id: 'payment-history.showing.one' }),
          two: () => msg(str`Showing ${shown} of ${total} payments`, { id: 'payment-history.showing.two' }),
          few: () => msg(str`Showing ${shown} of ${total} payments`, { id: 'payment-history.showing.few' }),
          many: () => msg(str`Showing ${shown} of ${total} payments`, { id: 'payment-history.showing.many' }),
          other: () => msg(str`Showing ${shown} of ${total} payments`, { id: 'payment-history.showing.other' }),
        });
  }

}
