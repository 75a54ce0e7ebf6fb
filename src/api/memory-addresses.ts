/**
 * MemoryAccountApi's address book (issue 12): the same rules as the reference server, on the
 * fixture's data. Defaults move by planAddressWrite (addresses.ts), the country rules are
 * address-check.ts's (passed in: they load with the first write), and `payment_methods` is derived
 * from the payment methods as each read finds them.
 */
import { ApiError, kindForStatus } from './errors.js';
import { orderedUses, paymentMethodsAt, planAddressWrite, type AddressRefusal, type AddressWrite } from './addresses.js';
import type { addressFieldErrors as AddressFieldErrors } from './address-check.js';
import type { StoredAddress } from './fixtures/addresses.js';
import type { AccountFixture } from './fixtures/generate.js';
import type { NewSavedAddress, SavedAddress, SavedAddressPatch } from './schemas/address.js';
import type { FieldError } from './schemas/problem.js';

/** What the address book needs of MemoryAccountApi. */
export interface AddressesHost {
  readonly data: AccountFixture;
  nextId(): number;
}

type FieldErrorsOf = typeof AddressFieldErrors;

/** The address fields of a request, each as sent (absent fields stay absent). */
const PLACE_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;

export class MemoryAddresses {
  readonly #host: AddressesHost;

  constructor(host: AddressesHost) {
    this.#host = host;
  }

  /** Oldest first (equal times in the order they were made), only those with `use` when given. */
  matching(use: string | undefined): SavedAddress[] {
    const addresses = this.#host.data.addresses.filter((address) => use === undefined || address.uses.includes(use));
    return [...addresses].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at)).map((address) => this.#view(address));
  }

  create(request: NewSavedAddress, fieldErrors: FieldErrorsOf): SavedAddress {
    refuseFields(fieldErrors(request, ''));
    const id = `adr_memory_${this.#host.nextId()}`;
    const now = new Date().toISOString();
    const { uses, default_for, ...fields } = request;
    const address: StoredAddress = { id, ...placeOf(fields), uses: [], default_for: [], created_at: now, updated_at: now };
    this.#apply({ kind: 'create', id, uses, default_for }, address, now);
    return this.#view(address);
  }

  update(id: string, patch: SavedAddressPatch, fieldErrors: FieldErrorsOf): SavedAddress {
    const address = this.#address(id);
    const { uses, default_for, replacement, ...sent } = patch;
    // A field sent as `undefined` is not in the JSON the server gets: not sent.
    const fields = Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== undefined));
    const changed = PLACE_FIELDS.some((field) => Object.hasOwn(fields, field));
    const place = { ...placeOf(address), ...fields };
    if (changed) refuseFields(fieldErrors(place, ''));
    const now = new Date().toISOString();
    this.#apply({ kind: 'update', id, uses, default_for, replacement }, address, now);
    if (changed) Object.assign(address, place, { updated_at: now });
    return this.#view(address);
  }

  remove(id: string, replacement: string | undefined): void {
    this.#address(id);
    this.#apply({ kind: 'delete', id, replacement }, undefined, new Date().toISOString());
  }

  /**
   * Plans the write on the book (refusing it as the server does), then applies its uses and
   * defaults: `address` is the new one to add, or the one written.
   */
  #apply(write: AddressWrite, added: StoredAddress | undefined, now: string): void {
    const { data } = this.#host;
    const plan = planAddressWrite(data.addresses, write);
    if (!plan.ok) throw refusalError(plan.refusal);
    if (write.kind === 'create' && added) data.addresses.push(added);
    if (write.kind === 'delete') data.addresses = data.addresses.filter((address) => address.id !== write.id);
    for (const entry of plan.book) {
      if (!plan.changed.includes(entry.id)) continue;
      const address = data.addresses.find((a) => a.id === entry.id)!;
      Object.assign(address, { uses: entry.uses, default_for: entry.default_for, updated_at: now });
    }
  }

  #address(id: string): StoredAddress {
    const address = this.#host.data.addresses.find((a) => a.id === id);
    if (!address) throw refusalError({ status: 404, code: 'not_found', detail: 'No such address.' });
    return address;
  }

  /** The address as the API answers it: uses in order, and the payment methods billed there now. */
  #view(address: StoredAddress): SavedAddress {
    const view: SavedAddress = {
      ...structuredClone(address),
      uses: orderedUses(address.uses),
      default_for: orderedUses(address.default_for),
      payment_methods: paymentMethodsAt(address, this.#host.data.paymentMethods),
    };
    return view;
  }
}

/** The address fields, absent ones as null (as the server stores them). */
function placeOf(fields: Partial<Record<(typeof PLACE_FIELDS)[number], string | null | undefined>>): Pick<StoredAddress, (typeof PLACE_FIELDS)[number]> {
  return {
    name: fields.name ?? null,
    line1: fields.line1 ?? '',
    line2: fields.line2 ?? null,
    city: fields.city ?? '',
    region: fields.region ?? null,
    postal_code: fields.postal_code ?? null,
    country: fields.country ?? '',
  };
}

/** The country rules' field errors as the server's 422. */
function refuseFields(errors: FieldError[]): void {
  if (errors.length) throw problem(422, 'validation_failed', 'The address is not complete for its country.', errors);
}

function refusalError(refusal: AddressRefusal): ApiError {
  const errors = refusal.field ? [{ field: refusal.field.name, message: refusal.detail, code: refusal.field.code }] : undefined;
  return problem(refusal.status, refusal.code, refusal.detail, errors, refusal.uses ? { uses: refusal.uses } : {});
}

function problem(status: number, code: string, detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...(errors ? { errors } : {}), ...extra } });
}
