import type * as z from 'zod/mini';
import { ApiError, kindForStatus } from '../errors.js';
import { Problem } from '../schemas/problem.js';

/** The zod/mini schema a response body must satisfy. */
export type ResponseSchema<T> = z.ZodMiniType<T>;

/**
 * `Retry-After` in ms: delay seconds or an HTTP date. Undefined when absent or unreadable, so a
 * garbled header falls back to our own backoff.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its weekday; this keeps Date.parse from reading "-3" as a year.
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('request-id') ?? headers.get('x-request-id') ?? undefined;
}

/**
 * The ApiError for a non-2xx response. `data` is the body already parsed when it was JSON; any
 * other body (an HTML error page from a proxy) is dropped, never shown.
 */
export function errorFromResponse(response: Response, data: unknown, label: string): ApiError {
  const parsed = data !== null && typeof data === 'object' ? Problem.safeParse(data) : undefined;
  const problem = parsed?.success ? parsed.data : undefined;
  const { status, headers } = response;
  const title = problem?.title ? `: ${problem.title}` : '';
  return new ApiError(kindForStatus(status), `${label} failed with HTTP ${status}${title}`, {
    status,
    problem,
    requestId: requestIdOf(headers),
    retryAfterMs: retryAfterMs(headers),
  });
}

/** `['data', 3, 'total', 'amount']` → `data[3].total.amount`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out || '(root)';
}

function kindOfValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What was expected, in words; zod/mini ships no messages ("Invalid input"), so we build them. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const got = kindOfValue(valueAt(data, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${got}`;
    case 'invalid_format':
      return issue.message !== 'Invalid input' ? issue.message : `expected ${issue.format} format`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)} (${issue.origin})`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)} (${issue.origin})`;
    default:
      return issue.message !== 'Invalid input' ? issue.message : `unexpected ${got} (${issue.code})`;
  }
}

/**
 * Parses and validates a 2xx body. Anything the schema does not accept becomes `invalid-response`
 * naming the first bad value; the body itself never goes into the message.
 */
export function parseBody<T>(text: string, response: Response, schema: ResponseSchema<T>, label: string): T {
  const init = { status: response.status, requestId: requestIdOf(response.headers) };
  let data: unknown;
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      const type = (response.headers.get('content-type') ?? 'no content type').split(';')[0].slice(0, 60);
      throw new ApiError('invalid-response', `${label}: expected a JSON body, got unparseable ${type}`, init);
    }
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  if (data === undefined) {
    throw new ApiError('invalid-response', `${label}: expected a JSON body, got an empty body`, init);
  }
  const issue = result.error.issues[0];
  const path = formatPath(issue.path);
  throw new ApiError('invalid-response', `${label}: ${path}: ${describeIssue(issue, data)}`, { ...init, path });
}
