/**
 * The route layer: each operation declaration (`src/api/operations/`) becomes a Hono route that
 * authenticates, checks the capability, validates the path, query and body, runs writes once per
 * Idempotency-Key and answers problem+json; the handler holds only its business logic.
 *
 * Everything a declaration decides is worked out once, when the route is registered (the Hono
 * path, the parameter table, the capability, the fingerprint's route template), so a request pays
 * only for the checks themselves.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { pathParamNames, type Operation, type PathParamNames, type QueryParam } from '../src/api/operations/index.js';
import { pathIdProblem } from '../src/api/operations/path-id.js';
import type { Database } from './db.js';
import { authenticate, queryParams, readJsonBody, requireCapability, sendStored, tokenRefused, unknownQueryParameters, type Env } from './http.js';
import { withIdempotency, type StoredResponse } from './idempotency.js';
import { HttpProblem, invalid } from './problem.js';
import type { RateLimiter } from './rate-limit.js';
import { verifySignedPath } from './signed-url.js';
import { tokenVerifier, type TokenPayload, type TokenVerifier } from './tokens.js';
import { currentClaims } from './users.js';

type ParsedQuery<Q> = { [K in keyof Q]?: Q[K] extends QueryParam<infer T> ? T : never };

/** What a handler is given: the validated input of its operation. */
export interface HandlerInput<Op extends Operation> {
  c: Context<Env>;
  params: Record<PathParamNames<Op['path']>[number], string>;
  query: Op extends { query: infer Q } ? ParsedQuery<Q> : Record<string, never>;
  body: Op extends { body: infer B extends z.ZodMiniType } ? z.output<B> : undefined;
  /** The bearer token's claims, with its user's current role (operations with `auth: 'bearer'`). */
  claims: Op extends { auth: 'bearer' } ? TokenPayload : undefined;
}

/**
 * What a handler answers: a write with an idempotency key answers its outcome (status and body,
 * stored and replayed with the key, a decline included); a non-JSON success answers a Response;
 * any other operation its success body.
 */
export type HandlerOutput<Op extends Operation> = Op extends { idempotency: 'required' | 'optional' }
  ? StoredResponse
  : Op extends { produces: string | readonly string[] }
    ? Response
    : Op extends { response: infer R extends z.ZodMiniType }
      ? z.input<R>
      : null;

export type Handler<Op extends Operation> = (input: HandlerInput<Op>) => Promise<HandlerOutput<Op>>;
export type Handlers<Ops extends Record<string, Operation>> = { [K in keyof Ops]: Handler<Ops[K]> };

export interface RouteOptions {
  db: Database;
  secret: string;
  /** The rate limit of writes per user; none when absent. */
  writeLimiter?: RateLimiter;
  /** The rate limit of prices asked for (POSTs declared to change nothing) per user; none when absent. */
  quoteLimiter?: RateLimiter;
}

/**
 * What a write asks for: its route with the path ids and the validated body (zod's output has a
 * stable key order), with its query when it takes one. Keyed with the server secret: a body may hold a raw test card number, and a
 * plain hash of one could be reversed by trying every number.
 */
function fingerprint(secret: string, route: string, body: unknown): string {
  return createHmac('sha256', `idempotency:${secret}`).update(`${route}\n${JSON.stringify(body ?? null)}`).digest('base64url');
}

/** `/invoices/{id}` → Hono's `/invoices/:id`. */
const honoPathOf = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** The query's parameters by the declaration: an unknown one is a 400 naming each, a bad value a 400 naming it. */
function parseQuery(c: Context<Env>, declared: Readonly<Record<string, QueryParam<unknown>>> | undefined): Record<string, unknown> {
  const raw = queryParams(c);
  const names = Object.keys(raw);
  if (names.length === 0) return {};
  const unknown = names.filter((name) => !declared || !Object.hasOwn(declared, name));
  if (unknown.length) throw unknownQueryParameters(unknown);
  const parsed: Record<string, unknown> = {};
  for (const name of names) {
    const result = declared![name].parse(raw[name]);
    if (!result.ok) throw invalid(name, result.message);
    parsed[name] = result.value;
  }
  return parsed;
}

/** Registers every operation of `operations` with its handler. */
export function registerOperations<Ops extends Record<string, Operation>>(
  api: Hono<Env>,
  operations: Ops,
  handlers: Handlers<Ops>,
  options: RouteOptions,
): void {
  // One token verifier (and its memory of verified tokens) for every route of this server.
  const verify = tokenVerifier(options.secret);
  for (const [id, op] of Object.entries(operations)) {
    registerOperation(api, op, handlers[id] as unknown as AnyHandler, options, verify);
  }
}

