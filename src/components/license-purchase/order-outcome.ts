/**
 * The confirmation after an order, loaded on demand (outcome-loader.ts): what the order bought and
 * how it was paid, the sales order, and the provisioning status that `ProvisioningPoll` keeps
 * current. The heading and the order number are in the element's first file, so they show even if
 * this chunk cannot be loaded.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { minutesText } from '../../core/license-display.js';
import { formatMoney } from '../../core/money.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import type { LicenseOrder, ProratedPeriod } from '../../api/schemas/license.js';

export { ProvisioningPoll } from './provisioning-poll.js';

/** What the confirmation takes from the element's first file (the quote words the period the same way). */
export type PeriodText = (period: ProratedPeriod, locale: string) => string;

/** The placed order below its number: what was bought and paid or invoiced, the sales order, and provisioning. */
export function renderOrderDetails(order: LicenseOrder, provisioningMinutes: number, locale: string, periodText: PeriodText): TemplateResult {
  const salesOrder = safeLinkUrl(order.sales_order_url);
  const provisioned = order.status === 'provisioned';
  const paidWith = order.payment_type === 'invoice'
    ? msg(str`Invoiced: ${formatMoney(order.total, locale)}${order.invoice_number ? ` (${order.invoice_number})` : ''}, payable on your account’s terms.`)
    : order.payment_label
      ? msg(str`Charged ${formatMoney(order.due_today, locale)} to ${order.payment_label}.`)
      : msg(str`Charged ${formatMoney(order.due_today, locale)}.`);
  return html`<p><bdi>${msg(str`Additional licenses of ${order.product_name}: ${order.additional_quantity}`)}</bdi></p>
    <p><bdi>${paidWith}</bdi></p>
    <p class="muted">${periodText(order.period, locale)}</p>
    ${salesOrder
      ? html`<p><a class="button" part="sales-order-link" href=${salesOrder} download>${msg('Download sales order')}</a></p>`
      : nothing}
    <p part="provisioning" class=${provisioned ? 'provisioned' : 'pending'}>
      <span class="badge ${provisioned ? 'success' : 'warning'}" part="provisioning-status">
        ${provisioned ? msg('Ready to use') : msg('Being set up')}
      </span>
      ${provisioned
        ? msg('Your new licenses are ready to use.')
        : msg(str`Licenses can take up to ${minutesText(provisioningMinutes, locale)} to appear. This page updates by itself.`)}
    </p>`;
}
