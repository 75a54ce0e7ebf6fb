import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatCalendarDate } from '../../core/dates.js';
import { monthsAndDaysText } from '../../core/duration.js';
import { formatMoney } from '../../core/money.js';
import { holdsUntilText } from '../../core/quote-time.js';
import type { LicenseQuote, ProratedPeriod } from '../../api/schemas/license.js';

/** "7 months and 20 days, to the renewal on 9 January 2027", in words. */
export function periodText(period: ProratedPeriod, locale: string): string {
  const length = monthsAndDaysText(period.months, period.days, locale);
  return msg(str`${length}, from ${formatCalendarDate(period.start, locale)} to the renewal on ${formatCalendarDate(period.end, locale)}`);
}

/** How the policy that applied prices the part of the term. */
export function policyText(policy: string): string {
  switch (policy) {
    case 'prorate_by_day':
      return msg('Prorated by day to the end of your contract term.');
    case 'prorate_by_month':
      return msg('Prorated by month to the end of your contract term (this month counts in full).');
    case 'full_price':
      return msg('Charged at the full price for the term, whenever it is added.');
    case 'at_renewal':
      return msg('Nothing is charged now: the licenses are billed from your renewal.');
    default:
      return policy;
  }
}

/** The quote: what is bought, for which part of the term, and every amount, all from the server. */
export function renderQuote(quote: LicenseQuote, locale: string, stale: boolean): TemplateResult {
  const money = (m: LicenseQuote['total']) => html`<bdi>${formatMoney(m, locale)}</bdi>`;
  const quantity = quote.additional_quantity;
  const unitPrice = formatMoney(quote.unit_price, locale);
  return html`<div part="quote" class="quote" aria-busy=${stale ? 'true' : 'false'}>
    <p class="quote-line">
      <bdi>${msg(str`Additional licenses: ${quantity} × ${unitPrice} for the term`)}</bdi>
    </p>
    <p class="muted">${periodText(quote.period, locale)}</p>
    <p class="muted">${policyText(quote.proration_policy)}</p>
    <dl class="amounts">
      <div><dt>${msg('Subtotal')}</dt><dd class="num">${money(quote.subtotal)}</dd></div>
      <div><dt><bdi>${quote.tax_label ?? msg('Tax')}</bdi></dt><dd class="num">${money(quote.tax)}</dd></div>
      <div class="total"><dt>${msg('Total')}</dt><dd class="num">${money(quote.total)}</dd></div>
      <div class="today"><dt>${msg('Due today')}</dt><dd class="num" part="due-today">${money(quote.due_today)}</dd></div>
    </dl>
    <p class="muted">
      ${msg(str`Your next invoice, on ${formatCalendarDate(quote.next_invoice.date, locale)}, adds ${formatMoney(quote.next_invoice.adds, locale)} for these licenses.`)}
    </p>
    <p class="muted small">${msg(str`This price holds until ${holdsUntilText(quote.expires_at, locale)}.`)}</p>
  </div>`;
}
