import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Address } from '../../api/schemas/payment-method.js';
import type { FormFields } from '../../core/form-fields.js';
import { countryName } from '../../core/country-name.js';

/**
 * The billing address fields, shared by the add form and "Edit billing address" in
 * acct-payment-methods. Required everywhere: street (line 1), city and country — what card address
 * checks and ACH need. State or region and postal code are required, and the postal code's format
 * checked, where the country's rules say so (Google's address metadata, `src/api/address-rules.ts`,
 * loaded when the fields first show; the server checks the same rules, so a save before they load
 * is still refused with the field named) (docs/payment-methods.md).
 */
export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postal', 'country'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type AddressValues = Record<AddressField, string>;

/** ISO 3166-1 alpha-2, all 249 assigned codes. */
const COUNTRY_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

type AddressRulesModule = typeof import('../../api/address-rules.js');

/** The per-country rules, their own chunk: loaded when address fields first render (an object, so tests can hold it back). */
export const addressRulesLoader: { loaded?: AddressRulesModule; load(): Promise<AddressRulesModule> } = {
  loaded: undefined,
  load: () => import('../../api/address-rules.js').then((module) => (addressRulesLoader.loaded = module)),
};

/** Server field paths (`billing_address.postal_code`) → the form's field. */
export const ADDRESS_SERVER_FIELDS: Readonly<Record<string, AddressField>> = {
  'billing_address.name': 'name',
  'billing_address.line1': 'line1',
  'billing_address.line2': 'line2',
  'billing_address.city': 'city',
  'billing_address.region': 'region',
  'billing_address.postal_code': 'postal',
  'billing_address.country': 'country',
};

const choicesByLocale = new Map<string, Array<readonly [string, string]>>();

/** Every country, named and sorted in `locale`. */
function countryChoices(locale: string): ReadonlyArray<readonly [string, string]> {
  let choices = choicesByLocale.get(locale);
  if (!choices) {
    const collator = new Intl.Collator(locale);
    choices = COUNTRY_CODES.map((code) => [code, countryName(code, locale)] as const).sort((a, b) => collator.compare(a[1], b[1]));
    choicesByLocale.set(locale, choices);
  }
  return choices;
}

/** The country a locale implies (`en` → US, `de-AT` → AT), as the initial choice. */
export function defaultCountry(locale: string): string {
  try {
    const region = new Intl.Locale(locale).maximize().region ?? '';
    return COUNTRY_CODES.includes(region) ? region : '';
  } catch {
    return '';
  }
}

export function addressValues(address: Address | null | undefined, country = ''): AddressValues {
  return {
    name: address?.name ?? '',
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postal: address?.postal_code ?? '',
    country: address?.country ?? country,
  };
}

export function toAddress(values: AddressValues): Address {
  const optional = (value: string) => value.trim() || null;
  return {
    name: optional(values.name),
    line1: values.line1.trim(),
    line2: optional(values.line2),
    city: values.city.trim(),
    region: optional(values.region),
    postal_code: optional(values.postal),
    country: values.country,
  };
}

/** A field's message for `value` (undefined: fine); region and postal code by `country`'s rules once loaded. */
export function validateAddressField(field: AddressField, value: string, country = ''): string | undefined {
  const empty = value.trim() === '';
  const rule = country ? addressRulesLoader.loaded?.addressRule(country) : undefined;
  switch (field) {
    case 'region':
      return empty && rule?.regionRequired ? msg('Enter the state or region.') : undefined;
    case 'postal':
      if (empty) return rule?.postalRequired ? msg('Enter the postal code.') : undefined;
      if (!rule?.postalPattern || rule.postalPattern.test(value.trim())) return undefined;
      return rule.postalExample ? msg(str`Enter a valid postal code, for example ${rule.postalExample}.`) : msg('Enter a valid postal code.');
    case 'line1':
      return empty ? msg('Enter the street address.') : undefined;
    case 'city':
      return empty ? msg('Enter the city.') : undefined;
    case 'country':
      return COUNTRY_CODES.includes(value) ? undefined : msg('Choose a country.');
    default:
      return undefined;
  }
}

/** How the fieldset is labelled and which autofill section it fills (`billing`, `shipping`, or none). */
export interface AddressFieldsOptions {
  legend?: string;
  section?: 'billing' | 'shipping' | '';
}

/**
 * The address fieldset ("Billing address" by default); the country's rules mark the state and
 * postal code required where they are. The address book passes its own legend and autofill section.
 */
export function renderAddressFields(
  f: Pick<FormFields<AddressField>, 'input' | 'select' | 'values' | 'requestUpdate'>,
  locale: string,
  options: AddressFieldsOptions = {},
): TemplateResult {
  const rules = addressRulesLoader.loaded;
  // A failed load leaves the fields as they are: the server checks the same rules on save.
  if (!rules) void addressRulesLoader.load().then(() => f.requestUpdate(), () => undefined);
  const rule = rules?.addressRule(f.values.country);
  const section = options.section ?? 'billing';
  const auto = (token: string) => (section ? `${section} ${token}` : token);
  return html`<fieldset part="address">
    <legend>${options.legend ?? msg('Billing address')}</legend>
    ${f.input('name', { label: msg('Name'), autocomplete: auto('name'), maxlength: 200 })}
    ${f.input('line1', { label: msg('Address line 1'), required: true, autocomplete: auto('address-line1'), maxlength: 200 })}
    ${f.input('line2', { label: msg('Address line 2'), autocomplete: auto('address-line2'), maxlength: 200 })}
    <div class="row">
      ${f.input('city', { label: msg('City'), required: true, autocomplete: auto('address-level2'), maxlength: 100 })}
      ${f.input('region', { label: msg('State or region'), required: !!rule?.regionRequired, autocomplete: auto('address-level1'), maxlength: 100 })}
      ${f.input('postal', { label: msg('Postal code'), required: !!rule?.postalRequired, autocomplete: auto('postal-code'), maxlength: 20 })}
    </div>
    ${f.select('country', { label: msg('Country'), required: true, autocomplete: auto('country') }, countryChoices(locale))}
  </fieldset>`;
}
