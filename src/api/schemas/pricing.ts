import * as z from 'zod/mini';
import { CurrencyCode, Id } from './common.js';

export { BILLING_INTERVALS, PRICE_SCHEMES, type BillingInterval, type PriceScheme } from '../licensing-vocabulary.js';

const MinorUnits = z.int().check(z.nonnegative());

/**
 * One band of a tiered price: quantities up to `up_to` (inclusive; null: no upper bound), at
 * `unit_amount` per license (`volume`, `graduated`) or `flat_amount` for the band (`tiered`).
 */
export const PriceTier = z.object({
  up_to: z.nullable(z.int().check(z.positive())),
  unit_amount: z.optional(z.nullable(MinorUnits)),
  flat_amount: z.optional(z.nullable(MinorUnits)),
});
export type PriceTier = z.infer<typeof PriceTier>;

/**
 * A plan's price in one currency and interval, in the currency's minor units per interval. Any
 * other `scheme` than the four known ones renders as "contact sales" rather than a wrong number.
 */
export const PlanPrice = z.object({
  currency: CurrencyCode,
  interval: z.string().check(z.minLength(1)),
  scheme: z.string().check(z.minLength(1)),
  /** `per_seat`: the price of one license per interval. */
  unit_amount: z.optional(z.nullable(MinorUnits)),
  /** `volume`, `graduated`, `tiered`: the bands, in increasing `up_to`, the last one open. */
  tiers: z.optional(z.nullable(z.array(PriceTier))),
});
export type PlanPrice = z.infer<typeof PlanPrice>;


/**
 * A plan's features by id, each `true`, `false` or a text. An object with a check rather than
 * `z.record` of a union: their code would be in every page's HTTP client (0.5 kB gzip).
 */
const FeatureValues = z.looseObject({}).check(
  z.superRefine((values: Record<string, unknown>, ctx) => {
    for (const [id, value] of Object.entries(values)) {
      // The issue names the feature, as a record's check would.
      if (typeof value !== 'boolean' && typeof value !== 'string') ctx.addIssue({ code: 'custom', message: 'expected true, false or a text', path: [id], input: value });
    }
  }),
) as unknown as z.ZodMiniType<
  Record<string, boolean | string>,
  Record<string, boolean | string>
>;

export const Plan = z.object({
  id: Id,
  name: z.string(),
  description: z.optional(z.nullable(z.string())),
  /** The plan to draw attention to ("Most popular"). */
  highlighted: z.optional(z.boolean()),
  /** No public price: the call to action is "Contact sales". */
  contact_sales: z.optional(z.boolean()),
  min_quantity: z.int().check(z.positive()),
  max_quantity: z.nullable(z.int().check(z.positive())),
  prices: z.array(PlanPrice),
  /** By feature id: included (true), not (false), or a value ("10 GB", "Unlimited"). */
  features: FeatureValues,
});
export type Plan = z.infer<typeof Plan>;

export const PricingProduct = z.object({
  id: Id,
  name: z.string(),
  description: z.optional(z.nullable(z.string())),
  /** What one license is, singular ("seat", "user", "device"). */
  unit_label: z.string(),
  /** The rows of the comparison, in order. */
  features: z.array(z.object({ id: Id, name: z.string() })),
  plans: z.array(Plan),
});
export type PricingProduct = z.infer<typeof PricingProduct>;

/** `GET /pricing`: the public catalogue (no token), as a marketing page shows it. */
export const Pricing = z.object({
  products: z.array(PricingProduct),
  currencies: z.array(CurrencyCode),
  default_currency: CurrencyCode,
});
export type Pricing = z.infer<typeof Pricing>;
