import * as z from 'zod/mini';
import { ADDRESS_USES } from '../address-vocabulary.js';
import { Id, Timestamp, page } from './common.js';
import { Address } from './payment-method.js';

export { ADDRESS_PROBLEM_CODES, ADDRESS_USES, type AddressProblemCode, type AddressUse } from '../address-vocabulary.js';

const distinct = (uses: readonly string[]) => new Set(uses).size === uses.length;

/** Uses in a request: each one of ADDRESS_USES, at most once. */
const useList = () => z.array(z.enum(ADDRESS_USES)).check(z.maxLength(ADDRESS_USES.length), z.refine(distinct, 'a use is listed twice'));
/** What an address is for: one or more uses. */
const AddressUses = useList().check(z.minLength(1));

/**
 * A payment method whose billing address is this address (compared without case and extra spaces;
 * the name is not compared). The method keeps its own copy of its billing address: editing or
 * deleting the address changes no payment method.
 */
export const AddressPaymentMethod = z.object({
  id: Id,
  /** The method's label as the payments show it (`Visa •••• 4242`). */
  label: z.string(),
});
export type AddressPaymentMethod = z.infer<typeof AddressPaymentMethod>;

/**
 * An address of the account's address book: the fields of a billing address (same names, same
 * limits, the same country rules), what it is for, and which of its uses it is the default of.
 */
export const SavedAddress = z.object({
  id: Id,
  ...Address.shape,
  /** One or more of ADDRESS_USES (`billing`, `shipping`, `residential`); another word renders as is. */
  uses: z.array(z.string()),
  /** The uses this address is the default of: each of them is one of its `uses`. */
  default_for: z.array(z.string()),
  /** The payment methods whose billing address this is, in the payment methods' order. */
  payment_methods: z.array(AddressPaymentMethod),
  created_at: Timestamp,
  /** When its fields, uses or defaults last changed. */
  updated_at: Timestamp,
});
export type SavedAddress = z.infer<typeof SavedAddress>;

/** `GET /addresses`: the address book, oldest first, cursor-paginated like every list that can grow. */
export const SavedAddressPage = page(SavedAddress);
export type SavedAddressPage = z.infer<typeof SavedAddressPage>;

/**
 * `POST /addresses` [Idempotency-Key]. The first address with a use becomes that use's default;
 * `default_for` makes it the default of these of its uses now (the default moves from the address
 * that had it).
 */
export const NewSavedAddress = z.strictObject({
  ...Address.shape,
  uses: AddressUses,
  default_for: z.optional(useList()),
});
export type NewSavedAddress = z.infer<typeof NewSavedAddress>;

/**
 * `PATCH /addresses/{id}` [Idempotency-Key]: any of the fields (the address as patched follows its
 * country's rules), its uses (replacing them), the uses it becomes the default of, and the
 * `replacement` that takes over as the default of the uses it stops being the default of (a use
 * removed while other addresses have it).
 */
export const SavedAddressPatch = z.strictObject({
  // The address fields, each optional (not z.partial: its code would join zod's in the HTTP client's
  // chunk, which every page with `api-base` loads, 0.5 kB gzip).
  ...Address.shape,
  line1: z.optional(Address.shape.line1),
  city: z.optional(Address.shape.city),
  country: z.optional(Address.shape.country),
  uses: z.optional(AddressUses),
  default_for: z.optional(useList()),
  replacement: z.optional(Id),
});
export type SavedAddressPatch = z.infer<typeof SavedAddressPatch>;
