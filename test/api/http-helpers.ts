import { expect } from '@open-wc/testing';
import { createFixture, toSummary } from '../../src/api/fixtures/generate.js';
import { HttpAccountApi, type HttpAccountApiOptions } from '../../src/api/http-api.js';

/** One scripted response of the fake API (test/helpers/mock-api-middleware.mjs). */
export interface Step {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  delayMs?: number;
  drop?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  aborted?: boolean;
}

const fixture = createFixture('typical', new Date('2026-03-01T00:00:00Z'));
export const ACCOUNT = fixture.account;
export const INVOICE = fixture.invoices[0];
export const PAGE = { data: fixture.invoices.slice(0, 5).map(toSummary), next_cursor: 'c2', total_count: 40 };

let counter = 0;

/** A fresh scenario on the fake API, scripted with `steps`; `token` makes it check Authorization. */
export async function scenario(steps: Step[], token?: string) {
  const name = `http-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const base = `/mock-api/${name}`;
  const response = await fetch(`${base}/__script`, {
    method: 'POST',
    body: JSON.stringify(token === undefined ? steps : { steps, token }),
  });
  expect(response.status).to.equal(204);
  return {
    base,
    async log(): Promise<LoggedRequest[]> {
      return (await fetch(`${base}/__log`)).json();
    },
  };
}

/** Small delays, so retry tests stay fast. */
export function api(base: string, options: Partial<HttpAccountApiOptions> = {}) {
  return new HttpAccountApi({
    baseUrl: base,
    token: 'tok_initial',
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

export { rejection } from '../helpers/rejection.js';

/** A fetch that fails like the browser does when offline; `calls` counts the attempts. */
export function offlineFetch() {
  const offline = {
    calls: 0,
    fetch: (async () => {
      offline.calls++;
      throw new TypeError('Failed to fetch');
    }) as typeof fetch,
  };
  return offline;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
