import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatCalendarDate, formatTimestamp } from '../../core/dates.js';
import { plural } from '../../core/plural.js';
import { cellLabel, cellMoney, classes, listTableStyles, renderListBody, renderSkeletonTable } from '../../core/list-table.js';
import { CursorList, type CursorListView } from '../../core/cursor-list.js';
import type { ResourceName } from '../../api/account-api.js';
import { CREDIT_FILTERS, type CreditFilter } from '../../api/credit-vocabulary.js';
import type { Credit } from '../../api/schemas/credit.js';
import { creditListStyles, CREDIT_CARDS_BELOW } from './credit-list.styles.js';

const COLUMNS = 6;
const DEFAULT_PAGE_SIZE = 25;

/** Column names, read once per render rather than once per row. */
interface Labels {
  credit: string;
  date: string;
  amount: string;
  remaining: string;
  expires: string;
  applied: string;
}

/** A dash that reads as "None". */
const none = () => html`<span aria-hidden="true">—</span><span class="visually-hidden">${msg('None')}</span>`;

/**
 * The account's credits, newest first: what each was for, when it was made, its amount, what is
 * left of it, when it expires, and the invoices it paid (invoice numbers with the amount that went
 * to each). A credit with nothing left says "Used"; one past its last day with something left
 * says "Expired" (the server no longer applies it). `status="available"` lists only the credits
 * that can still pay something.
 *
 * Every figure is the server's (`GET /credits`): the element formats money, it never computes it.
 * Pages come from the server's cursor ("Load more"); a failed "Load more" keeps the rows shown.
 * After an add-on is disabled (or anything else that makes or applies credit) the list reloads by
 * itself, keeping the rows on screen with `aria-busy` meanwhile. Long lists stay fast as in
 * `acct-payment-history`: beyond 200 loaded rows they are windowed inside a scroller of
 * `--acct-credit-list-max-height`. Below 50rem of width every row becomes a card, headed by its
 * reference. The markup is an ARIA table either way. The element has no slots.
 *
 * @summary Lists credits with their remaining amounts, expiry and the invoices they paid.
 *
 * @csspart base - The element's root container.
 * @csspart table - The table (role=table).
 * @csspart header - The header row group.
 * @csspart row - Each credit row (and skeleton row while loading).
 * @csspart cell - Each cell of a credit row.
 * @csspart status - The "Used" or "Expired" badge.
 * @csspart applications - The invoices a credit paid, with the amount that went to each.
 * @csspart load-more - The "Load more" button.
 * @csspart empty - The message shown when there are no credits.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-credit-list-row-height=3rem] - Minimum height of a row.
 * @cssprop [--acct-credit-list-header-background=light-dark(#f6f8fa, #1d2127)] - Background of the header row.
 * @cssprop [--acct-credit-list-max-height=32rem] - Height of the scroll container of a long (windowed) list.
 * @cssprop [--acct-credit-list-stripe=transparent] - Background of every second row.
 *
 * @cssstate loading - Credits are loading (skeleton rows), or reloading with the rows kept.
 * @cssstate populated - Credits are shown.
 * @cssstate empty - There are no credits (or none available, with `status="available"`).
 * @cssstate error - The first page failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate virtualized - The rows are windowed in a scroll container.
 *
 * @fires {AcctErrorEvent} acct-error - A load (or "Load more") failed: `{error}`.
 */
@localized()
export class AcctCreditList extends AcctElement {
  static override styles = [baseStyles, listTableStyles(CREDIT_CARDS_BELOW), creditListStyles];
  protected static override resources: readonly ResourceName[] = ['credits'];

  // ---- public properties ----

  /** `all` (default): every credit; `available`: the ones with something left that have not expired. */
  @property({ reflect: true }) status: CreditFilter = 'all';

  /** Credits per request, 1-100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  // ---- internal state ----

  /** The first page, the pages "Load more" appended, and the windowing. @internal */
  #list = new CursorList<Credit, readonly [CreditFilter, number]>(this, {
    args: () => [this.status, this.pageSize],
    fetch: (api, [status, limit], page, options) => api.listCredits({ status, limit, ...page }, options),
    method: 'listCredits',
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
    if (changed.has('status') && !(CREDIT_FILTERS as readonly string[]).includes(this.status)) {
      this.warnInvalid('status', this.status, CREDIT_FILTERS.join(' or '));
      this.status = 'all';
    }
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

  /** Reloads the first page from the server (Retry, and after a change). */
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
            ? renderSkeletonTable(msg('Credits'), this.#renderColumnHeaders(this.#labels()), COLUMNS)
            : view === 'empty'
              ? html`<p class="message muted" part="empty">${this.#emptyText()}</p>`
              : this.#renderTable();
    return html`<div part="base">
      ${body} ${view === 'populated' ? this.#list.renderFooter(this.resolvedLocale) : nothing}
      <div role="status" class="visually-hidden">${this.#announcement(view)}</div>
    </div>`;
  }

