/**
 * Per-country address rules from Google's address metadata (libaddressinput; generated into
 * `address-rules.data.ts` by scripts/address-rules.js): whether the state or region and the postal
 * code are required, and the postal code's format. The reference server refuses what they refuse
 * (422 naming the field), the in-memory API does the same, and the address fields check them as
 * the customer types. Street and city stay required everywhere (card address checks and ACH).
 * What the server and the memory API answer (field errors, and the region lists they also check)
 * is address-check.ts.
 *
 * A chunk of its own for the elements (the add form and "Edit billing address" load it when they
 * open): it imports nothing else.
 */
import { ADDRESS_RULES } from './address-rules.data.js';

export interface CountryAddressRule {
  regionRequired: boolean;
  postalRequired: boolean;
  /** The postal code's format (whole value, letters in any case), where the country has one. */
  postalPattern?: RegExp;
  /** A valid postal code, for messages ("for example 95014"). */
  postalExample?: string;
}

const cache = new Map<string, CountryAddressRule>();

/** The rule of an ISO 3166-1 alpha-2 country; a country without one needs street and city only. */
export function addressRule(country: string): CountryAddressRule {
  let rule = cache.get(country);
  if (!rule) {
    const [needs = '', pattern, example] = (Object.hasOwn(ADDRESS_RULES, country) ? ADDRESS_RULES[country] : undefined) ?? [];
    rule = {
      regionRequired: needs.includes('S'),
      postalRequired: needs.includes('Z'),
      postalPattern: pattern ? new RegExp(`^(?:${pattern})$`, 'i') : undefined,
      postalExample: example || undefined,
    };
    cache.set(country, rule);
  }
  return rule;
}

export type AddressProblem = { field: 'region' | 'postal_code'; code: 'required' | 'invalid_format' };

/** What the country's rule refuses in an address (empty when it is fine). Values are trimmed first. */
export function addressProblems(address: { region?: string | null; postal_code?: string | null; country: string }): AddressProblem[] {
  const rule = addressRule(address.country);
  const region = address.region?.trim() ?? '';
  const postal = address.postal_code?.trim() ?? '';
  const problems: AddressProblem[] = [];
  if (rule.regionRequired && !region) problems.push({ field: 'region', code: 'required' });
  if (rule.postalRequired && !postal) problems.push({ field: 'postal_code', code: 'required' });
  else if (postal && rule.postalPattern && !rule.postalPattern.test(postal)) problems.push({ field: 'postal_code', code: 'invalid_format' });
  return problems;
}
