import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { plural } from '../../../core/plural.js';
import type { InvoiceSummary } from '../../../api/schemas/invoice.js';
import type { FlowData } from '../flow.js';
import { dueLine, heading, money, type StepContext } from './common.js';

export interface SelectHandlers {
  onToggleAll: (event: Event) => void;
  onToggleInvoice: (invoice: InvoiceSummary, event: Event) => void;
  onContinue: () => void;
  /** The pointer or focus reached Continue: the review's code can start loading. */
  onContinueIntent: () => void;
}

/** Step 1: the payable invoices as checkboxes, the running total, Continue. */
export function renderSelect(context: StepContext, data: FlowData, on: SelectHandlers): TemplateResult {
  const chosen = new Set(data.chosen.map((invoice) => invoice.id));
  const all = data.payable.length > 0 && chosen.size === data.payable.length;
  const mixed = data.chosen.length > 0 && !data.total;
  const count = data.chosen.length;
  const total = data.total ? money(context, data.total) : '';
  return html`${heading(context, msg('Choose invoices to pay'))}
    <fieldset part="invoice-list" class="choices">
      <legend class="visually-hidden">${msg('Open invoices')}</legend>
      <label class="choice all">
        <input type="checkbox" .checked=${live(all)} .indeterminate=${chosen.size > 0 && !all} @change=${on.onToggleAll} />
        <span>${msg('Select all')}</span>
      </label>
      ${data.payable.map(
        (invoice) =>
          html`<label class="choice">
            <input
              type="checkbox"
              .checked=${live(chosen.has(invoice.id))}
              @change=${(event: Event) => on.onToggleInvoice(invoice, event)}
            />
            <span class="choice-text">
              <bdi class="strong">${invoice.number}</bdi>
              <span class="muted">${dueLine(context, invoice)}</span>
            </span>
            <bdi class="num">${money(context, invoice.amount_due)}</bdi>
          </label>`,
      )}
    </fieldset>
    <p class="selection" id="selection-summary">
      ${data.total
        ? plural(count, {
            zero: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.zero' }),
            one: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.one' }),
            two: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.two' }),
            few: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.few' }),
            many: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.many' }),
            other: () => msg(str`${count} selected, total ${total}`, { id: 'pay-invoice.selected.other' }),
          })
        : mixed
          ? msg('Invoices in different currencies cannot be paid together. Select invoices of one currency.')
          : msg('Select at least one invoice.')}
    </p>
    <div part="actions" class="actions" @pointerenter=${on.onContinueIntent} @focusin=${on.onContinueIntent}>
      <button
        type="button"
        class="button primary"
        part="continue-button"
        ?disabled=${!data.total}
        aria-describedby="selection-summary"
        @click=${on.onContinue}
      >
        ${msg('Continue')}
      </button>
    </div>`;
}
