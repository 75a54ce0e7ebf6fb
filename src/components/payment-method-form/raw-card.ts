import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { FormFields } from '../../core/form-fields.js';
import { brandName } from '../../api/validators.js';
import {
  cvcLength,
  detectCardBrand,
  digitsOnly,
  parseExpiry,
  validateCardNumber,
  validateCvc,
  validateExpiry,
} from '../../api/validators.js';
import type { RawCard } from '../../api/schemas/billing-input.js';

/**
 * The built-in card entry of a test gateway (number, expiry, security code, validated here), which
 * sends card numbers to the host's API. Only test setups use it (`allow-raw-card-data` and a gateway
 * with `accepts_raw_card_data`), so it is a module of its own, loaded when such a form first shows
 * a card: no production page downloads it.
 */

/** The fields of the card entry (the form lists them in `fields.ts` without loading this module). */
export type CardField = 'number' | 'expiry' | 'cvc';

function cardNumberMessage(input: string): string | undefined {
  switch (validateCardNumber(input)) {
    case 'required':
      return msg('Enter the card number.');
    case 'invalid_characters':
      return msg('The card number can contain only digits and spaces.');
    case 'length':
      return msg('Enter the whole card number.');
    case 'checksum':
      return msg('This card number is not valid. Check it for typos.');
    default:
      return undefined;
  }
}

function expiryMessage(input: string): string | undefined {
  if (input.trim() === '') return msg('Enter the expiry date.');
  const expiry = parseExpiry(input);
  const problem = expiry ? validateExpiry(expiry.month, expiry.year) : 'invalid';
  if (problem === 'expired') return msg('This card has expired.');
  if (problem === 'too_far') return msg('Check the expiry year.');
  return problem ? msg('Enter the expiry date as MM / YY.') : undefined;
}

function cvcMessage(input: string, cardNumber: string): string | undefined {
  const brand = detectCardBrand(digitsOnly(cardNumber));
  switch (validateCvc(input, brand)) {
    case 'required':
      return msg('Enter the security code.');
    case 'invalid_characters':
      return msg('The security code can contain only digits.');
    case 'length':
      return cvcLength(brand) === 4 ? msg('The security code has 4 digits.') : msg('The security code has 3 digits.');
    default:
      return undefined;
  }
}

/** The message for a card field, or undefined when it is valid. */
export function validateCardField(name: CardField, values: Readonly<Record<CardField, string>>): string | undefined {
  const value = values[name];
  switch (name) {
    case 'number':
      return cardNumberMessage(value);
    case 'expiry':
      return expiryMessage(value);
    case 'cvc':
      return cvcMessage(value, values.number);
  }
}

/** The card part of the request, from valid fields. */
export function rawCard(values: Readonly<Record<CardField, string>>): RawCard {
  const expiry = parseExpiry(values.expiry)!;
  return { number: digitsOnly(values.number), exp_month: expiry.month, exp_year: expiry.year, cvc: digitsOnly(values.cvc) };
}

/** The card fieldset: number (with the brand), expiry, security code. */
export function renderRawCard<F extends string>(f: FormFields<F | CardField>): TemplateResult {
  const digits = digitsOnly(f.values.number);
  const brand = digits ? detectCardBrand(digits) : 'unknown';
  const known = brand !== 'unknown';
  return html`<fieldset part="card">
    <legend>${msg('Card details')}</legend>
    ${f.input('number', {
      label: msg('Card number'),
      required: true,
      autocomplete: 'cc-number',
      inputmode: 'numeric',
      maxlength: 26,
      describedBy: known ? 'pmf-brand' : undefined,
      after: html`<span class="brand" part="brand" id="pmf-brand">${known ? brandName(brand) : ''}</span>`,
    })}
    <div class="row">
      ${f.input('expiry', {
        label: msg('Expiry date'),
        hint: msg('MM / YY'),
        required: true,
        autocomplete: 'cc-exp',
        inputmode: 'numeric',
        maxlength: 9,
      })}
      ${f.input('cvc', {
        label: msg('Security code'),
        hint: cvcLength(brand) === 4 ? msg('4 digits on the front of the card') : msg('3 digits on the back of the card'),
        required: true,
        autocomplete: 'cc-csc',
        inputmode: 'numeric',
        maxlength: 4,
      })}
    </div>
  </fieldset>`;
}
