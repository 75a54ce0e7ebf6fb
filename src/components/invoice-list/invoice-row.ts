import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { formatCalendarDate } from '../../core/dates.js';
import { invoiceStatusBadge } from '../../core/invoice-status.js';
import { cellLabel, cellMoney, classes } from '../../core/list-table.js';
import { plural } from '../../core/plural.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import type { AccountApi } from '../../api/account-api.js';
import type { Money } from '../../api/schemas/common.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';

/** What every row needs, computed once per render rather than once per row (long lists scroll). */
export interface RowContext {
  locale: string;
  selectable: boolean;
  labels: { number: string; date: string; due: string; total: string; amountDue: string; status: string };
  /** For the inline `acct-invoice-detail`. */
  api: AccountApi | undefined;
  inlineDetail: boolean;
  /** `acct-invoice-detail` could not be loaded. */
  detailFailed: boolean;
  isPayable: (invoice: InvoiceSummary) => boolean;
  isSelected: (invoice: InvoiceSummary) => boolean;
  isExpanded: (invoice: InvoiceSummary) => boolean;
  onToggle: (invoice: InvoiceSummary, event: Event) => void;
  onView: (invoice: InvoiceSummary) => void;
  onPay: (invoice: InvoiceSummary) => void;
}

/** One invoice as a table row (cards below a width): checkbox, cells, Pay, View and PDF, the inline detail. */
export function renderInvoiceRow(invoice: InvoiceSummary, index: number, context: RowContext): TemplateResult {
  const { locale, selectable, labels } = context;
  const payable = selectable && context.isPayable(invoice);
  const selected = payable && context.isSelected(invoice);
  const expanded = context.inlineDetail && context.isExpanded(invoice);
  const detailId = `invoice-detail-${index}`;
  const pdf = safeLinkUrl(invoice.pdf_url);
  return html`<div
    role="row"
    part="row"
    aria-rowindex=${index + 2}
    class=${classes({ stripe: index % 2 === 1, selected })}
  >
    ${selectable
      ? html`<div role="cell" class="select-cell">
          ${payable
            ? html`<input
                type="checkbox"
                part="checkbox"
                aria-label=${msg(str`Select invoice ${invoice.number}`)}
                .checked=${live(selected)}
                @change=${(event: Event) => context.onToggle(invoice, event)}
              />`
            : nothing}
        </div>`
      : nothing}
    <div role="cell" part="cell">${cellLabel(labels.number)}<bdi>${invoice.number}</bdi></div>
    <div role="cell" part="cell">${cellLabel(labels.date)}<bdi>${formatCalendarDate(invoice.issued_on, locale)}</bdi></div>
    <div role="cell" part="cell">
      ${cellLabel(labels.due)}${invoice.due_on
        ? html`<bdi>${formatCalendarDate(invoice.due_on, locale)}</bdi>`
        : html`<span aria-hidden="true">—</span><span class="visually-hidden">${msg('None')}</span>`}
    </div>
    <div role="cell" part="cell" class="num">${cellLabel(labels.total)}<bdi>${cellMoney(invoice.total, locale)}</bdi></div>
    <div role="cell" part="cell" class="num">
      ${cellLabel(labels.amountDue)}<bdi>${cellMoney(invoice.amount_due, locale)}</bdi>
    </div>
    <div role="cell" part="cell">${cellLabel(labels.status)}${renderStatus(invoice.status)}</div>
    <div role="cell" part="cell" class="actions">
      ${payable
        ? html`<button
            type="button"
            class="button"
            part="row-pay-button"
            aria-label=${msg(str`Pay invoice ${invoice.number}`)}
            @click=${() => context.onPay(invoice)}
          >
            ${msg('Pay')}
          </button>`
        : nothing}
      <button
        type="button"
        class="button"
        part="view-button"
        aria-label=${msg(str`View invoice ${invoice.number}`)}
        aria-expanded=${context.inlineDetail ? String(expanded) : nothing}
        aria-controls=${expanded ? detailId : nothing}
        @click=${() => context.onView(invoice)}
      >
        ${msg('View')}
      </button>
      ${pdf
        ? html`<a
            class="link"
            part="pdf-link"
            href=${pdf}
            target="_blank"
            rel="noopener noreferrer"
            aria-label=${msg(str`Download invoice ${invoice.number} as PDF`)}
            >${msg('PDF')}</a
          >`
        : nothing}
    </div>
    ${expanded
      ? html`<div role="cell" class="detail" id=${detailId}>
          ${context.detailFailed
            ? html`<p class="message muted">${msg('The invoice details could not be loaded.')}</p>`
            : html`<acct-invoice-detail
                invoice-id=${invoice.id}
                locale=${locale}
                .api=${context.api}
              ></acct-invoice-detail>`}
        </div>`
      : nothing}
  </div>`;
}

function renderStatus(status: string): TemplateResult {
  const badge = invoiceStatusBadge(status);
  return html`<span class="badge ${badge.tone}" part="status">${badge.label}</span>`;
}

/** "n invoices selected, total …" and "Pay selected". */
export function renderSelectionSummary(
  invoices: readonly InvoiceSummary[],
  total: Money | null,
  locale: string,
  onPay: () => void,
): TemplateResult {
  const mixed = invoices.length > 0 && !total;
  const count = invoices.length;
  const sum = total ? cellMoney(total, locale) : '';
  const text =
    invoices.length === 0
      ? msg('No invoices selected.')
      : mixed
        ? plural(count, {
            zero: () => msg(str`${count} invoices selected in different currencies.`, { id: 'invoice-list.selected-mixed.zero' }),
            one: () => msg(str`${count} invoice selected in different currencies.`, { id: 'invoice-list.selected-mixed.one' }),
            two: () => msg(str`${count} invoices selected in different currencies.`, { id: 'invoice-list.selected-mixed.two' }),
            few: () => msg(str`${count} invoices selected in different currencies.`, { id: 'invoice-list.selected-mixed.few' }),
            many: () => msg(str`${count} invoices selected in different currencies.`, { id: 'invoice-list.selected-mixed.many' }),
            other: () => msg(str`${count} invoices selected in different currencies.`, { id: 'invoice-list.selected-mixed.other' }),
          })
        : plural(count, {
            zero: () => msg(str`${count} invoices selected, total ${sum}`, { id: 'invoice-list.selected.zero' }),
            one: () => msg(str`${count} invoice selected, total ${sum}`, { id: 'invoice-list.selected.one' }),
            two: () => msg(str`${count} invoices selected, total ${sum}`, { id: 'invoice-list.selected.two' }),
            few: () => msg(str`${count} invoices selected, total ${sum}`, { id: 'invoice-list.selected.few' }),
            many: () => msg(str`${count} invoices selected, total ${sum}`, { id: 'invoice-list.selected.many' }),
            other: () => msg(str`${count} invoices selected, total ${sum}`, { id: 'invoice-list.selected.other' }),
          });
  return html`<div part="summary">
    <div>
      <p role="status">${text}</p>
      ${mixed
        ? html`<p class="muted" id="mixed-currencies">
            ${msg('Invoices in different currencies cannot be paid together. Select invoices of one currency.')}
          </p>`
        : nothing}
    </div>
    <button
      type="button"
      class="button primary"
      part="pay-button"
      ?disabled=${invoices.length === 0 || mixed}
      aria-describedby=${mixed ? 'mixed-currencies' : nothing}
      @click=${onPay}
    >
      ${msg('Pay selected')}
    </button>
  </div>`;
}
