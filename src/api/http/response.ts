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

/** ky 2's cap on an error body; beyond it the body is dropped. */
const MAX_ERROR_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A non-2xx response's body as ky 2 put it into `HTTPError.data` (ky 1 does not read it): parsed
 * when the content type is JSON (`application/json`, `application/problem+json`, `…+json`), the
 * text otherwise; undefined when empty, unparseable, over 10 MiB, failing or not complete within
 * `timeoutMs` (the read is then cancelled). Decoded as UTF-8, as JSON must be (ky 2 also honoured
 * a `charset`, which only ever changed a non-JSON text that errorFromResponse drops anyway).
 */
export async function readErrorData(response: Response, timeoutMs: number): Promise<unknown> {
  const { body } = response;
  if (!body || body.locked) return undefined;
  const reader = body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel().catch(() => undefined);
  }, timeoutMs);
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) return undefined;
      if (done) break;
      bytes += value.byteLength;
      if (bytes > MAX_ERROR_BODY_BYTES) {
        void reader.cancel().catch(() => undefined);
        return undefined;
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
  text += decoder.decode();
  if (!text) return undefined;
  const type = (response.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
  if (!/\/(?:.*[.+-])?json$/.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The ApiError for a non-2xx response. `data` is the body from readErrorData: parsed when it was
 * JSON; any other body (an HTML error page from a proxy) is dropped, never shown.
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
