import { msg, str } from '@lit/localize';
import { plural } from './plural.js';

/**
 * A quantity with its unit, as a line item shows it ("8 seats", "1 seat", "8 Plätze").
 *
 * The units the library knows (those of the reference server's invoices, and a few more that
 * SaaS invoices use) are translated, with the plural form the page's language needs for the
 * quantity (`plural()`, one msg() per CLDR category: `unit.seat.one`, `unit.seat.few`, …). A unit
 * is recognised by its English name, singular or plural and in any case (`seat`, `Seats`), and
 * `GB`. Any other unit is the server's own word and is shown as given, after the quantity.
 */

type UnitForms = (quantity: string, count: number) => string;

const KNOWN: Record<string, UnitForms> = {
  seat: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} seats`, { id: 'unit.seat.zero' }),
      one: () => msg(str`${quantity} seat`, { id: 'unit.seat.one' }),
      two: () => msg(str`${quantity} seats`, { id: 'unit.seat.two' }),
      few: () => msg(str`${quantity} seats`, { id: 'unit.seat.few' }),
      many: () => msg(str`${quantity} seats`, { id: 'unit.seat.many' }),
      other: () => msg(str`${quantity} seats`, { id: 'unit.seat.other' }),
    }),
  user: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} users`, { id: 'unit.user.zero' }),
      one: () => msg(str`${quantity} user`, { id: 'unit.user.one' }),
      two: () => msg(str`${quantity} users`, { id: 'unit.user.two' }),
      few: () => msg(str`${quantity} users`, { id: 'unit.user.few' }),
      many: () => msg(str`${quantity} users`, { id: 'unit.user.many' }),
      other: () => msg(str`${quantity} users`, { id: 'unit.user.other' }),
    }),
  invoice: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} invoices`, { id: 'unit.invoice.zero' }),
      one: () => msg(str`${quantity} invoice`, { id: 'unit.invoice.one' }),
      two: () => msg(str`${quantity} invoices`, { id: 'unit.invoice.two' }),
      few: () => msg(str`${quantity} invoices`, { id: 'unit.invoice.few' }),
      many: () => msg(str`${quantity} invoices`, { id: 'unit.invoice.many' }),
      other: () => msg(str`${quantity} invoices`, { id: 'unit.invoice.other' }),
    }),
  pass: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} passes`, { id: 'unit.pass.zero' }),
      one: () => msg(str`${quantity} pass`, { id: 'unit.pass.one' }),
      two: () => msg(str`${quantity} passes`, { id: 'unit.pass.two' }),
      few: () => msg(str`${quantity} passes`, { id: 'unit.pass.few' }),
      many: () => msg(str`${quantity} passes`, { id: 'unit.pass.many' }),
      other: () => msg(str`${quantity} passes`, { id: 'unit.pass.other' }),
    }),
  hour: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} hours`, { id: 'unit.hour.zero' }),
      one: () => msg(str`${quantity} hour`, { id: 'unit.hour.one' }),
      two: () => msg(str`${quantity} hours`, { id: 'unit.hour.two' }),
      few: () => msg(str`${quantity} hours`, { id: 'unit.hour.few' }),
      many: () => msg(str`${quantity} hours`, { id: 'unit.hour.many' }),
      other: () => msg(str`${quantity} hours`, { id: 'unit.hour.other' }),
    }),
  viewer: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} viewers`, { id: 'unit.viewer.zero' }),
      one: () => msg(str`${quantity} viewer`, { id: 'unit.viewer.one' }),
      two: () => msg(str`${quantity} viewers`, { id: 'unit.viewer.two' }),
      few: () => msg(str`${quantity} viewers`, { id: 'unit.viewer.few' }),
      many: () => msg(str`${quantity} viewers`, { id: 'unit.viewer.many' }),
      other: () => msg(str`${quantity} viewers`, { id: 'unit.viewer.other' }),
    }),
  device: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} devices`, { id: 'unit.device.zero' }),
      one: () => msg(str`${quantity} device`, { id: 'unit.device.one' }),
      two: () => msg(str`${quantity} devices`, { id: 'unit.device.two' }),
      few: () => msg(str`${quantity} devices`, { id: 'unit.device.few' }),
      many: () => msg(str`${quantity} devices`, { id: 'unit.device.many' }),
      other: () => msg(str`${quantity} devices`, { id: 'unit.device.other' }),
    }),
  gb: (quantity, count) =>
    plural(count, {
      zero: () => msg(str`${quantity} GB`, { id: 'unit.gb.zero' }),
      one: () => msg(str`${quantity} GB`, { id: 'unit.gb.one' }),
      two: () => msg(str`${quantity} GB`, { id: 'unit.gb.two' }),
      few: () => msg(str`${quantity} GB`, { id: 'unit.gb.few' }),
      many: () => msg(str`${quantity} GB`, { id: 'unit.gb.many' }),
      other: () => msg(str`${quantity} GB`, { id: 'unit.gb.other' }),
    }),
};

/** Other spellings of the known units (plural, abbreviations) → the key in KNOWN. */
const ALIASES: Record<string, string> = {
  seats: 'seat',
  users: 'user',
  invoices: 'invoice',
  passes: 'pass',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  viewers: 'viewer',
  devices: 'device',
};

/**
 * `quantity` (already formatted for the element's locale) with `unit`: a known unit translated and
 * in the plural form for `count` (the raw number), an unknown one as given.
 */
export function quantityWithUnit(quantity: string, count: number, unit: string): string {
  const name = unit.trim().toLowerCase();
  const forms = Object.hasOwn(KNOWN, name) ? KNOWN[name] : Object.hasOwn(ALIASES, name) ? KNOWN[ALIASES[name]] : undefined;
  return forms ? forms(quantity, count) : msg(str`${quantity} ${unit}`, { id: 'unit.unknown' });
}


/** The singular names of the known units, for "per seat" ("pro Platz"); see `unitNoun`. */
const NOUNS: Record<string, () => string> = {
  seat: () => msg('seat', { id: 'unit-noun.seat' }),
  user: () => msg('user', { id: 'unit-noun.user' }),
  viewer: () => msg('viewer', { id: 'unit-noun.viewer' }),
  device: () => msg('device', { id: 'unit-noun.device' }),
  invoice: () => msg('invoice', { id: 'unit-noun.invoice' }),
  pass: () => msg('pass', { id: 'unit-noun.pass' }),
  hour: () => msg('hour', { id: 'unit-noun.hour' }),
  gb: () => msg('GB', { id: 'unit-noun.gb' }),
};

/**
 * One unit's name, singular, for a price per unit ("$8.00 per seat"): a known unit translated, any
 * other as the server gave it.
 */
export function unitNoun(unit: string): string {
  const name = unit.trim().toLowerCase();
  const key = Object.hasOwn(NOUNS, name) ? name : Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
  return key ? NOUNS[key]() : unit;
}