  #emptyText(): string {
    return this.status === 'available' ? msg('No credit available.') : msg('No credits yet.');
  }

  #labels(): Labels {
    return {
      credit: msg('Credit'),
      date: msg('Date'),
      amount: msg('Amount'),
      remaining: msg('Remaining'),
      expires: msg('Expires'),
      applied: msg('Applied to'),
    };
  }

  #renderColumnHeaders(labels: Labels) {
    return html`<div role="columnheader">${labels.credit}</div>
      <div role="columnheader">${labels.date}</div>
      <div role="columnheader" class="num">${labels.amount}</div>
      <div role="columnheader" class="num">${labels.remaining}</div>
      <div role="columnheader">${labels.expires}</div>
      <div role="columnheader">${labels.applied}</div>`;
  }

  #renderTable() {
    const rows = this.#list.rows;
    const virtual = this.#list.virtualized;
    const labels = this.#labels();
    const locale = this.resolvedLocale;
    // The server's day (UTC): a credit's last day is the server's.
    const today = new Date().toISOString().slice(0, 10);
    return html`<div
      role="table"
      part="table"
      class=${classes({ virtual })}
      aria-label=${msg('Credits')}
      aria-rowcount=${this.#list.ariaRowCount}
      aria-busy=${this.#refreshing ? 'true' : 'false'}
    >
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders(labels)}</div>
      </div>
      ${renderListBody(
        rows,
        (credit, index) => this.#renderRow(credit, index, labels, locale, today),
        virtual ? this.#list.windowing.segments : undefined,
      )}
    </div>`;
  }

  // Server strings (references, invoice numbers) are bound as text, inside <bdi>.
  #renderRow(credit: Credit, index: number, labels: Labels, locale: string, today: string) {
    const used = credit.remaining.amount <= 0;
    const expired = !used && credit.expires_on !== null && credit.expires_on < today;
    return html`<div role="row" part="row" tabindex="-1" aria-rowindex=${index + 2} class=${classes({ stripe: index % 2 === 1 })}>
      <div role="cell" part="cell" class="reference">${cellLabel(labels.credit)}<bdi>${credit.reference}</bdi></div>
      <div role="cell" part="cell">${cellLabel(labels.date)}<bdi>${formatTimestamp(credit.created_at, locale)}</bdi></div>
      <div role="cell" part="cell" class="num">${cellLabel(labels.amount)}<bdi>${cellMoney(credit.original, locale)}</bdi></div>
      <div role="cell" part="cell" class="num">
        ${cellLabel(labels.remaining)}<bdi class=${classes({ spent: used || expired })}>${cellMoney(credit.remaining, locale)}</bdi>
        ${used
          ? html`<span class="badge muted" part="status">${msg('Used')}</span>`
          : expired
            ? html`<span class="badge warning" part="status">${msg('Expired')}</span>`
            : nothing}
      </div>
      <div role="cell" part="cell">
        ${cellLabel(labels.expires)}${credit.expires_on
          ? html`<bdi>${formatCalendarDate(credit.expires_on, locale)}</bdi>`
          : msg('Does not expire')}
      </div>
      <div role="cell" part="cell">
        ${cellLabel(labels.applied)}${credit.applications.length
          ? html`<ul class="applications" part="applications">
              ${credit.applications.map(
                (application) =>
                  html`<li><bdi>${application.invoice_number}</bdi> <bdi class="num">${cellMoney(application.amount, locale)}</bdi></li>`,
              )}
            </ul>`
          : none()}
      </div>
    </div>`;
  }


  #announcement(view: CursorListView): string {
    if (view === 'loading') return msg('Loading credits…');
    if (view === 'empty') return this.#emptyText();
    if (view !== 'populated') return '';
    const shown = this.#list.rows.length;
    const total = this.#list.totalCount ?? shown;
    return shown === total
      ? plural(total, {
          zero: () => msg(str`${total} credits`, { id: 'credit-list.count.zero' }),
          one: () => msg(str`${total} credit`, { id: 'credit-list.count.one' }),
          two: () => msg(str`${total} credits`, { id: 'credit-list.count.two' }),
          few: () => msg(str`${total} credits`, { id: 'credit-list.count.few' }),
          many: () => msg(str`${total} credits`, { id: 'credit-list.count.many' }),
          other: () => msg(str`${total} credits`, { id: 'credit-list.count.other' }),
        })
      : plural(total, {
          zero: () => msg(str`Showing ${shown} of ${total} credits`, { id: 'credit-list.showing.zero' }),
          one: () => msg(str`Showing ${shown} of ${total} credit`, { id: 'credit-list.showing.one' }),
          two: () => msg(str`Showing ${shown} of ${total} credits`, { id: 'credit-list.showing.two' }),
          few: () => msg(str`Showing ${shown} of ${total} credits`, { id: 'credit-list.showing.few' }),
          many: () => msg(str`Showing ${shown} of ${total} credits`, { id: 'credit-list.showing.many' }),
          other: () => msg(str`Showing ${shown} of ${total} credits`, { id: 'credit-list.showing.other' }),
        });
  }
}
