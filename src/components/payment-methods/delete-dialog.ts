import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Account } from '../../api/schemas/account.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';

/** What deleting a method needs first: another default, another autopay method, or nothing. */
export interface DeletePlan {
  method: PaymentMethod;
  /** It is the default and other methods exist: another one becomes the default first. */
  replacesDefault: boolean;
  /** Autopay charges it: autopay moves to another method first. */
  replacesAutopay: boolean;
  /** Methods that may take its place (expired cards may not). */
  candidates: PaymentMethod[];
  /** Why it cannot be deleted here. */
  blocked?: 'autopay-only' | 'no-candidate';
}

/**
 * What the dialog needs from the list: names, and whether a method may take another's place
 * (expired cards may not). Passed in, so that this chunk imports nothing but lit: a host's bundler
 * (Vite 8) otherwise splits the modules it shares with the element's first file into files of their
 * own (every element page 73.9 → 75.6 kB gzip, 8 → 12 files).
 */
export interface DeleteDialogHelpers {
  methodName: (method: PaymentMethod) => string;
  canReplace: (method: PaymentMethod) => boolean;
}

export interface DeleteDialogState {
  /** Its steps are running. */
  busy: boolean;
  error?: string;
  onReplacementChange: (event: Event) => void;
  onConfirm: (event: Event) => void;
  onClose: () => void;
}

/** What deleting the method `id` takes, among these methods, with this autopay. */
export function deletePlan(
  id: string,
  methods: readonly PaymentMethod[],
  autopay: Account['autopay'] | undefined,
  helpers: DeleteDialogHelpers,
): DeletePlan | undefined {
  const method = methods.find((m) => m.id === id);
  if (!method) return undefined;
  const others = methods.filter((m) => m !== method);
  const replacesDefault = method.is_default && others.length > 0;
  const replacesAutopay = !!autopay?.enabled && autopay.payment_method_id === method.id;
  const candidates = others.filter(helpers.canReplace);
  const blocked =
    replacesAutopay && others.length === 0
      ? 'autopay-only'
      : (replacesDefault || replacesAutopay) && candidates.length === 0
        ? 'no-candidate'
        : undefined;
  return { method, replacesDefault, replacesAutopay, candidates, blocked };
}

/** The method that takes the deleted one's place: the one chosen, else the first candidate. */
export function replacementFor(plan: DeletePlan, chosenId: string | undefined): PaymentMethod | undefined {
  return plan.candidates.find((m) => m.id === chosenId) ?? plan.candidates[0];
}

/** The content of the delete dialog: the question, why, the replacement to choose, Delete / Cancel. */
export function renderDeleteDialog(
  plan: DeletePlan,
  chosen: PaymentMethod | undefined,
  state: DeleteDialogState,
  { methodName }: DeleteDialogHelpers,
): TemplateResult {
  const name = methodName(plan.method);
  const { busy } = state;
  const choose = !plan.blocked && (plan.replacesDefault || plan.replacesAutopay);
  const replacement = choose ? chosen : undefined;
  return html`<h2 id="pm-dialog-title">${msg(str`Delete ${name}?`)}</h2>
    <p id="pm-dialog-text">${deleteExplanation(plan)}</p>
    ${choose
      ? html`<div class="field">
          <label for="pm-replacement"
            >${plan.replacesDefault && plan.replacesAutopay
              ? msg('New default and autopay payment method')
              : plan.replacesDefault
                ? msg('New default payment method')
                : msg('New payment method for autopay')}</label
          >
          <select id="pm-replacement" autofocus ?disabled=${busy} @change=${state.onReplacementChange}>
            ${plan.candidates.map((m) => html`<option value=${m.id} ?selected=${m === replacement}>${methodName(m)}</option>`)}
          </select>
        </div>`
      : nothing}
    ${state.error ? html`<p class="message error" role="alert" part="error">${state.error}</p>` : nothing}
    <div class="actions">
      ${plan.blocked
        ? nothing
        : html`<button type="button" class="button danger" part="confirm-button" ?disabled=${busy} aria-busy=${String(busy)} @click=${state.onConfirm}>
            ${busy ? msg('Deleting…') : msg('Delete')}
          </button>`}
      <button type="button" class="button" ?autofocus=${!choose} ?disabled=${busy} @click=${state.onClose}>
        ${plan.blocked ? msg('Close') : msg('Cancel')}
      </button>
    </div>`;
}

function deleteExplanation(plan: DeletePlan): string {
  if (plan.blocked === 'autopay-only') {
    return msg('Autopay pays with this payment method, and it is the only one. Turn off autopay before deleting it.');
  }
  if (plan.blocked === 'no-candidate') {
    return msg('This payment method is needed until another one can take its place. Add a valid payment method first.');
  }
  if (plan.replacesDefault && plan.replacesAutopay) {
    return msg('This is the default payment method, and autopay pays with it. Choose the payment method that takes its place.');
  }
  if (plan.replacesDefault) return msg('This is the default payment method. Choose the payment method that becomes the default.');
  if (plan.replacesAutopay) return msg('Autopay pays with this payment method. Choose the payment method autopay uses instead.');
  return msg('It will be removed from this account.');
}
