/**
 * The public catalogue's response check without zod, for the public client (public-http.ts): a
 * mirror of `schemas/pricing.ts` (and of the problem document's known fields, schemas/problem.ts)
 * that accepts and refuses what those schemas do and names the first bad value as they do
 * (`products[0].plans[2].min_quantity`). The zod schemas stay the contract: this file follows
 * them, and test/api/public-http.test.ts checks it against them on generated catalogues.
 */
import type { Pricing } from './schemas/pricing.js';
import type { Problem } from './schemas/problem.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; path: string; expected: string };

class Invalid {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {}
}

type Check = (value: unknown, path: string) => void;

const at = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function is(ok: boolean, path: string, expected: string): void {
  if (!ok) throw new Invalid(path || '(root)', expected);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const string =
  (min = 0, max = Infinity, pattern?: RegExp, expected = 'string'): Check =>
  (value, path) =>
    is(typeof value === 'string' && value.length >= min && value.length <= max && (!pattern || pattern.test(value)), path, expected);
const int =
  (min: number): Check =>
  (value, path) =>
    is(Number.isSafeInteger(value) && (value as number) >= min, path, min > 0 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : 'an integer');
const boolean: Check = (value, path) => is(typeof value === 'boolean', path, 'boolean');
const nullable =
  (check: Check): Check =>
  (value, path) =>
    value === null || check(value, path);
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined || check(value, path);
const array =
  (item: Check): Check =>
  (value, path) => {
    is(Array.isArray(value), path, 'array');
    (value as unknown[]).forEach((entry, index) => item(entry, at(path, index)));
  };
const object =
  (shape: Record<string, Check>): Check =>
  (value, path) => {
    is(isRecord(value), path, 'object');
    for (const [key, check] of Object.entries(shape)) check((value as Record<string, unknown>)[key], at(path, key));
  };
const record =
  (entry: Check): Check =>
  (value, path) => {
    is(isRecord(value), path, 'object');
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) entry(item, at(path, key));
  };

const id = string(1, 200, undefined, 'a string of 1 to 200 characters');
const currency = string(3, 3, /^[A-Z]{3}$/, 'an ISO 4217 currency code');
const minorUnits = int(0);

const priceTier = object({ up_to: nullable(int(1)), unit_amount: optional(nullable(minorUnits)), flat_amount: optional(nullable(minorUnits)) });
const planPrice = object({
  currency,
  interval: string(1, Infinity, undefined, 'a non-empty string'),
  scheme: string(1, Infinity, undefined, 'a non-empty string'),
  unit_amount: optional(nullable(minorUnits)),
  tiers: optional(nullable(array(priceTier))),
});
const plan = object({
  id,
  name: string(),
  description: optional(nullable(string())),
  highlighted: optional(boolean),
  contact_sales: optional(boolean),
  min_quantity: int(1),
  max_quantity: nullable(int(1)),
  prices: array(planPrice),
  features: record((value, path) => is(typeof value === 'boolean' || typeof value === 'string', path, 'boolean or string')),
});
const product = object({
  id,
  name: string(),
  description: optional(nullable(string())),
  unit_label: string(),
  features: array(object({ id, name: string() })),
  plans: array(plan),
});
const pricing = object({ products: array(product), currencies: array(currency), default_currency: currency });

function run<T>(check: Check, data: unknown): Checked<T> {
  try {
    check(data, '');
    return { ok: true, value: data as T };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, path: error.path, expected: error.expected };
    throw error;
  }
}

/** `GET /pricing`'s body, checked as `schemas/pricing.ts` `Pricing` checks it. */
export function checkPricing(data: unknown): Checked<Pricing> {
  return run<Pricing>(pricing, data);
}

const fieldError = object({ field: string(), message: string(), code: optional(string()) });
const problem = object({
  type: optional(string()),
  title: optional(string()),
  status: optional(int(Number.MIN_SAFE_INTEGER)),
  detail: optional(string()),
  instance: optional(string()),
  code: optional(string()),
  errors: optional(array(fieldError)),
  request_id: optional(string()),
});

/** An error body as the problem document `schemas/problem.ts` reads it, or undefined when it is not one. */
export function checkProblem(data: unknown): Problem | undefined {
  const checked = run<Problem>(problem, data);
  return checked.ok ? checked.value : undefined;
}
