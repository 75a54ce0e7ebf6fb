import * as z from 'zod/mini';
import { Id, Timestamp } from './common.js';

export { BANK_ACCOUNT_TYPES, PAYMENT_METHOD_TYPES, type BankAccountType, type PaymentMethodType } from '../vocabulary.js';

const text = (max: number) => z.string().check(z.maxLength(max));
const required = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** A postal address; `country` is ISO 3166-1 alpha-2 (`US`, `DE`). */
export const Address = z.object({
  name: z.optional(z.nullable(text(200))),
  line1: required(200),
  line2: z.optional(z.nullable(text(200))),
  city: required(100),
  region: z.optional(z.nullable(text(100))),
  postal_code: z.optional(z.nullable(text(20))),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code')),
});
export type Address = z.infer<typeof Address>;

export const CardDetails = z.object({
  /** `visa`, `mastercard`, `amex`, ... (unknown brands are shown as they come). */
  brand: z.string(),
  last4: z.string().check(z.regex(/^[0-9]{4}$/, 'expected 4 digits')),
  exp_month: z.int().check(z.minimum(1), z.maximum(12)),
  exp_year: z.int().check(z.minimum(2000), z.maximum(2200)),
});
export type CardDetails = z.infer<typeof CardDetails>;

export const BankAccountDetails = z.object({
  bank_name: z.nullable(z.string()),
  last4: z.string().check(z.regex(/^[0-9]{4}$/, 'expected 4 digits')),
  /** `checking` or `savings`. */
  account_type: z.string(),
  account_holder_name: z.string(),
});
export type BankAccountDetails = z.infer<typeof BankAccountDetails>;

/**
 * A saved payment method. `type` is `card` or `bank_account` (with the matching details); a type
 * the elements do not know is listed by its `label` and can still be chosen and deleted.
 */
export const PaymentMethod = z.object({
  id: Id,
  type: z.string().check(z.minLength(1)),
  /** Server-made display name, used for unknown types (`PayPal — j***@example.com`). */
  label: z.optional(z.nullable(z.string())),
  is_default: z.boolean(),
  card: z.optional(z.nullable(CardDetails)),
  bank_account: z.optional(z.nullable(BankAccountDetails)),
  billing_address: z.optional(z.nullable(Address)),
  created_at: Timestamp,
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** What the account's payment gateway offers; drives which "add" forms the elements show. */
export const GatewayInfo = z.object({
  /** `test` for the reference server's test gateway; the host's gateway name otherwise. */
  name: z.string(),
  /** The kinds of method the customer may add (`card`, `bank_account`). */
  supported_types: z.array(z.string()),
  /**
   * The API accepts raw card numbers (`card` in POST /payment-methods). Only a test gateway does;
   * the elements also need the host's explicit opt-in (R9).
   */
  accepts_raw_card_data: z.boolean(),
  /** URL of the gateway's hosted card fields page (framed by the elements), when it offers them. */
  hosted_fields_url: z.optional(z.nullable(z.string())),
  /** ACH debit authorisation text the customer accepts when adding a bank account. */
  mandate_text: z.optional(z.nullable(z.string())),
});
export type GatewayInfo = z.infer<typeof GatewayInfo>;

/** `GET /payment-methods`: every saved method (a handful, so not paginated) and the gateway. */
export const PaymentMethodList = z.object({
  data: z.array(PaymentMethod),
  gateway: GatewayInfo,
});
export type PaymentMethodList = z.infer<typeof PaymentMethodList>;