/** A handler as the route layer calls it, whatever its operation. */
type AnyHandler = (input: HandlerInput<Operation>) => Promise<unknown>;

function registerOperation(api: Hono<Env>, op: Operation, handler: AnyHandler, { db, secret, writeLimiter, quoteLimiter }: RouteOptions, verify: TokenVerifier): void {
  // Worked out once per route.
  const honoPath = honoPathOf(op.path);
  const params = pathParamNames(op.path).map((name) => ({ name, maxLength: op.pathParams?.[name]?.maxLength ?? 200 }));
  const routeOf = (values: Record<string, string>) => `${op.method} ${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name])}`;
  const success = op.status as ContentfulStatusCode;
  const write = op.method !== 'GET';
  // A POST that changes nothing (`invalidates: []`: a quote, a preview) is limited as a price asked for, not as a write.
  const limiter = !write ? undefined : op.invalidates?.length === 0 ? quoteLimiter : writeLimiter;
  const limited = !write ? '' : op.invalidates?.length === 0 ? 'price requests' : 'writes';

  api.on(op.method, honoPath, async (c) => {
    if (op.auth === 'signed') {
      const url = new URL(c.req.url);
      if (!verifySignedPath(url.pathname, url.searchParams, secret, Date.now())) {
        throw new HttpProblem(403, 'invalid_signature', 'This link is invalid or has expired; ask for a new one.');
      }
    }
    const claims = op.auth === 'bearer' ? await currentUserOf(c, db, authenticate(c, verify)) : undefined;
    if (claims && op.capability) requireCapability(c, op.capability);
    if (claims && limiter) limiter.check(`${claims.account_id}/${claims.user}`, limited);

    const values: Record<string, string> = {};
    for (const { name, maxLength } of params) {
      const value = c.req.param(name) ?? '';
      const problem = pathIdProblem(value, maxLength);
      if (problem) throw invalid(name, problem.message, problem.code);
      values[name] = value;
    }
    const query = parseQuery(c, op.query);
    const body = op.body ? await readJsonBody(c, op.body) : undefined;
    const input = { c, params: values, query, body, claims } as HandlerInput<Operation>;

    if (op.idempotency === 'none') {
      const result = await handler(input);
      if (result instanceof Response) return result;
      if (op.publicCache) return sendPublic(c, result, op.publicCache.maxAge);
      return op.status === 204 ? c.body(null, 204) : c.json(result, success);
    }
    const key = c.req.header('Idempotency-Key');
    const run = () => handler(input) as Promise<StoredResponse>;
    if (op.idempotency === 'optional' && key === undefined) return sendStored(c, { ...(await run()), replayed: false });
    const accountId = claims?.account_id ?? '';
    // A write's query is part of what it asks for (DELETE /addresses/{id}?replacement=…), in name order.
    const asked = op.query ? { query: Object.fromEntries(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))), body } : body;
    const stored = await withIdempotency(db, { accountId, key, fingerprint: fingerprint(secret, routeOf(values), asked) }, run);
    return sendStored(c, stored);
  });
}

/**
 * The claims of a verified token with its user's role as it is now (set on the context): a removed
 * user's token, or one naming no member of its account, is refused like an invalid one.
 */
async function currentUserOf(c: Context<Env>, db: Database, verified: TokenPayload): Promise<TokenPayload> {
  const claims = await currentClaims(db, verified);
  if (!claims) throw tokenRefused('The token’s user is not a member of this account (any more).');
  c.set('claims', claims);
  return claims;
}

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === opaque;
  });
}

/**
 * A public read's answer: cacheable by browsers and CDNs for `maxAge` seconds, with a strong ETag
 * (a hash of the body), and 304 without a body when the client already holds that version.
 */
function sendPublic(c: Context<Env>, result: unknown, maxAge: number): Response {
  const body = JSON.stringify(result);
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const headers = { 'Cache-Control': `public, max-age=${maxAge}`, ETag: etag };
  if (noneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' });
}

/** `Allow` of every declared path, for the 405 of another method. */
export function allowedMethods(operations: Iterable<Operation>): Map<string, string> {
  const allow = new Map<string, string[]>();
  for (const op of operations) {
    const path = honoPathOf(op.path);
    allow.set(path, [...(allow.get(path) ?? []), op.method]);
  }
  return new Map([...allow].map(([path, methods]) => [path, methods.join(', ')]));
}
