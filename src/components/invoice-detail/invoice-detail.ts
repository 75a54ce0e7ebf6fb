import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import { property } from 'lit/decorators.js';
import { keyedRepeat } from '../../core/keyed-repeat.js';
import { localized, msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatMoney } from '../../core/money.js';
import { formatCalendarDate, formatTimestamp } from '../../core/dates.js';
import { countryName } from '../../core/country-name.js';
import { quantityWithUnit } from '../../core/units.js';
import { ApiError, isAbortError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { Money } from '../../api/schemas/common.js';
import type { InvoiceDetail, InvoiceLine, InvoiceLineGroup } from '../../api/schemas/invoice.js';
import { PAYABLE_STATUSES } from '../../api/vocabulary.js';
import { AcctErrorEvent, AcctPayRequestEvent } from '../../events/index.js';
import { invoiceStatusBadge } from '../../core/invoice-status.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import { invoiceDetailStyles } from './invoice-detail.styles.js';

/** The `invoice-id` value that shows the newest invoice ("view last invoice"). */
export const LATEST_INVOICE_ID = 'latest';

const DEFAULT_HEADING_LEVEL = 2;
const HEADING_TAGS: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];
const PAY_CAPABILITY = 'invoices:pay';

/** What the element shows; also the custom state it sets (`populated` aside, one at a time). */
type PopulatedView = Extract<View, { kind: 'populated' }>;

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'no-id' }
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'not-found'; error: ApiError }
  | { kind: 'error'; error: ApiError }
  | { kind: 'populated'; invoice: InvoiceDetail; account?: Account; accountError?: ApiError; refreshing: boolean };

/** The invoice task's value: which `invoice-id` it answers (`latest` included), and the invoice. */
interface LoadedInvoice {
  requestedId: string;
  /** null: `latest` was asked for and the account has no invoices. */
  invoice: InvoiceDetail | null;
}

const STATES = ['unconfigured', 'no-id', 'loading', 'empty', 'not-found', 'error', 'populated', 'readonly'] as const;

function isAborted(task: Task<readonly unknown[], unknown>): boolean {
  return task.status === TaskStatus.ERROR && isAbortError(task.error);
}

const quantityFormats = new Map<string, Intl.NumberFormat>();

/** Quantities may be decimal (hours, GB); one cached formatter per locale. */
/** A date with no-break spaces: a narrow column breaks a period at its dash, never inside "Nov 30, 2026". */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

function formatQuantity(quantity: number, locale: string): string {
  let format = quantityFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });
    }
    quantityFormats.set(locale, format);
  }
  return format.format(quantity);
}

