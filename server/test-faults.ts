/**
 * Test-only routes for the end-to-end reliability tests (R1, R2, R4), mounted only when
 * startServer gets `testFaults: true` (TEST_FAULTS=1 on the command line), never by default:
 *
 * - `POST /api/__test/faults` {method, path, action, times, delayMs?}: the next `times` requests
 *   with that method and path run to the end (their transaction commits), then
 *   `drop-after-commit` destroys the connection without a response, `drop-mid-response` sends the
 *   status line and part of the body first (no browser re-sends that by itself), and `delay` holds the
 *   response back for `delayMs` (a client timeout);
 * - `GET /api/__test/ledger?account=` — payments per invoice, to assert "one charge";
 * - `POST /api/__test/settle` {payment_id}: the bank answers now — a processing payment becomes due
 *   and the next sweep (its timer, or any read) settles or fails it; 404 when it is not processing.
 *   With a long settle time a test sees "processing" for as long as it looks, however slow the machine;
 * - `POST /api/__test/provision` {order_id}: the product has set up the licenses now — a pending
 *   license order becomes due and the next provisioning sweep (its timer, or any read of licenses or
 *   orders) provisions it; 404 when it is not pending;
 * - `POST /api/__test/expire-quote` {quote_id}: the quote's time is up — ordering it is a 409
 *   `quote_expired`; 404 when there is no such open quote;
 * - `POST /api/__test/expire-preview` {preview_id}: the add-on preview's time is up — confirming it
 *   is a 409 `preview_expired`; 404 when there is no such open preview;
 * - `POST /api/__test/provision-addon` {addon_id}: the product has carried out the pending add-on's
 *   change now — its next read (GET /addons, a preview or a change) shows the target state; 404
 *   when it is not pending;
 * - `GET /api/__test/requests` — how many requests each `METHOD path` received (retries included);
 * - `GET /api/__test/request-log` — the last 1,000 requests with headers and bodies (R9 scans).
 */
import type { IncomingMessage } from 'node:http';
import type { Context, Hono, Next } from 'hono';
import * as z from 'zod/mini';
import type { Queryable } from './db.js';
import { fieldErrors, noQuery, queryParams, readJsonBody, type Env } from './http.js';
import type { ProvisioningSweep } from './licenses.js';
import type { SettlementSweep } from './payments.js';
import { HttpProblem } from './problem.js';

const FaultRule = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** The request path, exactly (`/api/payments`, `/api/payment-methods/pm_1`). */
  path: z.string().check(z.minLength(1), z.maxLength(500), z.regex(/^\/[^\0?#]*$/, 'expected a path starting with /')),
  action: z.enum(['drop-after-commit', 'drop-mid-response', 'delay']),
  times: z.int().check(z.minimum(1), z.maximum(100)),
  delayMs: z.optional(z.int().check(z.minimum(0), z.maximum(120_000))),
});
type FaultRule = z.infer<typeof FaultRule>;

const testId = () => z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\0]*$/, 'must not contain U+0000'));

const LedgerQuery = z.strictObject({ account: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\0]*$/, 'must not contain U+0000')) });

/** The armed faults of one server process. */
export class TestFaults {
  #rules: Array<FaultRule & { left: number }> = [];
  /** Requests seen per `METHOD path` since the server started (armed or not), for retry assertions. */
  readonly seen = new Map<string, number>();
  /**
   * The last requests as the server received them (URL, headers, body): a browser's DevTools
   * protocol does not report streamed request bodies, so the R9 scan reads them here.
   */
  readonly log: Array<{ method: string; url: string; headers: Record<string, string>; body: string }> = [];

  arm(rule: FaultRule): void {
    this.#rules.push({ ...rule, left: rule.times });
  }

  /** The fault for this request, if one is armed (each match uses one of its `times`). */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.#rules.find((r) => r.left > 0 && r.method === method && r.path === path);
    if (rule) rule.left--;
    this.#rules = this.#rules.filter((r) => r.left > 0);
    return rule;
  }

  /** Hono middleware: runs the request, then applies the armed fault to its response. */
  readonly middleware = async (c: Context<Env>, next: Next): Promise<Response | void> => {
    const route = `${c.req.method} ${c.req.path}`;
    this.seen.set(route, (this.seen.get(route) ?? 0) + 1);
    // A copy: the route reads the body itself, counting its bytes against the limit as they arrive.
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : new TextDecoder().decode(await c.req.raw.clone().arrayBuffer());
    this.log.push({ method: c.req.method, url: c.req.url, headers: c.req.header(), body });
    if (this.log.length > 1000) this.log.shift();
    const fault = this.take(c.req.method, c.req.path);
    await next();
    if (!fault) return;
    if (fault.action === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      return;
    }
    const env = c.env as { incoming?: IncomingMessage } | undefined;
    const socket = env?.incoming?.socket;
    if (fault.action === 'drop-mid-response' && socket) {
      // The status line and a piece of the body arrive, then the connection dies: the browser
      // cannot re-send this on its own (it had an answer), so the client sees an unknown outcome.
      // Written to the socket directly, so the framework's own response finds it closed.
      socket.end(`HTTP/1.1 ${c.res.status} OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"id":`, () => socket.destroy());
      return;
    }
    // Committed, and the client never hears of it: exactly what a dropped connection looks like.
    socket?.destroy();
  };
}

