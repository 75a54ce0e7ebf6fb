/**
 * Runs a scenario on one world and records a transcript: for every AccountApi call, its result or
 * its error, normalised so that the two sides compare where the contract says they must agree.
 *
 * Normalised, and why (everything else is compared exactly):
 * - `pdf_url`, `sales_order_url`, `document_url` → `<pdf_url>` and so on: the server signs a
 *   short-lived link at its own origin per response; the memory API's link is a fixed example URL.
 *   The contract only promises a URL (or null).
 * - ids of things made during the scenario (`py_…`, `pm_…`, `tok_…`, quotes `lq_…`, add-on previews `adp_…`, credits `cr_…`, addresses `adr_…`, orders
 *   `ord_…`, users `usr_…`, invoices `in_…` not in the seeded fixtures) → `<py#1>`, `<pm#1>`, … numbered by first
 *   appearance: the server makes random ids, the memory API counts. The same new id is the same
 *   placeholder everywhere in the transcript, so "the payment names the method we just added" is
 *   still checked; ids made from one (an order invoice's `grp_<id>`, `li_<id>`, the ledger's
 *   `tx_<id>`, `tx_<id>_refund`) keep their prefix and suffix around the placeholder.
 * - `next_cursor` (when not null) → `<cursor>`: cursors are opaque; the server seals a keyset
 *   position, the memory API an offset. Whether there is a next page is compared, and every
 *   cursor is used by the scenarios, so the pages it leads to are compared too.
 * - timestamps at or after the scenario's start → `<now>`: a new payment's `created_at`, a new
 *   method's `created_at`, `settled_at`, `last_payment.paid_at` are the clock of each side.
 *   Seeded timestamps (2026-01-15 and before) are compared as instants (`…T10:00:00Z` in the
 *   fixture is `…T10:00:00.000Z` from PostgreSQL: the same instant, both valid ISO 8601).
 * - errors: only `kind`, `status`, `problem.code` and the `field`s of `problem.errors` (sorted),
 *   not `detail`/`title` (prose) or `request_id` (per request).
 */
import { randomUUID } from 'node:crypto';
import type { AccountApi } from '../../src/api/account-api.js';
import { ApiError, type ApiErrorKind } from '../../src/api/errors.js';
import { createFixture } from '../../src/api/fixtures/generate.js';
import { usersFixture } from '../../src/api/fixtures/users.js';
import { SEED_DATE } from '../../server/seed.js';
import type { Login, World } from './world.js';

export interface ErrorOutcome {
  kind: ApiErrorKind;
  status: number | undefined;
  code: string | undefined;
  fields: string[];
}
export type Outcome = { ok: unknown } | { error: ErrorOutcome };
export interface Step {
  label: string;
  outcome: Outcome;
  /** Set when the outcome is not what the scenario expects. */
  unexpected?: string;
}

/** What a call must give on both sides: success, or an error of this kind (and code, and fields). */
export type Expect = 'ok' | { kind: ApiErrorKind; code?: string; status?: number; fields?: string[] };

export interface ScenarioContext {
  api: AccountApi;
  world: World;
  login: Login;
  /** Runs one call, records its normalised outcome, checks `expect`; resolves with the raw value (undefined on error). */
  call<T>(label: string, run: (api: AccountApi) => Promise<T>, expect?: Expect): Promise<T | undefined>;
  /** Like call, but the value is required to continue (the scenario stops when it fails). */
  must<T>(label: string, run: (api: AccountApi) => Promise<T>): Promise<T>;
  /** A new idempotency key. */
  key(): string;
}

