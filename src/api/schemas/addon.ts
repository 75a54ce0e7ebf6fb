import * as z from 'zod/mini';
import { CalendarDate, Id, Money, Timestamp } from './common.js';

export { ADDON_ACTIONS, ADDON_BILLING, ADDON_PROBLEM_CODES, KNOWN_ADDON_STATES, type AddonAction, type AddonBilling, type AddonProblemCode, type AddonState } from '../addon-vocabulary.js';

/** What an add-on needs outside the product (an account with a messaging provider), and whether it is done. */
export const AddonSetup = z.object({
  /** Who the outside account is with ("Twilio"); null when it is set up in the product itself. */
  provider: z.nullable(z.string()),
  /** Where the customer sets it up; elements show only https links and links on their own origin. */
  url: z.nullable(z.string()),
  /** An enabled add-on whose setup is not complete does nothing yet. */
  complete: z.boolean(),
});
export type AddonSetup = z.infer<typeof AddonSetup>;

export const Addon = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** Per period (`monthly`, `yearly`), once (`one_time`) or per unit used (`per_use`): see `billing`. */
  price: Money,
  /** One of ADDON_BILLING; another word renders as is. */
  billing: z.string(),
  /** `per_use`: what one unit is ("message"). */
  unit_label: z.nullable(z.string()),
  /** One of KNOWN_ADDON_STATES; another word renders as is. */
  state: z.string().check(z.minLength(1)),
  /** While `pending`: `enable` or `disable`. */
  pending_action: z.nullable(z.string()),
  /** Null when the add-on needs nothing outside the product. */
  setup: z.nullable(AddonSetup),
  /** More about the add-on; elements show only https links and links on their own origin. */
  learn_more_url: z.nullable(z.string()),
  enabled_at: z.nullable(Timestamp),
});
export type Addon = z.infer<typeof Addon>;

/** `GET /addons`: every add-on the account can have (a product has tens, not thousands: no pages). */
export const AddonList = z.object({ data: z.array(Addon) });
export type AddonList = z.infer<typeof AddonList>;

/** `POST /addons/{id}/preview`: the price change of enabling or disabling, before anything is charged. */
export const NewAddonPreview = z.strictObject({ action: z.enum(['enable', 'disable']) });
export type NewAddonPreview = z.infer<typeof NewAddonPreview>;

/**
 * The change's price as the server computed it, kept until `expires_at`: enabling a monthly or
 * yearly add-on invoices its prorated part of the current period at once; enabling a one-time one
 * invoices its price; a per-use one costs nothing now. Disabling credits the unused part of the
 * period. Every later invoice changes by `next_invoice.changes_by`.
 */
export const AddonPreview = z.object({
  id: Id,
  addon_id: Id,
  addon_name: z.string(),
  /** `enable` or `disable`. */
  action: z.string(),
  billing: z.string(),
  /**
   * The part of the current period prorated, in whole months and days (null for one-time and
   * per-use add-ons): a license quote's `ProratedPeriod`, written out so that the add-on chunk
   * does not load the licensing schemas.
   */
  period: z.nullable(z.object({ start: CalendarDate, end: CalendarDate, months: z.int().check(z.nonnegative()), days: z.int().check(z.nonnegative()) })),
  /** One of the proration policies; another word renders as is. */
  proration_policy: z.nullable(z.string()),
  subtotal: Money,
  tax: Money,
  tax_label: z.optional(z.nullable(z.string())),
  /** Invoiced when the change is confirmed (zero for a disable and for per-use add-ons). */
  total: Money,
  /** Credited to the account when a disable is confirmed (zero otherwise). */
  credit: Money,
  /** What the invoices from the next one on change by (negative for a disable); null when none does. */
  next_invoice: z.nullable(z.object({ date: CalendarDate, changes_by: Money })),
  created_at: Timestamp,
  expires_at: Timestamp,
});
export type AddonPreview = z.infer<typeof AddonPreview>;

/** `POST /addons/{id}/enable` and `/disable` [Idempotency-Key]: the preview the customer confirmed. */
export const AddonChangeRequest = z.strictObject({ preview_id: Id });
export type AddonChangeRequest = z.infer<typeof AddonChangeRequest>;

/** The add-on after the change, with the invoice or the credit it made. */
export const AddonChange = z.object({
  addon: Addon,
  invoice_id: z.nullable(Id),
  invoice_number: z.nullable(z.string()),
  credit_id: z.nullable(Id),
});
export type AddonChange = z.infer<typeof AddonChange>;