export function registerTestRoutes(
  api: Hono<Env>,
  db: Queryable,
  faults: TestFaults,
  sweeps: { settlement: SettlementSweep; provisioning: ProvisioningSweep },
): void {
  api.post('/__test/faults', async (c) => {
    noQuery(c);
    faults.arm(await readJsonBody(c, FaultRule));
    return c.body(null, 204);
  });

  /**
   * The routes that make one row due now: the body names it (`field`), `sql` updates it by $1 and
   * returns it; none updated → 404 `missing`; then the sweep concerned (if any) looks again.
   */
  const dueRoutes: Array<{ path: string; field: string; sql: string; missing: string; changed?: () => void }> = [
    {
      path: '/__test/settle',
      field: 'payment_id',
      sql: `UPDATE payments SET settle_at = now() WHERE id = $1 AND status = 'processing' RETURNING id`,
      missing: 'No processing payment with this id.',
      changed: () => sweeps.settlement.changed(),
    },
    {
      path: '/__test/provision',
      field: 'order_id',
      sql: `UPDATE license_orders SET provision_at = now() WHERE id = $1 AND status = 'pending_provisioning' RETURNING id`,
      missing: 'No pending license order with this id.',
      changed: () => sweeps.provisioning.changed(),
    },
    {
      path: '/__test/expire-quote',
      field: 'quote_id',
      sql: `UPDATE license_quotes SET expires_at = now() - interval '1 second' WHERE id = $1 AND order_id IS NULL RETURNING id`,
      missing: 'No open quote with this id.',
    },
    {
      path: '/__test/expire-preview',
      field: 'preview_id',
      sql: `UPDATE addon_previews SET expires_at = now() - interval '1 second' WHERE id = $1 AND change_id IS NULL RETURNING id`,
      missing: 'No open preview with this id.',
    },
    {
      path: '/__test/provision-addon',
      field: 'addon_id',
      sql: `UPDATE addons SET pending_until = now() WHERE id = $1 AND state = 'pending' RETURNING id`,
      missing: 'No pending add-on with this id.',
    },
  ];
  for (const { path, field, sql, missing, changed } of dueRoutes) {
    const Body = z.strictObject({ [field]: testId() });
    api.post(path, async (c) => {
      noQuery(c);
      const body = await readJsonBody(c, Body);
      const due = await db.query(sql, [body[field]]);
      if (due.length === 0) throw new HttpProblem(404, 'not_found', missing);
      changed?.();
      return c.body(null, 204);
    });
  }

  api.get('/__test/requests', (c) => {
    noQuery(c);
    return c.json(Object.fromEntries(faults.seen));
  });

  api.get('/__test/request-log', (c) => {
    noQuery(c);
    return c.json(faults.log);
  });

  api.get('/__test/ledger', async (c) => {
    const query = LedgerQuery.safeParse(queryParams(c));
    if (!query.success) throw fieldErrors(query.error);
    const [login] = await db.query<{ account_id: string }>(
      'SELECT account_id FROM demo_logins WHERE name = $1 UNION ALL SELECT id FROM accounts WHERE id = $1 LIMIT 1',
      [query.data.account],
    );
    if (!login) throw new HttpProblem(404, 'not_found', 'No such account.');
    const invoices = await db.query<{ invoice_id: string; payments: number; succeeded: number; processing: number; failed: number; amount: number }>(
      `SELECT a.invoice_id, count(*)::int AS payments,
         count(*) FILTER (WHERE p.status = 'succeeded')::int AS succeeded,
         count(*) FILTER (WHERE p.status = 'processing')::int AS processing,
         count(*) FILTER (WHERE p.status = 'failed')::int AS failed,
         COALESCE(sum(a.amount) FILTER (WHERE p.status <> 'failed'), 0)::float8 AS amount
       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
       WHERE p.account_id = $1 GROUP BY a.invoice_id ORDER BY a.invoice_id`,
      [login.account_id],
    );
    const [totals] = await db.query<{ payments: number; declined: number }>(
      `SELECT count(*)::int AS payments,
         count(*) FILTER (WHERE p.status = 'failed' AND p.settle_at IS NULL)::int AS declined
       FROM payments p WHERE p.account_id = $1`,
      [login.account_id],
    );
    return c.json({ account_id: login.account_id, ...totals, invoices });
  });
}
