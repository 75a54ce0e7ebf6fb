/**
 * Request helpers shared by the API routes: problem responses, strict query parsing, JSON bodies,
 * bearer authentication and capability checks.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { capabilitiesOf } from '../src/api/roles.js';
import { fieldErrorsOf } from '../src/api/schemas/field-errors.js';
import { HttpProblem, invalid } from './problem.js';
import type { TokenPayload, TokenVerifier } from './tokens.js';

export type Env = { Variables: { requestId: string; claims: TokenPayload } };

export const MAX_BODY_BYTES = 16 * 1024;

export function sendProblem(c: Context<Env>, error: HttpProblem): Response {
  return c.body(JSON.stringify(error.toProblem(c.get('requestId'))), error.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...error.headers,
  });
}

/** zod issues → a 400 problem whose `errors[].field` names each field (dotted path under `prefix`). */
export function fieldErrors(error: z.core.$ZodError, prefix = ''): HttpProblem {
  const errors = fieldErrorsOf(error, prefix);
  return new HttpProblem(400, 'validation_failed', `Invalid request: ${errors.map((e) => e.field).join(', ')}`, errors);
}

/**
 * The raw query of the request URL (after `?`, before any `#`): what `new URL(url).search` holds,
 * without parsing the whole URL again on every request. URLSearchParams decodes it to the same
 * entries as `new URL(url).searchParams` (the URL parser only percent-encodes what it decodes).
 */
function rawQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const hash = url.indexOf('#');
  if (hash < 0) return url.slice(at + 1);
  return hash < at ? '' : url.slice(at + 1, hash);
}

/** The query parameters; a repeated parameter is a 400 naming it. */
export function queryParams(c: Context<Env>): Record<string, string> {
  // No prototype: `?__proto__=x` or `?toString=1` is a parameter like any other (and an unknown one).
  const result: Record<string, string> = Object.create(null);
  const query = rawQuery(c.req.url);
  if (query === '') return result;
  for (const [name, value] of new URLSearchParams(query)) {
    if (Object.hasOwn(result, name)) throw invalid(name, 'given more than once', 'duplicate');
    result[name] = value;
  }
  return result;
}

/** The 400 for query parameters a route does not take: one field error each. */
export function unknownQueryParameters(names: string[]): HttpProblem {
  return new HttpProblem(
    400,
    'validation_failed',
    `Unknown query parameter: ${names.join(', ')}`,
    names.map((field) => ({ field, message: 'unknown parameter', code: 'unrecognized_keys' })),
  );
}

/** Rejects requests whose query has any parameter (the route takes none). */
export function noQuery(c: Context<Env>): void {
  const extra = Object.keys(queryParams(c));
  if (extra.length) throw unknownQueryParameters(extra);
}

/** With the `u` flag a surrogate pair is one code point, so only a lone surrogate is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be stored, or undefined: U+0000 (PostgreSQL text and jsonb cannot hold it),
 * or a lone UTF-16 surrogate (JSON's `\uD800` escapes decode to one; jsonb refuses it with a 500
 * and text columns would silently store U+FFFD instead).
 */
function illFormed(value: string): string | undefined {
  if (value.includes('\0')) return 'must not contain U+0000';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/** The first string in a parsed JSON value (keys too) that cannot be stored, as a dotted path and why. */
function illFormedField(value: unknown, path: string[] = []): { field: string; reason: string } | undefined {
  const at = (p: string[]) => p.join('.') || 'body';
  if (typeof value === 'string') {
    const reason = illFormed(value);
    return reason ? { field: at(path), reason } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const keyReason = illFormed(key);
    if (keyReason) return { field: at(path), reason: `keys ${keyReason}` };
    const found = illFormedField(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The body's bytes, counted while they arrive: a chunked body (no Content-Length) or one whose
 * Content-Length lies is refused as soon as it passes `limit`, not after it has been read in full.
 */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number, tooLarge: () => HttpProblem): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The request body parsed as JSON and validated by `schema`: 413 over MAX_BODY_BYTES (counted as it
 * arrives), 415 unless application/json, 400 for bad JSON, a string that cannot be stored (U+0000,
 * a lone surrogate), or a schema violation (naming fields).
 */
export async function readJsonBody<T>(c: Context<Env>, schema: z.ZodMiniType<T>): Promise<T> {
  const tooLarge = () => new HttpProblem(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`, undefined, { Connection: 'close' });
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const raw = await readLimited(c.req.raw.body, MAX_BODY_BYTES, tooLarge);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.', [{ field: 'body', message: 'not valid JSON', code: 'invalid_json' }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fieldErrors(parsed.error);
  // After the schema, so only fields the route knows are named.
  const bad = illFormedField(parsed.data);
  if (bad !== undefined) throw invalid(bad.field, bad.reason);
  return parsed.data;
}

/** A 401 for a token that was sent but is refused: WWW-Authenticate says why (`invalid_token`, `invalid_request`). */
export function tokenRefused(detail: string, error = 'invalid_token'): HttpProblem {
  return new HttpProblem(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': `Bearer error="${error}"` });
}

/**
 * The bearer token's claims, or a 401 with WWW-Authenticate. `verify` is one `tokenVerifier(secret)`
 * per server: it remembers the tokens that verified. The route layer then reads the token's user as
 * it is now (server/users.ts, currentClaims) and sets those claims on the context.
 */
export function authenticate(c: Context<Env>, verify: TokenVerifier): TokenPayload {
  const header = c.req.header('Authorization');
  if (!header) throw new HttpProblem(401, 'unauthorized', 'A bearer token is required.', undefined, { 'WWW-Authenticate': 'Bearer' });
  // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` and `BEARER` too.
  const match = header.match(/^Bearer +([\w.-]{1,2048})$/i);
  if (!match) throw tokenRefused('The Authorization header is not a bearer token.', 'invalid_request');
  const check = verify(match[1]);
  if (!check.ok) throw tokenRefused(check.reason === 'expired' ? 'The token has expired.' : 'The token is invalid.');
  return check.claims;
}

/** 403 unless the token's user's role (as it is now) has `capability`. */
export function requireCapability(c: Context<Env>, capability: string): TokenPayload {
  const claims = c.get('claims');
  if (!capabilitiesOf(claims.role).includes(capability)) {
    throw new HttpProblem(403, 'forbidden', `The role ${claims.role} may not do this (it needs ${capability}).`);
  }
  return claims;
}

/** A stored write outcome as the HTTP response: problem+json with this request's id for errors, no body for 204. */
export function sendStored(c: Context<Env>, stored: { status: number; body: unknown; replayed: boolean }): Response {
  const headers: Record<string, string> = stored.replayed ? { 'Idempotent-Replayed': 'true' } : {};
  if (stored.status === 204) return c.body(null, 204, headers);
  if (stored.status >= 400) {
    const body = { ...(stored.body as object), request_id: c.get('requestId') };
    return c.body(JSON.stringify(body), stored.status as ContentfulStatusCode, { ...headers, 'Content-Type': 'application/problem+json' });
  }
  return c.json(stored.body, stored.status as ContentfulStatusCode, headers);
}