/**
 * One invoice as a statement: number, status, dates, bill-to, the statement summary (previous
 * balance, payments, overdue, current charges, tax, amount due — for a paid invoice the statement's
 * total and the balance now due, with the date it was paid and the payment's reference), line items grouped per product
 * with the server's subtotals, taxes and totals, the PDF and — when the token may pay — a Pay button.
 * Every figure is the server's; the element never computes an amount.
 *
 * @summary Shows one invoice (or the newest one) with grouped line items, totals, PDF and Pay.
 *
 * @csspart base - The card around everything (no chrome with `compact`).
 * @csspart header - Title, status, dates and actions.
 * @csspart title - The heading with the invoice number.
 * @csspart status - The status badge.
 * @csspart summary - The statement summary (previous balance … amount due).
 * @csspart group - The wrapper of one group's table.
 * @csspart table - Each line-item table.
 * @csspart totals - Subtotal, taxes, total and amount due.
 * @csspart pdf-link - The "Download PDF" link.
 * @csspart pay-button - The "Pay invoice" button.
 * @csspart error - The error, not-found and configuration messages.
 * @csspart retry-button - The Retry button in an error.
 * @csspart memo - The invoice's note.
 *
 * @cssprop [--acct-invoice-detail-max-width=56rem] - Widest the card grows.
 * @cssprop [--acct-invoice-detail-padding=1.5rem] - Inner padding of the card.
 * @cssprop [--acct-invoice-detail-background=light-dark(#ffffff, #15181d)] - Card background.
 * @cssprop [--acct-invoice-detail-border-color=light-dark(#d0d7de, #3a414b)] - Card and table rule colour.
 * @cssprop [--acct-invoice-detail-radius=6px] - Card corner radius.
 * @cssprop [--acct-invoice-detail-group-gap=1.5rem] - Space between sections and line-item groups.
 * @cssprop [--acct-invoice-detail-summary-background=light-dark(#f6f8fa, #1d2127)] - Background of the statement summary.
 * @cssprop [--acct-invoice-detail-title-size=1.375rem] - Font size of the invoice number heading.
 * @cssprop [--acct-invoice-detail-number-column-width=20%] - Width of each number column (quantity, unit price, amount) in the line-item tables.
 * @cssprop [--acct-invoice-detail-scroll-margin=1rem] - Space kept above the heading when `reveal()` scrolls to it (e.g. the height of a sticky host header).
 *
 * @cssstate loading - The invoice or the account is loading (skeleton, `aria-busy`).
 * @cssstate populated - An invoice is shown.
 * @cssstate readonly - The token may not pay invoices (no Pay button).
 * @cssstate no-id - No `invoice-id` is set; a hint is shown.
 * @cssstate empty - `invoice-id="latest"` and the account has no invoices.
 * @cssstate not-found - The server has no invoice with that id.
 * @cssstate error - Loading failed; a message with Retry is shown.
 * @cssstate unconfigured - No API: set `api-base` + `token`, `api`, or use `acct-provider`.
 *
 * @fires {AcctPayRequestEvent} acct-pay-request - The user pressed Pay: `detail.invoices` holds this invoice, `detail.total` its amount due.
 * @fires {AcctErrorEvent} acct-error - Loading the invoice (or the account's permissions) failed.
 */
@localized()
export class AcctInvoiceDetail extends AcctElement {
  static override styles = [baseStyles, invoiceDetailStyles];
  protected static override resources: readonly ResourceName[] = ['invoices', 'account'];

  /** The invoice to show, or `latest` for the newest one. */
  @property({ attribute: 'invoice-id', reflect: true }) invoiceId?: string;

  /** Level of the invoice-number heading (1-6); section headings are one level below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;

  /** Drops the card's border, padding and background, e.g. inside a list row. */
  @property({ type: Boolean, reflect: true }) compact = false;

  #headingLevel = DEFAULT_HEADING_LEVEL;
  /** Set by `refresh()`: the next run of each task bypasses stored responses. */
  #freshInvoice = false;
  #freshAccount = false;
  /** The failure each task last reported with `acct-error`, so each failure is reported once. */
  #reportedErrors = new Map<object, unknown>();

