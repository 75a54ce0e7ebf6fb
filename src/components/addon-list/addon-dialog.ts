import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { monthsAndDaysText } from '../../core/duration.js';
import { holdsUntilText } from '../../core/quote-time.js';
import type { Money } from '../../api/schemas/common.js';
import type { Addon, AddonPreview } from '../../api/schemas/addon.js';

/**
 * The confirmation dialog's content, a chunk of its own (addon-dialog-loader.ts): the change's
 * previewed price, what the customer confirms, and the change's outcome. Besides lit it imports
 * only modules that import nothing (durations, a time in words), so they come with it rather than
 * in the list's first file; the element passes the rest of the formatting in (`AddonDialogHelpers`):
 * a lazy chunk importing modules the page's first file shares makes a host's bundler split that file.
 */

export interface AddonDialogHelpers {
  money: (money: Money, locale: string) => string;
  date: (date: string, locale: string) => string;
  /** The add-on's price with its billing ("$49.00 per month"). */
  price: (addon: Addon, locale: string) => string;
}

export interface AddonDialogView {
  addon: Addon;
  action: 'enable' | 'disable';
  locale: string;
  preview?: AddonPreview;
  /** The preview's request: on its way, or failed with this message. */
  previewLoading: boolean;
  previewError?: string;
  /** The confirmed change is on its way. */
  busy: boolean;
  /** Its outcome is unknown: only "Check again" (the same change) is offered. */
  unknown: boolean;
  message?: { tone: 'error' | 'warning'; text: string };
  /** Nothing can be confirmed (the add-on changed meanwhile): Close only. */
  closed: boolean;
}

export interface AddonDialogHandlers {
  onConfirm: (event: Event) => void;
  onCheckAgain: (event: Event) => void;
  onRetryPreview: () => void;
  onClose: () => void;
}

export function renderAddonDialog(view: AddonDialogView, on: AddonDialogHandlers, helpers: AddonDialogHelpers): TemplateResult {
  const { addon, action, busy } = view;
  const enabling = action === 'enable';
  const canConfirm = !!view.preview && !view.closed && !view.unknown;
  return html`<h2 id="addon-dialog-title"><bdi>${enabling ? msg(str`Enable ${addon.name}?`) : msg(str`Disable ${addon.name}?`)}</bdi></h2>
    <p id="addon-dialog-text"><bdi>${helpers.price(addon, view.locale)}</bdi></p>
    <div aria-live="polite">${renderPreview(view, on, helpers)}</div>
    ${enabling && addon.setup && !addon.setup.complete
      ? html`<p class="muted">
          ${addon.setup.provider
            ? html`<bdi>${msg(str`Once it is enabled, connect your ${addon.setup.provider} account: the add-on does nothing until then.`)}</bdi>`
            : msg('Once it is enabled, finish its setup: the add-on does nothing until then.')}
        </p>`
      : nothing}
    ${view.message
      ? html`<div class="message ${view.message.tone === 'error' ? 'error' : ''}" role="alert" part="message" tabindex="-1"><p>${view.message.text}</p></div>`
      : nothing}
    <div class="actions">
      ${canConfirm || busy
        ? html`<button type="button" class="button ${enabling ? 'primary' : 'danger'}" part="confirm-button" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}
            @click=${on.onConfirm}>
            ${busy ? (enabling ? msg('Enabling…') : msg('Disabling…')) : enabling ? msg('Enable') : msg('Disable')}
          </button>`
        : nothing}
      ${view.unknown
        ? html`<button type="button" class="button" part="check-again-button" @click=${on.onCheckAgain}>${msg('Check again')}</button>`
        : nothing}
      <button type="button" class="button" part="cancel-button" autofocus ?disabled=${busy} @click=${on.onClose}>
        ${view.closed ? msg('Close') : msg('Cancel')}
      </button>
    </div>
    <p class="visually-hidden" role="status">${busy ? (enabling ? msg('Enabling…') : msg('Disabling…')) : ''}</p>`;
}

function renderPreview(view: AddonDialogView, on: AddonDialogHandlers, helpers: AddonDialogHelpers): TemplateResult | typeof nothing {
  const { preview, locale } = view;
  if (view.previewError) {
    return html`<div class="message error" role="alert" part="preview-status">
      <p>${view.previewError}</p>
      <button type="button" class="button" part="retry-button" @click=${on.onRetryPreview}>${msg('Retry')}</button>
    </div>`;
  }
  if (!preview) {
    return html`<div class="loading" aria-busy="true" part="preview-status">
      <span class="skeleton"></span><span class="skeleton"></span>
      <span class="visually-hidden" role="status">${msg('Getting the price…')}</span>
    </div>`;
  }
  const money = (m: Money) => html`<bdi>${helpers.money(m, locale)}</bdi>`;
  const enabling = preview.action === 'enable';
  const period = preview.period;
  const periodText = period
    ? msg(str`${monthsAndDaysText(period.months, period.days, locale)}, from ${helpers.date(period.start, locale)} to ${helpers.date(period.end, locale)}`)
    : undefined;
  const lead = html`<div class="total">
    <dt>${enabling ? msg('Invoiced now') : msg('Credited now')}</dt>
    <dd class="num" part="amount-now">${money(enabling ? preview.total : preview.credit)}</dd>
  </div>`;
  const showsLines = preview.subtotal.amount > 0;
  return html`<div part="preview" class="preview">
    <dl class="amounts">
      ${showsLines
        ? html`<div><dt>${enabling ? msg('Subtotal') : msg('Unused part')}</dt><dd class="num">${money(preview.subtotal)}</dd></div>
            <div><dt><bdi>${preview.tax_label ?? msg('Tax')}</bdi></dt><dd class="num">${money(preview.tax)}</dd></div>`
        : nothing}
      ${lead}
    </dl>
    ${periodText ? html`<p class="muted">${enabling ? msg(str`Prorated: ${periodText}.`) : msg(str`The unused part of the period: ${periodText}.`)}</p>` : nothing}
    ${preview.next_invoice
      ? html`<p class="muted">
          ${enabling
            ? msg(str`From ${helpers.date(preview.next_invoice.date, locale)}, each invoice adds ${helpers.money(preview.next_invoice.changes_by, locale)}.`)
            : msg(str`From ${helpers.date(preview.next_invoice.date, locale)}, each invoice is ${helpers.money({ ...preview.next_invoice.changes_by, amount: -preview.next_invoice.changes_by.amount }, locale)} less.`)}
        </p>`
      : nothing}
    ${preview.billing === 'per_use'
      ? html`<p class="muted">${enabling ? msg('Nothing is charged now: what you use is on your invoices.') : msg('Nothing is credited: use until now is on your next invoice.')}</p>`
      : preview.billing === 'one_time'
        ? html`<p class="muted">${enabling ? msg('Charged once.') : msg('A one-time purchase is not credited.')}</p>`
        : nothing}
    <p class="muted small">${msg(str`This price holds until ${holdsUntilText(preview.expires_at, locale)}.`)}</p>
  </div>`;
}
