import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FormFields } from '../../core/form-fields.js';
import { renderLazyStatus, type LazyStatus } from '../../core/lazy-module.js';
import { bankAccountTypeLabel, cardExpiryLine, cardExpiryStatus, formatAddress, methodName, paymentMethodLabel } from '../../core/payment-method-display.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import { renderAddressFields, type AddressField } from '../payment-method-form/billing-address.js';

/** What one row of the list shows, and what its buttons do. */
export interface MethodRow {
  /** Autopay charges this method. */
  autopay: boolean;
  /** "Now", for "Expired" / "Expires soon" (one instant for the whole list). */
  now: Date;
  locale: string;
  /** The user may change payment methods (the row's buttons). */
  canManage: boolean;
  /** Its billing address is being edited, in these fields. */
  editing?: FormFields<AddressField>;
  /** A write of this row is running. */
  busy: boolean;
  error?: string;
  /** Delete was pressed and the dialog's code is loading (the button is busy) or failed to load (Retry). */
  deleteCode?: LazyStatus;
  onSetDefault: (event: Event) => void;
  onEditAddress: () => void;
  onDelete: () => void;
  onRetryDelete: () => void;
  /** Pointer or focus on Delete: time to load the dialog's code. */
  onPrefetchDelete: () => void;
  onSaveAddress: (event: SubmitEvent) => void;
  onCancelEdit: () => void;
}

/** One saved method: name and badges, expiry or bank details, billing address, and its actions. */
export function renderMethodRow(method: PaymentMethod, row: MethodRow): TemplateResult {
  const { autopay, now, canManage, busy, error } = row;
  const name = methodName(method);
  const expiry = method.card ? cardExpiryStatus(method.card, now) : undefined;
  const editing = !!row.editing;
  const address = method.billing_address;
  return html`<li part="method" class="method" data-id=${method.id}>
    <div class="summary">
      <p class="name">
        <bdi aria-hidden="true">${paymentMethodLabel(method)}</bdi><span class="visually-hidden">${name}</span>
        ${method.is_default ? html`<span class="badge info" part="badge">${msg('Default')}</span>` : nothing}
        ${autopay ? html`<span class="badge" part="badge">${msg('Autopay')}</span>` : nothing}
        ${expiry === 'expired'
          ? html`<span class="badge danger" part="badge">${msg('Expired')}</span>`
          : expiry === 'expiring'
            ? html`<span class="badge warning" part="badge">${msg('Expires soon')}</span>`
            : nothing}
      </p>
      ${renderDetails(method)}
      <p class="muted">
        ${address ? msg(str`Billing address: ${formatAddress(address, row.locale)}`) : msg('No billing address')}
      </p>
    </div>
    ${canManage && !editing
      ? html`<div class="actions" part="actions">
          ${method.is_default
            ? nothing
            : html`<button
                type="button"
                class="button"
                part="default-button"
                aria-label=${msg(str`Set as default: ${name}`)}
                ?disabled=${busy}
                aria-busy=${String(busy)}
                @click=${row.onSetDefault}
              >
                ${msg('Set as default')}
              </button>`}
          <button
            type="button"
            class="button"
            part="edit-button"
            aria-label=${msg(str`Edit billing address: ${name}`)}
            @click=${row.onEditAddress}
          >
            ${msg('Edit billing address')}
          </button>
          <button
            type="button"
            class="button"
            part="delete-button"
            aria-label=${msg(str`Delete: ${name}`)}
            aria-busy=${String(row.deleteCode === 'loading')}
            @click=${row.onDelete}
            @pointerenter=${row.onPrefetchDelete}
            @focus=${row.onPrefetchDelete}
          >
            ${msg('Delete')}
          </button>
        </div>`
      : nothing}
    ${row.editing ? renderAddressEditor(row.editing, name, row) : nothing}
    ${error && !editing ? html`<p class="message error" role="alert" part="error">${error}</p>` : nothing}
    ${row.deleteCode === 'failed' ? renderLazyStatus('failed', row.onRetryDelete) : nothing}
  </li>`;
}

function renderDetails(method: PaymentMethod) {
  if (method.card) {
    return html`<p class="muted">${cardExpiryLine(method.card, cardExpiryStatus(method.card) === 'expired')}</p>`;
  }
  if (method.bank_account) {
    const bank = method.bank_account;
    return html`<p class="muted">${bankAccountTypeLabel(bank.account_type)} · ${bank.account_holder_name}</p>`;
  }
  return nothing;
}

function renderAddressEditor(fields: FormFields<AddressField>, name: string, row: MethodRow): TemplateResult {
  const { busy, error } = row;
  return html`<form
    class="address-editor"
    part="address-form"
    novalidate
    aria-label=${msg(str`Billing address: ${name}`)}
    @submit=${row.onSaveAddress}
  >
    ${renderAddressFields(fields, row.locale)}
    ${error ? html`<p class="message error" role="alert" part="error">${error}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="button primary" ?disabled=${busy} aria-busy=${String(busy)}>${msg('Save address')}</button>
      <button type="button" class="button" @click=${row.onCancelEdit}>${msg('Cancel')}</button>
    </div>
  </form>`;
}
