import * as z from 'zod/mini';
import { CalendarDate, Id } from './common.js';

/**
 * `GET /account/profile`: the account's details for `acct-profile`, apart from `GET /account`,
 * which every billing element loads (its schema is on every page; these fields would be dead
 * weight there). Absent facts are null.
 */
export const AccountProfile = z.object({
  account_id: Id,
  /** The company (the account's name). */
  company: z.string(),
  /** The number the customer quotes to the host's support (not necessarily the id). */
  account_number: z.nullable(z.string()),
  /** The billing e-mail address. */
  email: z.nullable(z.string()),
  /** The contact telephone number, as the host stores it (shown, never dialled by the elements). */
  phone: z.nullable(z.string()),
  /** Customer since: the day the account was opened. */
  created_on: z.nullable(CalendarDate),
  /** The host's administrator who provisioned the account. */
  provisioned_by: z.nullable(z.object({ name: z.string(), email: z.nullable(z.string()) })),
});
export type AccountProfile = z.infer<typeof AccountProfile>;