export interface Scenario {
  name: string;
  login: Login;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Ids in the seeded fixtures (every login), compared exactly. */
const SEEDED_IDS = new Set<string>();
for (const login of ['typical', 'viewer', 'jpy', 'kwd', 'empty'] as const) {
  const f = createFixture(login, SEED_DATE);
  for (const x of [...f.invoices, ...f.payments, ...f.paymentMethods, ...f.addresses, ...usersFixture(f.account.id, SEED_DATE)]) SEEDED_IDS.add(x.id);
}

const NEW_ID = /^(py|pm|tok|lq|ord|in|adp|cr|usr|adr)_/;
/** An id derived from another one: `grp_in_…`, `li_in_…`, `tx_py_…_refund`. */
const DERIVED_ID = /^(grp|li|tx)_(.+?)(_refund)?$/;
const LINKS = new Set(['pdf_url', 'sales_order_url', 'document_url']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

class Normaliser {
  readonly #ids = new Map<string, string>();
  readonly #counts = new Map<string, number>();
  constructor(private readonly startedAt: number) {}

  value(value: unknown, key?: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.value(v, k)]));
    }
    if (typeof value !== 'string') return value;
    if (key !== undefined && LINKS.has(key)) return `<${key}>`;
    if (key === 'next_cursor') return '<cursor>';
    if (this.#isNew(value)) return this.#placeholder(value);
    const derived = DERIVED_ID.exec(value);
    if (derived && this.#isNew(derived[2])) return `${derived[1]}_${this.#placeholder(derived[2])}${derived[3] ?? ''}`;
    if (TIMESTAMP.test(value)) return Date.parse(value) >= this.startedAt - 1000 ? '<now>' : new Date(value).toISOString();
    return value;
  }

  #isNew(id: string): boolean {
    return NEW_ID.test(id) && !SEEDED_IDS.has(id);
  }

  #placeholder(id: string): string {
    let placeholder = this.#ids.get(id);
    if (!placeholder) {
      const prefix = id.slice(0, id.indexOf('_'));
      const n = (this.#counts.get(prefix) ?? 0) + 1;
      this.#counts.set(prefix, n);
      this.#ids.set(id, (placeholder = `<${prefix}#${n}>`));
    }
    return placeholder;
  }

  error(error: unknown): ErrorOutcome {
    if (!(error instanceof ApiError)) throw error;
    return {
      kind: error.kind,
      status: error.status,
      code: error.problem?.code,
      fields: (error.problem?.errors ?? []).map((e) => e.field).sort(),
    };
  }
}

/** Why the outcome is not what the scenario expects, or undefined when it is. */
function unexpected(outcome: Outcome, expect: Expect | undefined): string | undefined {
  if (expect === undefined) return undefined;
  if (expect === 'ok') return 'ok' in outcome ? undefined : `expected success, got ${JSON.stringify(outcome.error)}`;
  if (!('error' in outcome)) return `expected ${expect.kind}, got success`;
  const { kind, code, status, fields } = outcome.error;
  const want = { kind: expect.kind, code: expect.code ?? code, status: expect.status ?? status, fields: expect.fields ? [...expect.fields].sort() : fields };
  const got = { kind, code, status, fields };
  return JSON.stringify(got) === JSON.stringify(want) ? undefined : `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** The leaves where two values differ, as `path: a ≠ b` lines (at most `max`). */
export function differences(a: unknown, b: unknown, path = '', max = 12, out: string[] = []): string[] {
  if (out.length >= max) return out;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, max, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${path || '.'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  }
  return out;
}

/** The scenario's transcript on one world. */
export async function runScenario(world: World, scenario: Scenario): Promise<Step[]> {
  const api = await world.fresh(scenario.login);
  const normaliser = new Normaliser(Date.now());
  const steps: Step[] = [];
  const ctx: ScenarioContext = {
    api,
    world,
    login: scenario.login,
    async call(label, run, expect) {
      let outcome: Outcome;
      let value;
      try {
        value = await run(api);
        outcome = { ok: normaliser.value(value ?? null) };
      } catch (error) {
        outcome = { error: normaliser.error(error) };
      }
      const why = unexpected(outcome, expect);
      steps.push({ label, outcome, ...(why ? { unexpected: why } : {}) });
      return value;
    },
    async must(label, run) {
      const value = await ctx.call(label, run, 'ok');
      if (steps.at(-1)?.unexpected) throw new Error(`${world.name}: ${label}: ${steps.at(-1)?.unexpected}`);
      return value as Awaited<ReturnType<typeof run>>;
    },
    key: () => randomUUID(),
  };
  await scenario.run(ctx);
  return steps;
}
