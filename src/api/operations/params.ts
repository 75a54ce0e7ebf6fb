/**
 * Query and path parameters of the declarations. Each parameter parses its own string (the
 * server's strict query check) and describes itself for the document; no zod at request time.
 */
import type { QueryParam } from './operation.js';

/** An integer parameter such as `limit`: ASCII digits only, within bounds. */
export function integerParam(options: { minimum: number; maximum: number; required?: boolean }): QueryParam<number> {
  const { minimum, maximum } = options;
  const digits = String(maximum).length;
  const pattern = new RegExp(`^[0-9]{1,${digits}}$`);
  const message = `expected an integer from ${minimum} to ${maximum}`;
  return {
    kind: 'integer',
    ...options,
    parse: (raw) => {
      if (!pattern.test(raw)) return { ok: false, message };
      const value = Number(raw);
      return value < minimum || value > maximum ? { ok: false, message } : { ok: true, value };
    },
  };
}

/** A string parameter such as `cursor`, of bounded length, without U+0000. */
export function stringParam(options: { minLength: number; maxLength: number; pattern?: RegExp; required?: boolean }): QueryParam<string> {
  const { minLength, maxLength, pattern } = options;
  return {
    kind: 'string',
    ...options,
    parse: (raw) => {
      if (raw.length < minLength || raw.length > maxLength) return { ok: false, message: `expected ${minLength}-${maxLength} characters` };
      if (pattern && !pattern.test(raw)) return { ok: false, message: `expected to match ${pattern.source}` };
      return raw.includes('\0') ? { ok: false, message: 'must not contain U+0000' } : { ok: true, value: raw };
    },
  };
}

/** One of a fixed set of words (`status=open`). */
export function enumParam<const T extends string>(values: readonly T[], options: { default?: T } = {}): QueryParam<T> {
  const message = `expected one of ${values.join(', ')}`;
  return {
    kind: 'enum',
    values,
    ...options,
    parse: (raw) => ((values as readonly string[]).includes(raw) ? { ok: true, value: raw as T } : { ok: false, message }),
  };
}

/** A calendar date (`from=2026-01-31`): `YYYY-MM-DD`, a day of the calendar. */
export function dateParam(): QueryParam<string> {
  const message = 'expected a date (YYYY-MM-DD)';
  return {
    kind: 'string',
    minLength: 10,
    maxLength: 10,
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    format: 'date',
    parse: (raw) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { ok: false, message };
      const time = Date.parse(`${raw}T00:00:00Z`);
      return Number.isFinite(time) && new Date(time).toISOString().startsWith(raw) ? { ok: true, value: raw } : { ok: false, message: 'expected a day of the calendar' };
    },
  };
}

export { idParam, pathIdProblem } from './path-id.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** `cursor` and `limit` of every cursor-paginated list. */
export const pageParams = {
  cursor: stringParam({ minLength: 1, maxLength: 512 }),
  limit: integerParam({ minimum: 1, maximum: MAX_PAGE_SIZE }),
} as const;

/** Their descriptions, for the docs of every list. */
export const pageParamDocs = {
  cursor: 'The `next_cursor` of the previous page, unchanged. A cursor that was altered, or issued for another query, answers 400.',
  limit: `Page size (default ${DEFAULT_PAGE_SIZE}).`,
} as const;
