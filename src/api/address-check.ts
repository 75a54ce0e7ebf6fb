/**
 * What the reference server and MemoryAccountApi refuse in an address, with the same field errors:
 * its country's rules (address-rules.ts: the state or region and the postal code where required, the
 * postal code's format) and, where the country requires a state or region and Google's data lists
 * them, a region that is none of them. Used for payment methods' billing addresses and the address
 * book alike.
 *
 * Server and memory API only: the region lists (about 9 kB gzip, address-regions.data.ts, generated
 * by scripts/address-rules.js) stay out of the elements' rules chunk; a region the fields did not
 * check comes back from the save as a field error.
 */
import { ADDRESS_REGIONS } from './address-regions.data.js';
import { addressProblems } from './address-rules.js';
import type { FieldError } from './schemas/problem.js';

/**
 * A region as compared with the lists: case, accents, dots and runs of spaces do not count
 * (`oregon`, `Ceara` for Ceará, `Ags` for `Ags.`).
 */
function regionKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

const regionSets = new Map<string, ReadonlySet<string>>();

/**
 * Whether `region` names one of `country`'s states or regions: its key (`OR`, `東京都`), name
 * (`Oregon`), Latin name (`Tokyo`) or ISO 3166-2 code (`US-OR`, `JP-13`). True for every region of a
 * country without a list, or whose region is optional.
 */
export function regionKnown(country: string, region: string): boolean {
  if (!Object.hasOwn(ADDRESS_REGIONS, country)) return true;
  let known = regionSets.get(country);
  if (!known) {
    known = new Set(ADDRESS_REGIONS[country].split('~').map(regionKey));
    regionSets.set(country, known);
  }
  return known.has(regionKey(region));
}

/**
 * The 422's field errors for an address (`region`, `postal_code`, under `prefix` when given, such as
 * `billing_address.region`), with code `required`, `invalid_format` (a postal code) or
 * `invalid_value` (a region that is not one of the country's); empty when it is fine.
 */
export function addressFieldErrors(address: { region?: string | null; postal_code?: string | null; country: string }, prefix: string): FieldError[] {
  const { country } = address;
  const problems: Array<{ field: string; code: string }> = addressProblems(address);
  const region = address.region?.trim();
  if (region && !regionKnown(country, region)) problems.unshift({ field: 'region', code: 'invalid_value' });
  const messages: Record<string, string> = {
    required: `required in ${country}`,
    invalid_format: `not a postal code of ${country}`,
    invalid_value: `not a state or region of ${country}`,
  };
  return problems.map(({ field, code }) => ({ field: prefix ? `${prefix}.${field}` : field, message: messages[code], code }));
}
