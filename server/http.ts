/**
 * Request helpers shared by the API routes: problem responses, strict query parsing, JSON bodies,
 * bearer authentication and capability checks.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { ROLE_CAPABILITIES } from '../src/api/fixtures/generate.js';
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

const origins = new Map<string, string>();

/**
 * `new URL(c.req.url).origin`, remembered per distinct `scheme://host` prefix (a few per server;
 * at most 64 are kept, as the Host header is the client's), instead of parsing every request URL.
 */
export function requestOrigin(c: Context<Env>): string {
  const url = c.req.url;
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const prefix = slash < 0 ? url : url.slice(0, slash);
  let origin = origins.get(prefix);
  if (origin === undefined) {
    origin = new URL(url).origin;
    if (origins.size < 64) origins.set(prefix, origin);
  }
  return origin;
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

/** The first string holding U+0000 in a parsed JSON value, as a dotted path: PostgreSQL text and jsonb cannot store it. */
function nulField(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path.join('.') || 'body' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = nulField(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The request body parsed as JSON and validated by `schema`: 413 over MAX_BODY_BYTES, 415 unless
 * application/json, 400 for bad JSON, a string with U+0000, or a schema violation (naming fields).
 */
export async function readJsonBody<T>(c: Context<Env>, schema: z.ZodMiniType<T>): Promise<T> {
  const tooLarge = () => new HttpProblem(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > MAX_BODY_BYTES) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.', [{ field: 'body', message: 'not valid JSON', code: 'invalid_json' }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fieldErrors(parsed.error);
  // After the schema, so only fields the route knows are named.
  const nul = nulField(parsed.data);
  if (nul !== undefined) throw invalid(nul, 'must not contain U+0000');
  return parsed.data;
}

/**
 * The bearer token's claims (also set as `claims` on the context), or a 401 with WWW-Authenticate.
 * `verify` is one `tokenVerifier(secret)` per server: it remembers the tokens that verified.
 */
export function authenticate(c: Context<Env>, verify: TokenVerifier): TokenPayload {
  const header = c.req.header('Authorization');
  if (!header) throw new HttpProblem(401, 'unauthorized', 'A bearer token is required.', undefined, { 'WWW-Authenticate': 'Bearer' });
  const match = header.match(/^Bearer ([\w.-]{1,2048})$/);
  const fail = (detail: string, error: string) =>
    new HttpProblem(401, 'unauthorized', detail, undefined, { 'WWW-Authenticate': `Bearer error="${error}"` });
  if (!match) throw fail('The Authorization header is not a bearer token.', 'invalid_request');
  const check = verify(match[1]);
  if (!check.ok) throw fail(check.reason === 'expired' ? 'The token has expired.' : 'The token is invalid.', 'invalid_token');
  c.set('claims', check.claims);
  return check.claims;
}

/** 403 unless the token's role has `capability`. */
export function requireCapability(c: Context<Env>, capability: string): TokenPayload {
  const claims = c.get('claims');
  if (!(ROLE_CAPABILITIES[claims.role] ?? []).includes(capability)) {
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
