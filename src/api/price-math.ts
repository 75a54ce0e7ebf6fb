/**
 * What a plan costs for a quantity, by its price scheme: the pricing table's estimate (the
 * authoritative price of a purchase is always the server's quote). Integer minor units per interval.
 */
import type { PlanPrice } from './schemas/pricing.js';

/** The price of `quantity` licenses for one interval, or null when the price cannot say (unknown scheme, beyond the tiers). */
export function priceForQuantity(price: PlanPrice, quantity: number): number | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1) return null;
  const tiers = price.tiers ?? [];
  switch (price.scheme) {
    case 'per_seat':
      return price.unit_amount == null ? null : price.unit_amount * quantity;
    case 'volume': {
      const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to);
      return tier?.unit_amount == null ? null : tier.unit_amount * quantity + (tier.flat_amount ?? 0);
    }
    case 'graduated': {
      let total = 0;
      let below = 0;
      for (const tier of tiers) {
        if (tier.unit_amount == null) return null;
        const top = tier.up_to ?? Infinity;
        const inTier = Math.min(quantity, top) - below;
        if (inTier > 0) total += inTier * tier.unit_amount + (tier.flat_amount ?? 0);
        below = top;
        if (quantity <= top) return total;
      }
      return null;
    }
    case 'tiered': {
      const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to);
      return tier?.flat_amount == null ? null : tier.flat_amount;
    }
    default:
      return null;
  }
}

/** The lowest price a plan starts at (its minimum quantity), for "from $8 per seat". */
export function startingPrice(price: PlanPrice, minQuantity: number): number | null {
  if (price.scheme === 'per_seat') return price.unit_amount ?? null;
  if (price.scheme === 'volume' || price.scheme === 'graduated') return price.tiers?.[0]?.unit_amount ?? null;
  return priceForQuantity(price, minQuantity);
}
