import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { ROLE_CAPABILITIES } from '../src/api/fixtures/generate.js';
import type { InvoiceDetail, InvoicePage, InvoiceSummary } from '../src/api/schemas/invoice.js';
import { INVOICE_FILTERS, PAYABLE_STATUSES } from '../src/api/vocabulary.js';
import type { Database } from './db.js';
import { authenticator, fieldErrors, noQuery, queryParams, readJsonBody, requestOrigin, sendProblem, type Env } from './http.js';
import { buildOpenApiDocument } from './openapi.js';
import { PathId, registerPaymentRoutes } from './payment-routes.js';
import { readAccount, SettlementSweep, type PaymentSettings } from './payments.js';
import { renderInvoicePdf } from './pdf.js';
import { HttpProblem, invalid } from './problem.js';
import { cachingSigner, verifySignedPath } from './signed-url.js';
import { issueToken, seal, unseal } from './tokens.js';
import { registerTestRoutes, type TestFaults } from './test-faults.js';

export { MAX_BODY_BYTES } from './http.js';

export interface AppOptions {
  db: Database;
  secret: string;
  corsOrigins?: string[];
  staticDir?: string;
  log?: boolean;
  /** Test gateway settings; default: ACH settles after 10 s, raw card data accepted. */
  payments?: Partial<PaymentSettings>;
  /** The settlement sweep (startServer runs its timer); a fresh one when absent. */
  sweep?: SettlementSweep;
  /** The port of the hosted-fields listener, once it listens (undefined: no hosted fields). */
  hostedFieldsPort?: () => number | undefined;
  /** Test-only fault injection and ledger routes under /api/__test (never in production). */
  testFaults?: TestFaults;
}

/** How long a bank (ACH) payment stays processing by default (the demo's pace). */
export const DEFAULT_ACH_SETTLE_MS = 10_000;
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;
/** How long a pdf_url stays valid at most. */
export const PDF_URL_TTL_MS = 15 * 60_000;
/**
 * The expiry of a pdf_url is rounded down to this step, so a link lives 14-15 minutes and one
 * signature per invoice serves every response of the same minute (cachingSigner).
 */
export const PDF_URL_STEP_MS = 60_000;
const DEFAULT_TOKEN_TTL_SECONDS = 900;

const InvoiceListQuery = z.strictObject({
  status: z.optional(z.enum(INVOICE_FILTERS)),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'expected an integer from 1 to 100'))),
});

/** PostgreSQL text cannot hold U+0000: such input is a client error, not a database fault. */
const noNul = () => z.regex(/^[^\0]*$/, 'must not contain U+0000');

const DemoTokenBody = z.strictObject({
  account: z.string().check(z.minLength(1), z.maxLength(200), noNul()),
  role: z.optional(z.enum(Object.keys(ROLE_CAPABILITIES) as [string, ...string[]])),
  ttl_seconds: z.optional(z.int().check(z.minimum(1), z.maximum(86_400))),
});

const InvoiceId = PathId;

/**
 * The invoice detail document with the columns a payment changes (status, amount due) laid over
 * it: the document is written once at issue, the columns are current. Expects the alias `i`.
 */
const CURRENT_DETAIL = `i.detail || jsonb_build_object('status', i.status, 'amount_due', jsonb_build_object('amount', i.amount_due, 'currency', i.currency)) AS detail`;

