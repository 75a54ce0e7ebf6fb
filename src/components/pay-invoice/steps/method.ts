import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { cardExpiryLine, paymentMethodLabel } from '../../../core/payment-method-display.js';
import { renderLazyStatus, type LazyStatus } from '../../../core/lazy-module.js';
import type { PaymentMethod } from '../../../api/schemas/payment-method.js';
import type { FlowData } from '../flow.js';
import { achText, isExpired } from '../flow-later.js';

export interface MethodState {
  /** The method that Continue would use. */
  chosen?: PaymentMethod;
  methodError?: string;
  /** The add form is open (or there is no saved method). */
  adding: boolean;
  /** The account's gateway is known: the add form can be shown. */
  canAdd: boolean;
  /** The add form's code: loading, failed, or there. */
  form: LazyStatus;
}

export interface MethodHandlers {
  onMethodChange: (event: Event) => void;
  onAddMethod: () => void;
  onRetryForm: () => void;
  onBack: () => void;
  onContinue: () => void;
}

/**
 * Step 3, below its heading (`methodTitle`, rendered by the element, so that it is there while this
 * chunk loads): the saved methods as radios, "Add a payment method" (the form in the slot), Continue.
 */
export function renderMethodStep(data: FlowData, state: MethodState, on: MethodHandlers): TemplateResult {
  const error = state.methodError;
  return html`${data.methods.length
      ? html`<fieldset part="methods" class="methods" aria-describedby=${error ? 'method-error' : nothing}>
          <legend class="visually-hidden">${msg('Saved payment methods')}</legend>
          ${data.methods.map((method) => renderMethodOption(method, method === state.chosen, on))}
        </fieldset>`
      : html`<p class="message">${msg('There is no saved payment method yet. Add one to pay.')}</p>`}
    ${error ? html`<p id="method-error" part="field-error" class="field-error">${error}</p>` : nothing}
    ${state.adding
      ? state.canAdd &&
        html`<div part="add-method">
          ${state.form === 'ready' ? html`<slot name="payment-method-form"></slot>` : renderLazyStatus(state.form, on.onRetryForm)}
        </div>`
      : html`<button type="button" class="button" part="add-method-button" @click=${on.onAddMethod}>
          ${msg('Add a payment method')}
        </button>`}
    <div part="actions" class="actions">
      <button type="button" class="button" part="back-button" @click=${on.onBack}>${msg('Back')}</button>
      <button type="button" class="button primary" part="continue-button" @click=${on.onContinue}>${msg('Continue')}</button>
    </div>`;
}

function renderMethodOption(method: PaymentMethod, checked: boolean, on: MethodHandlers): TemplateResult {
  const expired = isExpired(method);
  return html`<label part="method" class=${checked ? 'method selected' : 'method'}>
    <input
      type="radio"
      name="payment-method"
      .value=${method.id}
      ?disabled=${expired}
      .checked=${live(checked)}
      @change=${on.onMethodChange}
    />
    <span class="method-text">
      <bdi>${paymentMethodLabel(method)}</bdi>
      ${method.card ? html`<span class="muted">${cardExpiryLine(method.card, expired)}</span>` : nothing}
      ${method.type === 'bank_account' ? html`<span class="muted">${achText()}</span>` : nothing}
    </span>
    ${method.is_default ? html`<span class="badge info">${msg('Default')}</span>` : nothing}
    ${expired ? html`<span class="badge danger">${msg('Expired')}</span>` : nothing}
  </label>`;
}
