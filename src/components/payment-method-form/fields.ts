import { msg } from '@lit/localize';
import { validateBankAccountNumber, validateRoutingNumber } from '../../api/validators.js';
import { BANK_ACCOUNT_TYPES } from '../../api/vocabulary.js';
import { ADDRESS_SERVER_FIELDS, addressValues, validateAddressField, type AddressField } from './billing-address.js';
import type { CardField } from './raw-card.js';

/** The add form's fields, their checks and messages, and where the server's field errors go. */

/** The test gateway's card entry (its own chunk; see raw-card.ts). */
export type RawCardModule = typeof import('./raw-card.js');
export const CARD_FIELDS: readonly CardField[] = ['number', 'expiry', 'cvc'];

export const BANK_FIELDS = ['holder', 'routing', 'account', 'accountType', 'mandate'] as const;
type BankField = (typeof BANK_FIELDS)[number];
export type FieldName = CardField | BankField | AddressField;

/** Server field paths → the field that shows the error. */
export const SERVER_FIELDS: Readonly<Record<string, FieldName>> = {
  'card.number': 'number',
  'card.exp_month': 'expiry',
  'card.exp_year': 'expiry',
  'card.cvc': 'cvc',
  'bank_account.account_holder_name': 'holder',
  'bank_account.routing_number': 'routing',
  'bank_account.account_number': 'account',
  'bank_account.account_type': 'accountType',
  mandate_accepted: 'mandate',
  ...ADDRESS_SERVER_FIELDS,
};

export function emptyValues(country: string): Record<FieldName, string> {
  return { number: '', expiry: '', cvc: '', holder: '', routing: '', account: '', accountType: 'checking', mandate: '', ...addressValues(null, country) };
}

function routingMessage(input: string): string | undefined {
  switch (validateRoutingNumber(input)) {
    case 'required':
      return msg('Enter the routing number.');
    case 'invalid_characters':
      return msg('The routing number can contain only digits.');
    case 'length':
      return msg('The routing number has 9 digits.');
    case 'checksum':
      return msg('This routing number is not valid. Check it for typos.');
    default:
      return undefined;
  }
}

function accountNumberMessage(input: string): string | undefined {
  switch (validateBankAccountNumber(input)) {
    case 'required':
      return msg('Enter the account number.');
    case 'invalid_characters':
      return msg('The account number can contain only digits.');
    case 'length':
      return msg('The account number has 4 to 17 digits.');
    default:
      return undefined;
  }
}

/** Checks a field; the card fields (test gateway only) with the raw card module, once it is loaded. */
export function validateField(name: FieldName, values: Readonly<Record<FieldName, string>>, raw?: RawCardModule): string | undefined {
  const value = values[name];
  switch (name) {
    case 'number':
    case 'expiry':
    case 'cvc':
      return raw?.validateCardField(name, values);
    case 'holder':
      return value.trim() ? undefined : msg("Enter the account holder's name.");
    case 'routing':
      return routingMessage(value);
    case 'account':
      return accountNumberMessage(value);
    case 'accountType':
      return (BANK_ACCOUNT_TYPES as readonly string[]).includes(value) ? undefined : msg('Choose the account type.');
    case 'mandate':
      return value === 'true' ? undefined : msg('Accept the debit authorisation to add this bank account.');
    default:
      return validateAddressField(name, value, values.country);
  }
}

/** A server field error in the form's words: the field's own message when the value is empty or malformed. */
export function serverFieldMessage(
  name: FieldName,
  code: string | undefined,
  values: Readonly<Record<FieldName, string>>,
  raw: RawCardModule | undefined,
): string {
  if (name === 'expiry' && code === 'expired') return msg('This card has expired.');
  return validateField(name, values, raw) ?? msg('This was not accepted. Check it and try again.');
}