/** The cursor's content: the keyset position, bound to the account and the filter it was issued for. */
const CursorPayload = z.object({ a: z.string(), s: z.string(), k: z.tuple([z.iso.date(), z.string()]) });

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function createApp({ db, secret, corsOrigins = [], staticDir, log = false, ...options }: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const allowedOrigins = new Set(corsOrigins);
  const settings: PaymentSettings = { achSettleMs: DEFAULT_ACH_SETTLE_MS, acceptRawCardData: true, ...options.payments };
  const sweep = options.sweep ?? new SettlementSweep(db);

  // Request id, CORS and preflight first, so every response (errors included) carries them. The
  // headers are set before next(): Hono builds the route's response (or onError's, or notFound's)
  // with them once. Set after next(), they made Hono copy every response, and @hono/node-server
  // then streamed the copy instead of writing the body in one go.
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const origin = c.req.header('Origin');
    const corsAllowed = origin !== undefined && allowedOrigins.has(origin);
    if (c.req.method === 'OPTIONS' && corsAllowed && c.req.header('Access-Control-Request-Method')) {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Idempotency-Key, Content-Type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
        'Request-Id': requestId,
      });
    }
    c.header('Request-Id', requestId);
    if (corsAllowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed, Request-Id');
      c.header('Vary', 'Origin', { append: true });
    }
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof HttpProblem) return sendProblem(c, error);
    // One line on stderr with the request id the client sees; no headers (no token), no query.
    console.error(
      JSON.stringify({
        level: 'error',
        request_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
    return sendProblem(c, new HttpProblem(500, 'internal_error', 'The server failed to handle this request.'));
  });

  app.notFound((c) => sendProblem(c, new HttpProblem(404, 'not_found', `No resource at ${c.req.path}.`)));

  if (log) {
    app.use('*', async (c, next) => {
      const start = performance.now();
      await next();
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms ${c.get('requestId')}`);
    });
  }

  const authenticate = authenticator(secret);

  /**
   * `pdfUrl(origin, id)`: `origin` of the request, computed once per response rather than once per
   * signed link. The link is cached per invoice and expiry step: a 50-row page signed 50 links per request.
   */
  const pdfUrl = cachingSigner(secret, PDF_URL_TTL_MS, PDF_URL_STEP_MS, (id) => `/api/invoices/${encodeURIComponent(id)}/pdf`);

  /** id, number, status, issued_on, due_on, currency, total_amount, amount_due. */
  type SummaryTuple = [string, string, string, string, string | null, string, number, number];
  // One json column per row instead of eight: PGlite decodes every field of every row in JS (an
  // ArrayBuffer copy and a TextDecoder call each), which cost more than the query itself; one
  // JSON.parse per row makes a 50-row page 0.5-0.8 ms cheaper. json renders dates as YYYY-MM-DD and
  // bigints as plain numbers, as the ::text casts and Number() did before.
  const summaryColumn =
    'json_build_array(id, number, status, issued_on, due_on, currency, total_amount, amount_due) AS summary';
  const toSummary = (origin: string, [id, number, status, issued_on, due_on, currency, total, amountDue]: SummaryTuple): InvoiceSummary => ({
    id,
    number,
    status,
    issued_on,
    due_on,
    total: { amount: total, currency },
    amount_due: { amount: amountDue, currency },
    pdf_url: pdfUrl(origin, id),
  });

  // Registered before the routes so that the fault applies after the whole request has run.
  if (options.testFaults) app.use('/api/*', options.testFaults.middleware);

  const api = new Hono<Env>();

  api.get('/openapi.json', (c) => {
    noQuery(c);
    return c.json(buildOpenApiDocument());
  });

  api.post('/demo/token', async (c) => {
    noQuery(c);
    const { account, role, ttl_seconds = DEFAULT_TOKEN_TTL_SECONDS } = await readJsonBody(c, DemoTokenBody);
    const [login] = await db.query<{ account_id: string; role: string }>(
      `SELECT account_id, role FROM demo_logins WHERE name = $1
       UNION ALL SELECT id, 'admin' FROM accounts WHERE id = $1 LIMIT 1`,
      [account],
    );
    if (!login) throw invalid('account', `no demo account ${JSON.stringify(account)}`, 'unknown');
    const effectiveRole = role ?? login.role;
    const [user] = await db.query<{ id: string }>('SELECT id FROM users WHERE account_id = $1 AND role = $2 ORDER BY id LIMIT 1', [
      login.account_id,
      effectiveRole,
    ]);
    if (!user) throw invalid('role', `no ${effectiveRole} user in this account`, 'unknown');
    return c.json(issueToken(secret, { account_id: login.account_id, user: user.id, role: effectiveRole }, ttl_seconds), 201);
  });

  // The PDF link is signed and expiring (it is opened by the browser, without the bearer token).
  api.get('/invoices/:id/pdf', async (c) => {
    const id = InvoiceId.safeParse(c.req.param('id'));
    const url = new URL(c.req.url);
    if (!id.success || !verifySignedPath(url.pathname, url.searchParams, secret, Date.now())) {
      throw new HttpProblem(403, 'invalid_signature', 'This PDF link is invalid or has expired; ask for the invoice again.');
    }
    await sweep.beforeRead();
    const [row] = await db.query<{ detail: Omit<InvoiceDetail, 'pdf_url'>; name: string }>(
      `SELECT ${CURRENT_DETAIL}, a.name FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.id = $1`,
      [id.data],
    );
    if (!row) throw new HttpProblem(404, 'not_found', 'No such invoice.');
    const pdf = await renderInvoicePdf({ ...row.detail, pdf_url: null }, { name: row.name });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${row.detail.number.replace(/[^\w.-]/g, '_')}.pdf"`,
      'Cache-Control': 'private, no-store',
    });
  });

  for (const path of ['/account', '/account/*', '/invoices', '/invoices/*', '/payments', '/payments/*', '/payment-methods', '/payment-methods/*']) {
    api.use(path, authenticate);
  }

  api.get('/account', async (c) => {
    noQuery(c);
    const claims = c.get('claims');
    await sweep.beforeRead();
    return c.json(await readAccount(db, claims.account_id, claims.role));
  });

  api.get('/invoices', async (c) => {
    const parsed = InvoiceListQuery.safeParse(queryParams(c));
    if (!parsed.success) throw fieldErrors(parsed.error);
    const claims = c.get('claims');
    const filter = parsed.data.status ?? 'all';
    const limit = parsed.data.limit === undefined ? DEFAULT_LIMIT : Number(parsed.data.limit);
    if (limit < 1 || limit > MAX_LIMIT) throw invalid('limit', `expected an integer from 1 to ${MAX_LIMIT}`, 'out_of_range');
    let after: [string, string] | undefined;
    if (parsed.data.cursor !== undefined) {
      const cursor = CursorPayload.safeParse(unseal('cursor', secret, parsed.data.cursor));
      if (!cursor.success || cursor.data.a !== claims.account_id || cursor.data.s !== filter) {
        throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
      }
      after = cursor.data.k;
    }
    await sweep.beforeRead();
    const statuses = filter === 'all' ? null : filter === 'open' ? [...PAYABLE_STATUSES] : [filter];
    const where = ['account_id = $1'];
    const params: unknown[] = [claims.account_id];
    if (statuses) where.push(`status = ANY($${params.push(statuses)}::text[])`);
    const countWhere = where.join(' AND ');
    const countParams = [...params];
    if (after) where.push(`(invoices.issued_on, invoices.id) < ($${params.push(after[0])}::date, $${params.push(after[1])})`);
    // Qualified names: an unqualified ORDER BY would bind to an output column of the same name (it
    // did when the select list cast issued_on to text) and sort instead of walking the keyset
    // index. The total is counted on the first page only (later pages answer null): counting
    // every page costs more than the page itself.
    const [rows, counted] = await Promise.all([
      db.query<{ summary: SummaryTuple }>(
        `SELECT ${summaryColumn} FROM invoices WHERE ${where.join(' AND ')} ORDER BY invoices.issued_on DESC, invoices.id DESC LIMIT $${params.push(limit + 1)}`,
        params,
      ),
      after ? Promise.resolve(undefined) : db.query<{ count: number }>(`SELECT count(*)::int AS count FROM invoices WHERE ${countWhere}`, countParams),
    ]);
    const count = counted?.[0]?.count ?? null;
    const pageRows = rows.slice(0, limit).map((row) => row.summary);
    const [lastId, , , lastIssuedOn] = pageRows.at(-1) ?? [];
    const origin = requestOrigin(c);
    const page: InvoicePage = {
      data: pageRows.map((row) => toSummary(origin, row)),
      next_cursor:
        rows.length > limit && lastId !== undefined && lastIssuedOn !== undefined
          ? seal('cursor', secret, { a: claims.account_id, s: filter, k: [lastIssuedOn, lastId] })
          : null,
      total_count: count,
    };
    return c.json(page);
  });

  api.get('/invoices/:id', async (c) => {
    noQuery(c);
    const id = InvoiceId.safeParse(c.req.param('id'));
    if (!id.success) throw fieldErrors(id.error, 'id');
    // Scoped to the token's account: another account's invoice is "not found", not "forbidden".
    await sweep.beforeRead();
    const [row] = await db.query<{ detail: Omit<InvoiceDetail, 'pdf_url'> }>(`SELECT ${CURRENT_DETAIL} FROM invoices i WHERE i.id = $1 AND i.account_id = $2`, [
      id.data,
      c.get('claims').account_id,
    ]);
    if (!row) throw new HttpProblem(404, 'not_found', 'No such invoice.');
    const detail: InvoiceDetail = { ...row.detail, pdf_url: pdfUrl(requestOrigin(c), id.data) };
    return c.json(detail);
  });

  registerPaymentRoutes(api, {
    db,
    secret,
    settings,
    sweep,
    pageLimits: { default: DEFAULT_LIMIT, max: MAX_LIMIT },
    hostedFieldsUrl: (c) => {
      const port = options.hostedFieldsPort?.();
      if (port === undefined) return null;
      const url = new URL(c.req.url);
      return `${url.protocol}//${url.hostname}:${port}/hosted-fields.html`;
    },
  });
  if (options.testFaults) registerTestRoutes(api, db, options.testFaults, sweep);

  // A known path with another method → 405 with Allow.
  const methods: Array<[string, string]> = [
    ['/openapi.json', 'GET'],
    ['/demo/token', 'POST'],
    ['/account', 'GET'],
    ['/account/autopay', 'PATCH'],
    ['/invoices', 'GET'],
    ['/invoices/:id', 'GET'],
    ['/invoices/:id/pdf', 'GET'],
    ['/payments', 'GET, POST'],
    ['/payments/:id', 'GET'],
    ['/payment-methods', 'GET, POST'],
    ['/payment-methods/:id', 'PATCH, DELETE'],
  ];
  for (const [path, allow] of methods) {
    api.all(path, (c) => sendProblem(c, new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${allow}.`, undefined, { Allow: allow })));
  }

  app.route('/api', api);

  if (staticDir) {
    const root = resolve(staticDir);
    app.get('*', async (c, next) => {
      let path: string;
      try {
        path = decodeURIComponent(c.req.path);
      } catch {
        return next();
      }
      if (path.includes('\0')) return next();
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) return next();
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        return c.body(body, 200, { 'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream' });
      } catch {
        return next();
      }
    });
  }

  return app;
}
