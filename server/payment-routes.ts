/**
 * The payment routes of the host API: payments, payment methods and autopay. Handlers validate with
 * the contract's zod schemas, check the token's capability, and run writes through withIdempotency
 * (required for POSTs, used for PATCH/DELETE when the client sends a key).
 */
import { createHmac } from 'node:crypto';
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { NewPayment, PaymentPage } from '../src/api/schemas/payment.js';
import { AutopayUpdate, NewPaymentMethod, PaymentMethodPatch } from '../src/api/schemas/payment-method.js';
import type { Database } from './db.js';
import { fieldErrors, noQuery, queryParams, readJsonBody, requireCapability, sendStored, type Env } from './http.js';
import { withIdempotency, type StoredResponse } from './idempotency.js';
import {
  addMethod,
  createPayment,
  deleteMethod,
  listMethods,
  listPayments,
  readGateway,
  readPayment,
  setAutopay,
  updateMethod,
  type PaymentSettings,
  type SettlementSweep,
} from './payments.js';
import { HttpProblem, invalid } from './problem.js';
import { seal, unseal } from './tokens.js';

export interface PaymentRouteOptions {
  db: Database;
  secret: string;
  settings: PaymentSettings;
  sweep: SettlementSweep;
  /** The hosted-fields page's URL for this request (its hostname, the second port), or null. */
  hostedFieldsUrl: (c: Context<Env>) => string | null;
  pageLimits: { default: number; max: number };
}

/** A path id: the contract's Id, without U+0000 (PostgreSQL text cannot hold it). */
export const PathId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\0]*$/, 'must not contain U+0000'));

const PaymentListQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'expected an integer from 1 to 100'))),
});

/** The payments cursor: the last row's (created_at, id), bound to the account. */
const PaymentCursor = z.object({ a: z.string(), s: z.literal('payments'), k: z.tuple([z.iso.datetime(), z.string()]) });

export function pathId(c: Context<Env>): string {
  const id = PathId.safeParse(c.req.param('id'));
  if (!id.success) throw fieldErrors(id.error, 'id');
  return id.data;
}

/**
 * What a write asks for: its route with the path id and the validated body (zod's output has a
 * stable key order). Keyed with the server secret: a body may hold a raw test card number, and a
 * plain hash of one could be reversed by trying every number.
 */
function fingerprint(secret: string, route: string, body: unknown): string {
  return createHmac('sha256', `idempotency:${secret}`).update(`${route}\n${JSON.stringify(body ?? null)}`).digest('base64url');
}

export function registerPaymentRoutes(api: Hono<Env>, options: PaymentRouteOptions): void {
  const { db, secret, settings, sweep, pageLimits } = options;

  /** Runs a write once per Idempotency-Key (required, or only when sent) and sends its stored outcome. */
  const idempotent = async (c: Context<Env>, route: string, body: unknown, keyRequired: boolean, run: () => Promise<StoredResponse>) => {
    const key = c.req.header('Idempotency-Key');
    if (!keyRequired && key === undefined) return sendStored(c, { ...(await run()), replayed: false });
    const stored = await withIdempotency(db, { accountId: c.get('claims').account_id, key, fingerprint: fingerprint(secret, route, body) }, run);
    return sendStored(c, stored);
  };

  api.get('/payments', async (c) => {
    const claims = requireCapability(c, 'invoices:read');
    const parsed = PaymentListQuery.safeParse(queryParams(c));
    if (!parsed.success) throw fieldErrors(parsed.error);
    const limit = parsed.data.limit === undefined ? pageLimits.default : Number(parsed.data.limit);
    if (limit < 1 || limit > pageLimits.max) throw invalid('limit', `expected an integer from 1 to ${pageLimits.max}`, 'out_of_range');
    let after: [string, string] | undefined;
    if (parsed.data.cursor !== undefined) {
      const cursor = PaymentCursor.safeParse(unseal('cursor', secret, parsed.data.cursor));
      if (!cursor.success || cursor.data.a !== claims.account_id) throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
      after = cursor.data.k;
    }
    await sweep.beforeRead();
    const { payments, more, total } = await listPayments(db, claims.account_id, limit, after);
    const last = payments.at(-1);
    const page: PaymentPage = {
      data: payments,
      next_cursor: more && last ? seal('cursor', secret, { a: claims.account_id, s: 'payments', k: [last.created_at, last.id] }) : null,
      total_count: total,
    };
    return c.json(page);
  });

  api.get('/payments/:id', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'invoices:read');
    const id = pathId(c);
    await sweep.beforeRead();
    const payment = await readPayment(db, claims.account_id, id);
    if (!payment) throw new HttpProblem(404, 'not_found', 'No such payment.');
    return c.json(payment);
  });

  api.post('/payments', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'invoices:pay');
    const body = await readJsonBody(c, NewPayment);
    await sweep.beforeRead();
    return idempotent(c, 'POST /payments', body, true, async () => {
      const response = await createPayment(db, settings, claims.account_id, body);
      // A bank payment may now be processing: reads must not trust the sweep's last finding.
      sweep.changed();
      return response;
    });
  });

  api.get('/payment-methods', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'invoices:read');
    const [data, gateway] = await Promise.all([
      listMethods(db, claims.account_id),
      readGateway(db, claims.account_id, settings, options.hostedFieldsUrl(c)),
    ]);
    return c.json({ data, gateway });
  });

  api.post('/payment-methods', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'payment_methods:manage');
    const body = await readJsonBody(c, NewPaymentMethod);
    return idempotent(c, 'POST /payment-methods', body, true, () => addMethod(db, settings, claims.account_id, body));
  });

  api.patch('/payment-methods/:id', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'payment_methods:manage');
    const id = pathId(c);
    const body = await readJsonBody(c, PaymentMethodPatch);
    return idempotent(c, `PATCH /payment-methods/${id}`, body, false, () => updateMethod(db, claims.account_id, id, body));
  });

  api.delete('/payment-methods/:id', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'payment_methods:manage');
    const id = pathId(c);
    return idempotent(c, `DELETE /payment-methods/${id}`, null, false, () => deleteMethod(db, claims.account_id, id));
  });

  api.patch('/account/autopay', async (c) => {
    noQuery(c);
    const claims = requireCapability(c, 'autopay:manage');
    const body = await readJsonBody(c, AutopayUpdate);
    return idempotent(c, 'PATCH /account/autopay', body, false, () => setAutopay(db, claims.account_id, claims.role, body));
  });
}
