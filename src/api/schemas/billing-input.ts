import * as z from 'zod/mini';
import { Id, Money } from './common.js';
import { Address } from './payment-method.js';

/**
 * The bodies of the billing writes (pay, add, change and remove a method, autopay): only their own
 * operations' lazy chunk loads them (operations/groups.ts), not every billing page.
 */

const required = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

const digits = (min: number, max: number) =>
  z.string().check(z.regex(new RegExp(`^[0-9]{${min},${max}}$`), `expected ${min}-${max} digits`));

/** Raw card data: accepted only by a test gateway, sent only when the host opted in (R9). */
export const RawCard = z.strictObject({
  number: digits(12, 19),
  exp_month: z.int().check(z.minimum(1), z.maximum(12)),
  exp_year: z.int().check(z.minimum(2000), z.maximum(2200)),
  cvc: digits(3, 4),
});
export type RawCard = z.infer<typeof RawCard>;

export const NewBankAccount = z.strictObject({
  account_holder_name: required(200),
  routing_number: digits(9, 9),
  account_number: digits(4, 17),
  account_type: z.enum(['checking', 'savings']),
});
export type NewBankAccount = z.infer<typeof NewBankAccount>;

/**
 * `POST /payment-methods` [Idempotency-Key]. A card comes as a gateway `token` (the production
 * path: the tokenizer's fields never let the number reach this API) or, for a test gateway only,
 * as `card`. A bank account needs `mandate_accepted: true`.
 */
export const NewPaymentMethod = z.strictObject({
  type: z.enum(['card', 'bank_account']),
  token: z.optional(required(500)),
  card: z.optional(RawCard),
  bank_account: z.optional(NewBankAccount),
  mandate_accepted: z.optional(z.boolean()),
  billing_address: z.optional(z.nullable(Address)),
  set_default: z.optional(z.boolean()),
});
export type NewPaymentMethod = z.infer<typeof NewPaymentMethod>;

/** `PATCH /payment-methods/{id}`: make it the default, change its billing address or card expiry. */
export const PaymentMethodPatch = z.strictObject({
  is_default: z.optional(z.literal(true)),
  billing_address: z.optional(z.nullable(Address)),
  exp_month: z.optional(z.int().check(z.minimum(1), z.maximum(12))),
  exp_year: z.optional(z.int().check(z.minimum(2000), z.maximum(2200))),
});
export type PaymentMethodPatch = z.infer<typeof PaymentMethodPatch>;

/** `PATCH /account/autopay`: on needs a method (the default one when `payment_method_id` is absent). */
export const AutopayUpdate = z.strictObject({
  enabled: z.boolean(),
  payment_method_id: z.optional(z.nullable(Id)),
});
export type AutopayUpdate = z.infer<typeof AutopayUpdate>;

/**
 * `POST /payments` [Idempotency-Key]. `amount` is what the customer reviewed; the server refuses
 * it (422) when it is above the invoices' amount due, below the minimum, or partial where the
 * account does not allow partial payments. Without `amount`, the full amount due is paid.
 */
export const NewPayment = z.strictObject({
  invoice_ids: z.array(Id).check(z.minLength(1), z.maxLength(100)),
  payment_method_id: Id,
  amount: z.optional(Money),
});
export type NewPayment = z.infer<typeof NewPayment>;