  #invoiceTask = new Task(this, {
    args: () => [this.resolvedApi, this.#requestedId] as const,
    task: async ([api, id], { signal }): Promise<LoadedInvoice | typeof initialState> => {
      if (!api || !id) return initialState;
      const fresh = this.#freshInvoice;
      this.#freshInvoice = false;
      let invoiceId = id;
      if (id === LATEST_INVOICE_ID) {
        const newest = (await api.listInvoices({ limit: 1 }, { signal, fresh })).data[0];
        if (!newest) return { requestedId: id, invoice: null };
        invoiceId = newest.id;
      }
      const invoice = await api.getInvoice(invoiceId, { signal, fresh });
      this.#warnOnSubtotalMismatch(invoice);
      return { requestedId: id, invoice };
    },
  });

  /** The account only says whether the token may pay (capabilities). */
  #accountTask = new Task(this, {
    args: () => [this.resolvedApi, Boolean(this.#requestedId)] as const,
    task: async ([api, wanted], { signal }): Promise<Account | typeof initialState> => {
      if (!api || !wanted) return initialState;
      const fresh = this.#freshAccount;
      this.#freshAccount = false;
      return api.getAccount({ signal, fresh });
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Requests aborted by a removal start again when the element comes back (moved in the DOM).
    if (this.hasUpdated) {
      for (const task of [this.#invoiceTask, this.#accountTask]) {
        if (task.status === TaskStatus.PENDING || isAborted(task)) void task.run();
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // R12: a removed element leaves no request running.
    this.#invoiceTask.abort();
    this.#accountTask.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('headingLevel')) {
      const level = this.headingLevel;
      const valid = Number.isInteger(level) && level >= 1 && level <= 6;
      if (!valid) this.warnInvalid('heading-level', this.getAttribute('heading-level') ?? level, 'an integer from 1 to 6');
      this.#headingLevel = valid ? level : DEFAULT_HEADING_LEVEL;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const populated = view.kind === 'populated' ? view : undefined;
    for (const state of STATES) {
      const on =
        state === 'readonly'
          ? populated?.account !== undefined && !this.#mayPay(populated.account)
          : state === 'loading'
            ? view.kind === 'loading' || populated?.refreshing === true
            : state === view.kind;
      this.setCustomState(state, on);
    }
    // Reported after the error is on screen, once per failure.
    for (const task of [this.#invoiceTask, this.#accountTask]) {
      const failed = task.status === TaskStatus.ERROR && !isAborted(task);
      if (!failed) {
        this.#reportedErrors.delete(task);
      } else if (this.#reportedErrors.get(task) !== task.error) {
        this.#reportedErrors.set(task, task.error);
        this.dispatchEvent(new AcctErrorEvent({ error: toApiError(task.error) }));
      }
    }
  }

  /** Reloads the invoice and the permissions from the server (Retry, and after invalidation). */
  refresh(): void {
    if (!this.resolvedApi || !this.#requestedId) return;
    this.#freshInvoice = true;
    this.#freshAccount = true;
    void this.#invoiceTask.run();
    void this.#accountTask.run();
  }

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'no-id':
        return html`<div class="message" part="base">
          <p>${msg('Choose an invoice to see its details.')}</p>
        </div>`;
      case 'loading':
        return this.#renderSkeleton();
      case 'empty':
        return html`<div class="message" part="base"><p>${msg('There are no invoices yet.')}</p></div>`;
      case 'not-found':
        return this.#renderNotFound();
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'populated':
        return this.#renderInvoice(view);
    }
  }

  /**
   * Brings the invoice's heading into view, for a host that opens the detail from a list ("View"):
   * at once (the card's top, while the invoice loads), and once more when the invoice is shown,
   * since loading changes the layout around a scroll in progress — unless the user scrolled or
   * typed meanwhile. The heading ends `--acct-invoice-detail-scroll-margin` below the top of the
   * scroll container. Smooth unless the user prefers reduced motion. Focus is not moved: it stays
   * where the user is (on the host's View button), as with a plain link to an anchor.
   */
  async reveal(): Promise<void> {
    const behavior: ScrollBehavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    let interrupted = false;
    const interrupt = () => (interrupted = true);
    const events = ['wheel', 'touchmove', 'keydown'] as const;
    for (const type of events) window.addEventListener(type, interrupt, { passive: true, capture: true });
    try {
      await this.updateComplete;
      this.#revealTarget().scrollIntoView({ block: 'start', behavior });
      await this.#invoiceTask.taskComplete.catch(() => undefined);
      await this.updateComplete;
      if (!interrupted && this.isConnected) this.#revealTarget().scrollIntoView({ block: 'start', behavior });
    } finally {
      for (const type of events) window.removeEventListener(type, interrupt, { capture: true });
    }
  }

  #onRetry = (): void => this.refresh();

  /** The invoice's heading; while there is none (loading, errors), the element's first box. */
  #revealTarget(): Element {
    return this.renderRoot.querySelector('[part~="title"]') ?? this.renderRoot.firstElementChild ?? this;
  }

  /** Only the permissions failed: the invoice on screen is fine, ask for the account again. */
  #onRetryPermissions = (): void => {
    this.#freshAccount = true;
    void this.#accountTask.run();
  };

  #onPay = (): void => {
    const invoice = this.#invoiceTask.value?.invoice;
    if (!invoice) return;
    const { id, number, status, issued_on, due_on, total, amount_due, pdf_url } = invoice;
    this.dispatchEvent(
      new AcctPayRequestEvent({
        invoices: [{ id, number, status, issued_on, due_on, total: { ...total }, amount_due: { ...amount_due }, pdf_url }],
        total: { ...amount_due },
      }),
    );
  };

  get #requestedId(): string {
    return this.invoiceId?.trim() ?? '';
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    // Waiting for a provider (or the grace period) looks like loading, not like an error.
    if (!this.resolvedApi) return { kind: 'loading' };
    if (!this.#requestedId) return { kind: 'no-id' };
    const invoiceTask = this.#invoiceTask;
    const accountTask = this.#accountTask;
    if (invoiceTask.status === TaskStatus.ERROR && !isAborted(invoiceTask)) {
      const error = toApiError(invoiceTask.error);
      return error.kind === 'not-found' ? { kind: 'not-found', error } : { kind: 'error', error };
    }
    const settled = (task: typeof invoiceTask | typeof accountTask) =>
      task.status === TaskStatus.COMPLETE || (task.status === TaskStatus.ERROR && !isAborted(task));
    const accountFailed = accountTask.status === TaskStatus.ERROR && !isAborted(accountTask);
    // The value may answer an earlier invoice-id while the new one loads.
    const loaded = invoiceTask.value?.requestedId === this.#requestedId ? invoiceTask.value : undefined;
    // The first load waits for the account too: the Pay button depends on it and must not pop in.
    // (A task keeps its last value or error while it runs again.)
    const accountKnown = accountTask.value !== undefined || (accountTask.error !== undefined && !isAbortError(accountTask.error));
    if (!loaded || !accountKnown) return { kind: 'loading' };
    // A reload of what is on screen (Retry, invalidation after a payment) keeps it visible, busy.
    const refreshing = !settled(invoiceTask) || !settled(accountTask);
    const invoice = loaded.invoice;
    if (!invoice) return refreshing ? { kind: 'loading' } : { kind: 'empty' };
    return accountFailed
      ? { kind: 'populated', invoice, accountError: toApiError(accountTask.error), refreshing }
      : { kind: 'populated', invoice, account: accountTask.value, refreshing };
  }

  #mayPay(account: Account): boolean {
    return account.capabilities.includes(PAY_CAPABILITY);
  }

  /** Server subtotals are shown as sent; a disagreement is the host's to fix, so tell the host. */
  #warnOnSubtotalMismatch(invoice: InvoiceDetail): void {
    const currency = invoice.subtotal.currency;
    if (invoice.groups.some((group) => group.subtotal.currency !== currency)) return;
    const sum = invoice.groups.reduce((total, group) => total + group.subtotal.amount, 0);
    if (invoice.groups.length > 0 && sum !== invoice.subtotal.amount) {
      console.warn(
        `<${this.localName}>: invoice ${invoice.id}: group subtotals add up to ${sum}, but subtotal is ` +
          `${invoice.subtotal.amount} (minor units of ${currency}). Showing the server's figures.`,
      );
    }
  }

  /** An `h1`-`h6` heading. @parts title (the only `part` passed in) */
  #heading(level: number, id: string, content: unknown, part?: string): TemplateResult {
    const tag = HEADING_TAGS[Math.min(level, 6) - 1];
    return staticHtml`<${tag} id=${id} part=${part ?? nothing} class="heading">${content}</${tag}>`;
  }

  #renderSkeleton(): TemplateResult {
    return html`<div part="base" class="card" aria-busy="true">
      <p class="visually-hidden" role="status">${msg('Loading invoice…')}</p>
      <div class="skeleton-block" aria-hidden="true">
        <span class="skeleton title-skeleton"></span>
        <span class="skeleton"></span>
        <span class="skeleton short"></span>
        <span class="skeleton table-skeleton"></span>
        <span class="skeleton"></span>
        <span class="skeleton short"></span>
      </div>
    </div>`;
  }

  #renderNotFound(): TemplateResult {
    const id = this.#requestedId;
    return html`<div class="message error" role="alert" part="error">
      <p>
        ${id === LATEST_INVOICE_ID
          ? msg('We could not find the latest invoice.')
          : msg(str`We could not find invoice ${id}.`)}
      </p>
      <p>${msg('It may have been removed, or the link may be out of date.')}</p>
      <button type="button" class="button" part="retry-button" @click=${this.#onRetry}>${msg('Retry')}</button>
    </div>`;
  }

  // Server free text sits in <bdi> (or dir=auto): an English address keeps its word order on an RTL page.
  #renderInvoice({ invoice, account, accountError, refreshing }: PopulatedView): TemplateResult {
    const locale = this.resolvedLocale;
    const date = (text: string) => formatCalendarDate(text, locale);
    const badge = invoiceStatusBadge(invoice.status);
    const level = this.#headingLevel;
    const sectionLevel = Math.min(level + 1, 6);
    const bill = invoice.bill_to;
    const paid = invoice.status === 'paid';
    return html`<article part="base" class="card" aria-labelledby="title" aria-busy=${refreshing ? 'true' : nothing}>
      <header part="header" class="header">
        <div class="title-row">
          ${this.#heading(level, 'title', msg(str`Invoice ${invoice.number}`), 'title')}
          <span part="status" class="badge ${badge.tone}"
            ><span class="visually-hidden">${msg('Status:')} </span>${badge.label}</span
          >
        </div>
        <dl class="facts">
          <div><dt>${msg('Issued')}</dt><dd><bdi>${date(invoice.issued_on)}</bdi></dd></div>
          ${invoice.due_on ? html`<div><dt>${msg('Due')}</dt><dd><bdi>${date(invoice.due_on)}</bdi></dd></div>` : nothing}
          ${invoice.period
            ? html`<div>
                <dt>${msg('Service period')}</dt>
                <dd>${msg(str`${date(invoice.period.start)} – ${date(invoice.period.end)}`)}</dd>
              </div>`
            : nothing}
          ${paid && invoice.paid_at
            ? html`<div><dt>${msg('Paid on')}</dt><dd><bdi>${formatTimestamp(invoice.paid_at, locale)}</bdi></dd></div>`
            : nothing}
          ${paid && invoice.payment_id
            ? html`<div><dt>${msg('Payment reference')}</dt><dd><bdi>${invoice.payment_id}</bdi></dd></div>`
            : nothing}
        </dl>
        ${this.#renderActions(invoice, account, accountError)}
      </header>
      <div class="overview">
        ${bill
          ? html`<section class="bill-to" aria-labelledby="bill-to-title">
              ${this.#heading(sectionLevel, 'bill-to-title', msg('Bill to'))}
              <p>
                <bdi>${bill.name}</bdi>${bill.lines.map((line) => html`<br /><bdi>${line}</bdi>`)}${bill.country
                  ? html`<br /><bdi>${countryName(bill.country, locale)}</bdi>`
                  : nothing}
              </p>
            </section>`
          : nothing}
        <section part="summary" class="summary" aria-labelledby="summary-title">
          ${this.#heading(sectionLevel, 'summary-title', msg('Account summary'))}
          <dl class="figures">
            ${this.#figure(msg('Previous balance'), invoice.summary.previous_balance)}
            ${this.#figure(msg('Payments received'), invoice.summary.payments_received)}
            ${this.#figure(msg('Overdue'), invoice.summary.overdue)}
            ${this.#figure(msg('Current charges'), invoice.summary.current_charges)}
            ${this.#figure(msg('Tax'), invoice.summary.tax)}
            ${paid
              ? // Paid: the statement's total was due, and nothing is now (the invoice's current amount due).
                html`${this.#figure(msg('Total'), invoice.summary.amount_due)}${this.#figure(msg('Balance due'), invoice.amount_due, true)}`
              : this.#figure(msg('Total balance due'), invoice.summary.amount_due, true)}
          </dl>
        </section>
      </div>
      <section class="charges" aria-labelledby="charges-title">
        ${this.#heading(sectionLevel, 'charges-title', msg('Charges'))}
        ${keyedRepeat(invoice.groups, (group) => group.id, (group) => this.#renderGroup(group))}
        <dl part="totals" class="figures totals">
          ${this.#figure(msg('Subtotal'), invoice.subtotal)}
          ${invoice.taxes.map((tax) => this.#figure(tax.rate ? msg(str`${tax.label} (${tax.rate})`) : tax.label, tax.amount))}
          ${this.#figure(msg('Total'), invoice.total, true)}
          ${this.#figure(msg('Amount due'), invoice.amount_due, true)}
        </dl>
      </section>
      ${invoice.memo ? html`<p part="memo" class="memo" dir="auto">${invoice.memo}</p>` : nothing}
    </article>`;
  }

  #renderActions(invoice: InvoiceDetail, account: Account | undefined, accountError: ApiError | undefined): TemplateResult | typeof nothing {
    const pdfUrl = safeLinkUrl(invoice.pdf_url);
    const payable = PAYABLE_STATUSES.includes(invoice.status) && invoice.amount_due.amount > 0;
    const canPay = payable && account !== undefined && this.#mayPay(account);
    const permissionsUnknown = payable && accountError !== undefined;
    if (!pdfUrl && !canPay && !permissionsUnknown) return nothing;
    return html`<div class="actions">
      ${canPay
        ? html`<button type="button" class="button primary" part="pay-button" @click=${this.#onPay}>
            ${msg('Pay invoice')}
          </button>`
        : nothing}
      ${pdfUrl
        ? html`<a class="button" part="pdf-link" href=${pdfUrl} target="_blank" rel="noopener noreferrer"
            >${msg('Download PDF')}<span class="visually-hidden"> ${msg('(opens in a new tab)')}</span></a
          >`
        : nothing}
      ${permissionsUnknown
        ? html`<p class="muted permissions-note">
            ${msg('We could not check whether you can pay this invoice.')}
            <button type="button" class="button" part="retry-button" @click=${this.#onRetryPermissions}>${msg('Retry')}</button>
          </p>`
        : nothing}
    </div>`;
  }

  #figure(label: string, money: Money, strong = false): TemplateResult {
    return html`<div class=${strong ? 'figure strong' : 'figure'}>
      <dt>${label}</dt>
      <dd class="num"><bdi>${formatMoney(money, this.resolvedLocale)}</bdi></dd>
    </div>`;
  }

  #renderGroup(group: InvoiceLineGroup): TemplateResult {
    const locale = this.resolvedLocale;
    return html`<div part="group" class="group">
      <table part="table">
        <caption><bdi>${group.title}</bdi></caption>
        <thead>
          <tr>
            <th scope="col" class="description">${msg('Description')}</th>
            <th scope="col" class="num quantity">${msg('Quantity')}</th>
            <th scope="col" class="num unit-price">${msg('Unit price')}</th>
            <th scope="col" class="num">${msg('Amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${keyedRepeat(group.lines, (line) => line.id, (line) => this.#renderLine(line, locale))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${msg('Subtotal')}</th>
            <td class="quantity"></td>
            <td class="unit-price"></td>
            <td class="num"><bdi>${formatMoney(group.subtotal, locale)}</bdi></td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #renderLine(line: InvoiceLine, locale: string): TemplateResult {
    const quantity = line.quantity === null ? '' : formatQuantity(line.quantity, locale);
    const unitPrice = line.unit_price ? formatMoney(line.unit_price, locale) : '';
    const shown = line.unit && quantity && line.quantity !== null ? quantityWithUnit(quantity, line.quantity, line.unit) : quantity;
    return html`<tr>
      <th scope="row" class="description">
        <bdi>${line.description}</bdi>
        ${line.period
          ? html`<span class="sub muted"
              >${msg(str`${unbroken(formatCalendarDate(line.period.start, locale))} – ${unbroken(formatCalendarDate(line.period.end, locale))}`)}</span
            >`
          : nothing}
        ${shown
          ? html`<span class="sub muted inline-quantity"
              ><bdi>${shown}</bdi>${unitPrice ? html` <bdi>${msg(str`at ${unitPrice}`)}</bdi>` : nothing}</span
            >`
          : nothing}
      </th>
      <td class="num quantity"><bdi>${shown}</bdi></td>
      <td class="num unit-price"><bdi>${unitPrice}</bdi></td>
      <td class="num"><bdi>${formatMoney(line.amount, locale)}</bdi></td>
    </tr>`;
  }
}
