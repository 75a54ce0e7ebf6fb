import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { plural } from '../../../core/plural.js';
import { messageForError } from '../../../core/error-view.js';
import { formatMoney } from '../../../core/money.js';
import { paymentMethodLabel } from '../../../core/payment-method-display.js';
import type { ApiError } from '../../../api/errors.js';
import type { Money } from '../../../api/schemas/common.js';
import type { Payment } from '../../../api/schemas/payment.js';
import type { Attempt, Draft } from '../flow.js';
import { achText, sessionExpiredText, unconfirmedText } from '../flow-later.js';
import type { StepContext } from './common.js';

/** As `money` of `common.ts` (this chunk does not import the element's other modules: see later-steps.ts). */
function money(context: StepContext, amount: Money): string {
  return formatMoney(amount, context.locale);
}

export interface ConfirmState {
  attempt: Attempt;
  /** "Processing payment…" / "Checking the payment status…" while it runs. */
  status: string;
  /** A refusal that charged nothing (forbidden, ...): a new Pay is safe. */
  payError?: ApiError;
}

export interface ConfirmHandlers {
  onBack: () => void;
  onPay: (event: Event) => void;
  onCheckAgain: (event: Event) => void;
}

/**
 * Step 4, below its heading (`confirmTitle`, rendered by the element): the facts to confirm (amount,
 * currency, method and invoices: R16), then Pay or where the attempt stands.
 */
export function renderConfirm(context: StepContext, draft: Draft, state: ConfirmState, on: ConfirmHandlers): TemplateResult {
  const { attempt } = state;
  const running = attempt === 'paying' || attempt === 'checking';
  return html`${renderFacts(context, draft, draft.amount)}
    ${draft.method.type === 'bank_account' ? html`<p class="muted">${achText()}</p>` : nothing}
    ${running ? html`<p part="status" class="status"><span class="spinner" aria-hidden="true"></span>${state.status}</p>` : nothing}
    ${attempt === 'unconfirmed'
      ? html`<div part="result" class="message warning">
          <p>${unconfirmedText()}</p>
        </div>`
      : nothing}
    ${attempt === 'session-expired'
      ? html`<div part="result" class="message error">
          <p>${sessionExpiredText()}</p>
        </div>`
      : nothing}
    ${state.payError ? html`<div part="result" class="message error"><p>${messageForError(state.payError)}</p></div>` : nothing}
    <div part="actions" class="actions">
      ${attempt === 'unconfirmed'
        ? html`<button type="button" class="button primary" part="check-again-button" aria-disabled="false" @click=${on.onCheckAgain}>
            ${msg('Check again')}
          </button>`
        : html`${attempt === 'idle'
              ? html`<button type="button" class="button" part="back-button" @click=${on.onBack}>${msg('Back')}</button>`
              : nothing}
            <button
              type="button"
              class="button primary"
              part="pay-button"
              aria-disabled=${running ? 'true' : 'false'}
              aria-busy=${running ? 'true' : 'false'}
              @click=${on.onPay}
            >
              ${running ? msg('Processing payment…') : msg(str`Pay ${money(context, draft.amount)}`)}
            </button>`}
    </div>`;
}

/** Amount, currency, method and invoices; with the server's payment once there is one. */
export function renderFacts(context: StepContext, draft: Draft, amount: Money, payment?: Payment): TemplateResult {
  // The server's allocations (what each invoice received) in the order the user confirmed: the
  // server allocates oldest due first, and the list must not reorder between confirm and success.
  const position = (id: string) => draft.invoices.findIndex((invoice) => invoice.id === id) >>> 0; // unknown ids (-1) last
  const invoices = payment?.allocations.length
    ? [...payment.allocations]
        .sort((a, b) => position(a.invoice_id) - position(b.invoice_id))
        .map((allocation) => ({ number: allocation.invoice_number, amount: allocation.amount }))
    : draft.invoices.map((invoice) => ({ number: invoice.number, amount: invoice.amount_due }));
  return html`<dl part="summary" class="facts">
    ${payment ? html`<div><dt>${msg('Payment reference')}</dt><dd><bdi>${payment.id}</bdi></dd></div>` : nothing}
    <div><dt>${msg('Amount')}</dt><dd class="strong"><bdi>${money(context, amount)}</bdi></dd></div>
    <div><dt>${msg('Currency')}</dt><dd>${amount.currency}</dd></div>
    <div>
      <dt>${msg('Payment method')}</dt>
      <dd><bdi>${payment?.payment_method?.label ?? paymentMethodLabel(draft.method)}</bdi></dd>
    </div>
    <div>
      <dt>${plural(invoices.length, {
        zero: () => msg('Invoices'),
        one: () => msg('Invoice'),
        two: () => msg('Invoices', { id: 'pay-invoice.invoices-label.two' }),
        few: () => msg('Invoices'),
        many: () => msg('Invoices'),
        other: () => msg('Invoices'),
      })}</dt>
      <dd>
        <ul class="plain">
          ${invoices.map((invoice) => html`<li><bdi>${invoice.number}</bdi> <span class="muted">(<bdi>${money(context, invoice.amount)}</bdi>)</span></li>`)}
        </ul>
      </dd>
    </div>
  </dl>`;
}
