/**
 * What the pricing table shows for a catalogue, a currency, an interval and a quantity: pure
 * functions of the data, so the server renders (SSR) exactly what the browser does. Prices are
 * estimates from src/api/price-math.ts; the authoritative price of a purchase is the server's quote.
 */
import { priceForQuantity, startingPrice } from '../../api/price-math.js';
import type { Plan, PlanPrice, PricingProduct } from '../../api/schemas/pricing.js';
import { BILLING_INTERVALS, PRICE_SCHEMES } from '../../api/licensing-vocabulary.js';

/** The largest quantity the input accepts when no plan has a maximum (a typo guard, not a limit of the catalogue). */
export const QUANTITY_CEILING = 1_000_000;

/** The plan's price in this currency and interval, when it has one. */
export function planPrice(plan: Plan, currency: string, interval: string): PlanPrice | undefined {
  return plan.prices.find((price) => price.currency === currency && price.interval === interval);
}

/** A plan the table prices itself: not "contact sales", and with at least one price of a scheme it knows. */
export function isSelfPriced(plan: Plan): boolean {
  return !plan.contact_sales && plan.prices.some((price) => (PRICE_SCHEMES as readonly string[]).includes(price.scheme));
}

/** The intervals some plan of the product has a price for in `currency`: month and year first, then any other. */
export function intervalsOf(product: PricingProduct, currency: string): string[] {
  const found = new Set(product.plans.flatMap((plan) => plan.prices.filter((p) => p.currency === currency).map((p) => p.interval)));
  const known = BILLING_INTERVALS.filter((interval) => found.has(interval));
  return [...known, ...[...found].filter((interval) => !(BILLING_INTERVALS as readonly string[]).includes(interval))];
}

/** What the quantity input accepts: from the smallest minimum to the largest maximum of the self-priced plans. */
export function quantityRange(product: PricingProduct): { min: number; max: number | null } | null {
  const plans = product.plans.filter(isSelfPriced);
  if (!plans.length) return null;
  const min = Math.min(...plans.map((plan) => plan.min_quantity));
  const max = plans.some((plan) => plan.max_quantity === null) ? null : Math.max(...plans.map((plan) => plan.max_quantity ?? 0));
  return { min, max };
}

/** The quantity shown before the visitor types one: the highlighted plan's minimum, else the smallest. */
export function defaultQuantity(product: PricingProduct, highlighted: Plan | undefined): number {
  const range = quantityRange(product);
  if (!range) return 1;
  return highlighted && isSelfPriced(highlighted) ? highlighted.min_quantity : range.min;
}

export type PlanEstimate =
  /** No public price here: contact sales (a `contact_sales` plan, an unknown scheme, no price in this currency and interval). */
  | { kind: 'contact' }
  /** More than the plan sells: its `max`. */
  | { kind: 'above-maximum'; max: number }
  | {
      kind: 'price';
      /** The quantity priced: the one asked for, or the plan's minimum when it was below. */
      quantity: number;
      /** Raised to the plan's minimum. */
      raised: boolean;
      /** The total for `quantity` for one interval, in minor units. */
      total: number;
      /** The lowest price per license (`per_seat`, `volume`, `graduated`), or the first band's price (`tiered`). */
      from: number | null;
      /** `tiered`: the band the quantity falls in. */
      band?: { from: number; to: number | null };
      price: PlanPrice;
    };

/** A plan's estimate for `quantity` in a currency and interval. */
export function estimate(plan: Plan, currency: string, interval: string, quantity: number): PlanEstimate {
  if (!isSelfPriced(plan)) return { kind: 'contact' };
  const price = planPrice(plan, currency, interval);
  if (!price || !(PRICE_SCHEMES as readonly string[]).includes(price.scheme)) return { kind: 'contact' };
  if (plan.max_quantity !== null && quantity > plan.max_quantity) return { kind: 'above-maximum', max: plan.max_quantity };
  const priced = Math.max(quantity, plan.min_quantity);
  const total = priceForQuantity(price, priced);
  // Beyond the last band, or a band without its amount: a number would be wrong, so none.
  if (total === null) return { kind: 'contact' };
  return {
    kind: 'price',
    quantity: priced,
    raised: priced !== quantity,
    total,
    from: startingPrice(price, plan.min_quantity),
    band: price.scheme === 'tiered' ? bandOf(price, priced) : undefined,
    price,
  };
}

function bandOf(price: PlanPrice, quantity: number): { from: number; to: number | null } | undefined {
  let below = 0;
  for (const tier of price.tiers ?? []) {
    if (tier.up_to === null || quantity <= tier.up_to) return { from: below + 1, to: tier.up_to };
    below = tier.up_to;
  }
  return undefined;
}

/**
 * What a year costs less than twelve months for `quantity`, in minor units (null when the plan
 * has no monthly and yearly price in the currency, or a year is not cheaper).
 */
export function yearlySaving(plan: Plan, currency: string, quantity: number): number | null {
  const monthly = estimate(plan, currency, 'month', quantity);
  const yearly = estimate(plan, currency, 'year', quantity);
  if (monthly.kind !== 'price' || yearly.kind !== 'price' || monthly.quantity !== yearly.quantity) return null;
  const saving = monthly.total * 12 - yearly.total;
  return saving > 0 ? saving : null;
}

/** The largest share of twelve months that a year saves among the product's plans (0.17 for "save 17%"), or null. */
export function bestYearlySaving(product: PricingProduct, currency: string, quantity: number): number | null {
  let best: number | null = null;
  for (const plan of product.plans) {
    const saving = yearlySaving(plan, currency, quantity);
    const monthly = estimate(plan, currency, 'month', quantity);
    if (saving === null || monthly.kind !== 'price' || monthly.total === 0) continue;
    const share = saving / (monthly.total * 12);
    if (best === null || share > best) best = share;
  }
  return best;
}

/** Where a plan stands against the account's current plan of the product, in the product's order. */
export type PlanStanding = 'none' | 'current' | 'upgrade' | 'other';

export function standing(product: PricingProduct, plan: Plan, currentPlanId: string | undefined): PlanStanding {
  if (!currentPlanId) return 'none';
  const current = product.plans.findIndex((p) => p.id === currentPlanId);
  if (current < 0) return 'none';
  const index = product.plans.indexOf(plan);
  return index === current ? 'current' : index > current ? 'upgrade' : 'other';
}

/** `cta-href` with `{product}`, `{plan}`, `{interval}`, `{currency}` and `{quantity}` filled in, each URL-encoded. */
export function fillLinkTemplate(template: string, values: Record<'product' | 'plan' | 'interval' | 'currency' | 'quantity', string>): string {
  return template.replace(/\{(product|plan|interval|currency|quantity)\}/g, (_, name: keyof typeof values) => encodeURIComponent(values[name]));
}
