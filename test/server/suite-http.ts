/// <reference types="node" />
/**
 * What the HTTP suites that run inside the api-suite (payments, licenses, add-ons) share: tokens per
 * login, a call with a token, an Idempotency-Key and a JSON body, and the checks of a success and of
 * a problem+json answer.
 */
import assert from 'node:assert/strict';
import { Problem } from '../../src/api/schemas/index.js';

export interface SuiteContext {
  url(): string;
  token(body: { account: string; role?: string; user?: string }): Promise<string>;
}

export type Call = RequestInit & { token?: string; key?: string; json?: unknown };

export function suiteHttp(context: SuiteContext) {
  const tokens: Record<string, string> = {};
  /** One token per login (fixture name and role) for the whole suite. */
  const tokenFor = async (account: string, role?: string) => (tokens[`${account}/${role}`] ??= await context.token({ account, role }));

  /** `path` under /api, with the bearer token, the key and the JSON body when given. */
  const call = (path: string, { token, key, json, ...init }: Call = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (key) headers.set('Idempotency-Key', key);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(`${context.url()}/api${path}`, { ...init, headers, body: json === undefined ? init.body : JSON.stringify(json) });
  };

  /** A problem+json answer with this status (and code, and a field error naming `field`), its request id the header's. */
  async function expectProblem(res: Response, status: number, code?: string, field?: string): Promise<Problem & Record<string, unknown>> {
    const text = await res.text();
    assert.equal(res.status, status, text);
    assert.match(res.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
    const problem = Problem.parse(JSON.parse(text));
    assert.equal(problem.status, status);
    assert.equal(problem.request_id, res.headers.get('Request-Id'));
    if (code) assert.equal(problem.code, code, text);
    if (field) assert.ok(problem.errors?.some((e) => e.field === field), `names ${field}: ${text}`);
    return problem;
  }

  /** A success with this status, its body parsed by `schema`. */
  async function ok<T>(res: Response, schema: { parse(v: unknown): T }, status = 200): Promise<T> {
    const text = await res.text();
    assert.equal(res.status, status, text);
    return schema.parse(JSON.parse(text));
  }

  return { tokenFor, call, expectProblem, ok };
}
