import { msg, str } from '@lit/localize';
import { formatMoney } from '../../core/money.js';
import type { Addon } from '../../api/schemas/addon.js';

/** "$49.00 per month", "$1,200.00 per year", "$500.00 once", "$0.01 per message"; another billing word as it comes. */
export function addonPriceText(addon: Pick<Addon, 'price' | 'billing' | 'unit_label'>, locale: string): string {
  const price = formatMoney(addon.price, locale);
  switch (addon.billing) {
    case 'monthly':
      return msg(str`${price} per month`);
    case 'yearly':
      return msg(str`${price} per year`);
    case 'one_time':
      return msg(str`${price} once`);
    case 'per_use':
      return addon.unit_label ? msg(str`${price} per ${addon.unit_label}`) : msg(str`${price} per use`);
    default:
      return `${price} (${addon.billing})`;
  }
}
