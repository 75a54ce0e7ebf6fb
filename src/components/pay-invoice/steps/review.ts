import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { plural } from '../../../core/plural.js';
import type { Money } from '../../../api/schemas/common.js';
import type { InvoiceSummary } from '../../../api/schemas/invoice.js';
import type { FlowData } from '../flow.js';
import { partialAllowed } from '../flow-later.js';
import type { StepContext } from './common.js';

export interface ReviewState {
  /** A message at the top (the page stopped the payment, the server refused it). */
  notice?: string;
  amountMode: 'full' | 'other';
  amountText: string;
  amountError?: string;
}

/**
 * What the review takes from the element's first file (`steps/common.ts`), passed in rather than
 * imported: like every module of the later steps' chunk, it imports values only from core, api,
 * events and its own chunk (`later-steps.ts`).
 */
export interface ReviewHelpers {
  money: (context: StepContext, amount: Money) => string;
  dueLine: (context: StepContext, invoice: InvoiceSummary) => string;
}

export interface ReviewHandlers {
  onAmountMode: (event: Event) => void;
  onAmountInput: (event: Event) => void;
  onChangeInvoices: () => void;
  onContinue: () => void;
}

/**
 * Step 2, below its heading (the element renders that, also while this step's code loads): the
 * invoices and their total, the amount (partial where allowed), Continue. Two columns (the due
 * date under the number, as in the select step), so numbers and dates fit a phone unbroken.
 */
export function renderReview(
  context: StepContext,
  data: FlowData,
  state: ReviewState,
  helpers: ReviewHelpers,
  on: ReviewHandlers,
): TemplateResult {
  const { money, dueLine } = helpers;
  const total = data.total!;
  return html`${state.notice ? html`<p part="notice" class="message notice">${state.notice}</p>` : nothing}
    <table part="summary" class="summary">
      <caption class="visually-hidden">${msg('Invoices to pay')}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('Invoice')}</th>
          <th scope="col" class="num">${msg('Amount due')}</th>
        </tr>
      </thead>
      <tbody>
        ${data.chosen.map(
          (invoice) =>
            html`<tr>
              <th scope="row">
                <bdi class="strong">${invoice.number}</bdi>
                <span class="muted">${dueLine(context, invoice)}</span>
              </th>
              <td class="num"><bdi>${money(context, invoice.amount_due)}</bdi></td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr part="total">
          <th scope="row">${msg('Total')}</th>
          <td class="num"><bdi>${money(context, total)}</bdi></td>
        </tr>
      </tfoot>
    </table>
    <p class="muted">
      ${msg(str`Amounts in ${total.currency}.`)}
      ${data.skipped
        ? plural(data.skipped, {
            zero: () => msg(str`${data.skipped} invoices are already paid and were left out.`, { id: 'pay-invoice.skipped.zero' }),
            one: () => msg(str`${data.skipped} invoice is already paid and was left out.`, { id: 'pay-invoice.skipped.one' }),
            two: () => msg(str`${data.skipped} invoices are already paid and were left out.`, { id: 'pay-invoice.skipped.two' }),
            few: () => msg(str`${data.skipped} invoices are already paid and were left out.`, { id: 'pay-invoice.skipped.few' }),
            many: () => msg(str`${data.skipped} invoices are already paid and were left out.`, { id: 'pay-invoice.skipped.many' }),
            other: () => msg(str`${data.skipped} invoices are already paid and were left out.`, { id: 'pay-invoice.skipped.other' }),
          })
        : nothing}
    </p>
    ${partialAllowed(data.account) ? renderAmount(context, data, total, state, money, on) : nothing}
    <div part="actions" class="actions">
      <button type="button" class="button" part="back-button" @click=${on.onChangeInvoices}>${msg('Change invoices')}</button>
      <button type="button" class="button primary" part="continue-button" @click=${on.onContinue}>${msg('Continue')}</button>
    </div>`;
}

function renderAmount(
  context: StepContext,
  data: FlowData,
  total: Money,
  state: ReviewState,
  money: ReviewHelpers['money'],
  on: ReviewHandlers,
): TemplateResult {
  const other = state.amountMode === 'other';
  const error = state.amountError;
  const minimum = data.account.payment_terms?.minimum_payment;
  const hint =
    minimum && minimum.currency === total.currency && minimum.amount < total.amount
      ? msg(str`From ${money(context, minimum)} up to ${money(context, total)}.`)
      : msg(str`Up to ${money(context, total)}.`);
  return html`<fieldset part="amount" class="amount">
    <legend>${msg('Amount to pay')}</legend>
    <label class="option">
      <input type="radio" name="amount-mode" value="full" .checked=${live(!other)} @change=${on.onAmountMode} />
      ${msg(str`Full amount (${money(context, total)})`)}
    </label>
    <label class="option">
      <input type="radio" name="amount-mode" value="other" .checked=${live(other)} @change=${on.onAmountMode} />
      ${msg('Another amount')}
    </label>
    ${other
      ? html`<div class="field">
          <label for="amount-input">${msg(str`Amount (${total.currency})`)}</label>
          <input
            id="amount-input"
            part="amount-input"
            type="text"
            inputmode="decimal"
            dir="ltr"
            autocomplete="off"
            .value=${live(state.amountText)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'amount-hint amount-error' : 'amount-hint'}
            @input=${on.onAmountInput}
          />
          <p id="amount-hint" class="muted hint">${hint}</p>
          ${error ? html`<p id="amount-error" part="field-error" class="field-error">${error}</p>` : nothing}
        </div>`
      : error
        ? html`<p part="field-error" class="field-error">${error}</p>`
        : nothing}
  </fieldset>`;
}
