/**
 * The address book's rules shared by the reference server and MemoryAccountApi (issue 12), so both
 * move defaults and refuse writes alike: each use an address has has exactly one default among the
 * account's addresses (the database keeps it to at most one), and an address's payment methods are
 * those whose billing address is the same place.
 */
import { ADDRESS_USES, type AddressUse } from './address-vocabulary.js';
import { methodLabel } from './fixtures/test-gateway.js';
import type { AddressPaymentMethod } from './schemas/address.js';

/** An address as the default rules see it. */
export interface AddressBookEntry {
  id: string;
  uses: readonly string[];
  default_for: readonly string[];
}

/** A write of the address book, as far as uses and defaults go. */
export type AddressWrite =
  | { kind: 'create'; id: string; uses: readonly AddressUse[]; default_for?: readonly AddressUse[] }
  | { kind: 'update'; id: string; uses?: readonly AddressUse[]; default_for?: readonly AddressUse[]; replacement?: string }
  | { kind: 'delete'; id: string; replacement?: string };

/** Why a write is refused: the problem's status, `code`, `detail`, the field it names and the uses concerned. */
export interface AddressRefusal {
  status: 404 | 409 | 422;
  code: string;
  detail: string;
  field?: { name: string; code: string };
  /** The problem's `uses` member: the uses left without their default, or that the replacement lacks. */
  uses?: string[];
}

export type AddressPlan =
  | {
      ok: true;
      /** The book after the write (a deleted address left out), uses and defaults in ADDRESS_USES order. */
      book: AddressBookEntry[];
      /** The addresses whose uses or defaults the write changed (the written one included unless deleted). */
      changed: string[];
    }
  | { ok: false; refusal: AddressRefusal };

/** Uses in the contract's order (billing, shipping, residential), any other word after them. */
export function orderedUses(uses: Iterable<string>): string[] {
  const list = [...new Set(uses)];
  const rank = (use: string) => {
    const at = (ADDRESS_USES as readonly string[]).indexOf(use);
    return at < 0 ? ADDRESS_USES.length : at;
  };
  return list.sort((a, b) => rank(a) - rank(b));
}

const listed = (uses: readonly string[]) => uses.join(', ');

/**
 * The book after `write`, or why it is refused, checked in this order: the address is the account's
 * (404); `default_for` names only uses the address has (after the write: 422 `validation_failed`
 * naming `default_for`); the defaults it gives up (a use removed, or the address deleted) of uses
 * that other addresses have need a `replacement` (409 `default_needs_replacement` with those `uses`)
 * that is another address of the account with each of those uses (422 `invalid_replacement` naming
 * `replacement`). Then: the replacement takes those defaults over; each use of `default_for` moves
 * to this address; and a use that no address is the default of (its first address) gets this one.
 * A `replacement` that nothing needs is ignored. The last address of a use may go: the use then has
 * no default.
 */
export function planAddressWrite(book: readonly AddressBookEntry[], write: AddressWrite): AddressPlan {
  const refuse = (refusal: AddressRefusal): AddressPlan => ({ ok: false, refusal });
  const current = book.find((entry) => entry.id === write.id);
  if (write.kind !== 'create' && !current) return refuse({ status: 404, code: 'not_found', detail: 'No such address.' });
  const uses = write.kind === 'delete' ? [] : orderedUses(write.kind === 'create' ? write.uses : (write.uses ?? current!.uses));
  const wanted = write.kind === 'delete' ? [] : orderedUses(write.default_for ?? []);
  const notUses = wanted.filter((use) => !uses.includes(use));
  if (notUses.length) {
    return refuse({
      status: 422,
      code: 'validation_failed',
      detail: `The address is not a ${listed(notUses)} address: it can only be the default of its own uses.`,
      field: { name: 'default_for', code: 'not_a_use' },
    });
  }

  const others = book.filter((entry) => entry.id !== write.id);
  const givenUp = (current?.default_for ?? []).filter((use) => !uses.includes(use));
  const orphaned = givenUp.filter((use) => others.some((entry) => entry.uses.includes(use)));
  const replacementId = write.kind === 'create' ? undefined : write.replacement;
  const replacement = others.find((entry) => entry.id === replacementId);
  if (orphaned.length && replacementId === undefined) {
    return refuse({
      status: 409,
      code: 'default_needs_replacement',
      detail: `This is the default ${listed(orphaned)} address and other addresses have that use: name the one that takes over (replacement).`,
      uses: orphaned,
    });
  }
  if (orphaned.length && !replacement) {
    return refuse({
      status: 422,
      code: 'invalid_replacement',
      detail: 'The replacement is not another address of this account.',
      field: { name: 'replacement', code: 'not_found' },
      uses: orphaned,
    });
  }
  const lacking = orphaned.filter((use) => !replacement!.uses.includes(use));
  if (lacking.length) {
    return refuse({
      status: 422,
      code: 'invalid_replacement',
      detail: `The replacement is not a ${listed(lacking)} address: it cannot become that default.`,
      field: { name: 'replacement', code: 'missing_use' },
      uses: lacking,
    });
  }

  const after = others.map((entry) => ({ id: entry.id, uses: [...entry.uses], default_for: [...entry.default_for] }));
  const written = { id: write.id, uses, default_for: (current?.default_for ?? []).filter((use) => uses.includes(use)) };
  if (write.kind !== 'delete') after.push(written);
  for (const use of orphaned) after.find((entry) => entry.id === replacement!.id)!.default_for.push(use);
  for (const use of wanted) {
    for (const entry of after) entry.default_for = entry.default_for.filter((held) => held !== use);
    written.default_for.push(use);
  }
  for (const use of uses) if (!after.some((entry) => entry.default_for.includes(use))) written.default_for.push(use);

  const result = after.map((entry) => ({ id: entry.id, uses: orderedUses(entry.uses), default_for: orderedUses(entry.default_for) }));
  const before = new Map(book.map((entry) => [entry.id, `${orderedUses(entry.uses)}|${orderedUses(entry.default_for)}`]));
  const changed = result.filter((entry) => before.get(entry.id) !== `${entry.uses}|${entry.default_for}`).map((entry) => entry.id);
  return { ok: true, book: result, changed };
}

/** The fields that say where an address is (its name says who is there, and is not compared). */
export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postal_code?: string | null;
  country: string;
}

/** An address as compared with a billing address: every field without case, with runs of spaces as one (NFKC, so full-width digits are digits). */
function placeKey(address: PostalAddress): string {
  return [address.line1, address.line2, address.city, address.region, address.postal_code, address.country]
    .map((value) => (value ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase())
    .join('\n');
}

/** What of a payment method the link needs (the API's PaymentMethod has it). */
export interface MethodWithAddress {
  id: string;
  type: string;
  label?: string | null;
  card?: { brand: string; last4: string } | null;
  bank_account?: { bank_name: string | null; last4: string; account_type: string } | null;
  billing_address?: PostalAddress | null;
}

/** The payment methods (of `methods`, in their order) whose billing address is `address`. */
export function paymentMethodsAt(address: PostalAddress, methods: readonly MethodWithAddress[]): AddressPaymentMethod[] {
  const key = placeKey(address);
  return methods
    .filter((method) => method.billing_address && placeKey(method.billing_address) === key)
    .map((method) => ({ id: method.id, label: method.label || methodLabel(method) }));
}
