/**
 * The bare server of `npm run bench:server`: what the reference server's stack allows. The same
 * hono and @hono/node-server, the same driver (PGlite in memory, or pg on `DATABASE_URL`'s
 * database), the same migrations and seed, the same SQL for each measured route, and nothing
 * else: no authentication (the account is fixed), no validation, no signing (cursors are plain
 * base64url JSON, `pdf_url` is unsigned), no request id, no CORS, no sweep.
 *
 * `BENCH_ROUTES` is the table of measured routes: to measure one more, add its row here (the
 * requests the benchmark rotates through, and the bare handler with the real route's SQL).
 * The benchmark checks before measuring that both servers answer every request with the same data.
 *
 * Child mode (`node --import tsx scripts/bench-bare-server.ts [databaseUrl]`): prints `{url}` on
 * stdout once it listens, stops when stdin closes.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { migrate, openPglite, openPostgres, type Database } from '../server/db.js';
import { listPayments, readAccount } from '../server/payments.js';
import { seed } from '../server/seed.js';

/** The account every measured request reads: the 10,000-invoice fixture (demo login `large`). */
export const BENCH_LOGIN = 'large';
const ACCOUNT_ID = 'acct_large';
const ROLE = 'admin';
const DEFAULT_LIMIT = 25;

/** What a route's `requests` may use: GET a path of the real server (JSON), with its token. */
export interface RequestContext {
  get(path: string): Promise<unknown>;
}

export interface BenchRoute {
  /** The name in the report. */
  name: string;
  /** The request paths (under /api) that the benchmark rotates through, for both servers. */
  requests(real: RequestContext): Promise<string[]>;
  /** The bare route: its Hono path and handler (the real route's SQL, nothing else). */
  path: string;
  bare(c: Context, db: Database): Promise<Response>;
  /** The response as compared between the two servers (unsigned parts dropped); default: as is. */
  comparable?(body: unknown): unknown;
}

/** An unsigned cursor: the keyset position only. */
const plainCursor = (k: [string, string]) => Buffer.from(JSON.stringify({ k })).toString('base64url');
/** The keyset position of a cursor of either server (the real one's signature is not checked). */
const cursorKey = (cursor: string): [string, string] => JSON.parse(Buffer.from(cursor.split('.')[0], 'base64url').toString('utf8')).k;

type Page = { data: Array<Record<string, unknown>>; next_cursor: string | null; total_count: number | null };
const pageData = (body: unknown) => {
  const page = body as Page;
  return { data: page.data.map(({ pdf_url: _pdfUrl, ...row }) => row), more: page.next_cursor !== null, total_count: page.total_count };
};

const PAGE_LIMIT = 50;
const ROTATED_PAGES = 20;

export const BENCH_ROUTES: BenchRoute[] = [
  {
    name: `GET /invoices?limit=${PAGE_LIMIT}`,
    // 20 pages spread over the whole account (cursors from walking every page of the real server),
    // so the figure is not one hot page; the first page (with its count) is one of them.
    async requests(real) {
      const paths: string[] = [];
      let cursor: string | null = null;
      do {
        const path: string = `/api/invoices?limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        paths.push(path);
        cursor = ((await real.get(path)) as Page).next_cursor;
      } while (cursor);
      const step = paths.length / ROTATED_PAGES;
      return Array.from({ length: Math.min(ROTATED_PAGES, paths.length) }, (_, i) => paths[Math.floor(i * step)]);
    },
    path: '/api/invoices',
    // The SQL of server/app.ts GET /invoices (no status filter): keep the two in step.
    async bare(c, db) {
      const limit = Number(c.req.query('limit') ?? DEFAULT_LIMIT);
      const cursor = c.req.query('cursor');
      const after = cursor ? cursorKey(cursor) : undefined;
      const params: unknown[] = [ACCOUNT_ID];
      const keyset = after ? ` AND (invoices.issued_on, invoices.id) < ($${params.push(after[0])}::date, $${params.push(after[1])})` : '';
      const [rows, counted] = await Promise.all([
        db.query<{ summary: [string, string, string, string, string | null, string, number, number] }>(
          `SELECT json_build_array(id, number, status, issued_on, due_on, currency, total_amount, amount_due) AS summary FROM invoices WHERE account_id = $1${keyset} ORDER BY invoices.issued_on DESC, invoices.id DESC LIMIT $${params.push(limit + 1)}`,
          params,
        ),
        after ? undefined : db.query<{ count: number }>('SELECT count(*)::int AS count FROM invoices WHERE account_id = $1', [ACCOUNT_ID]),
      ]);
      const origin = new URL(c.req.url).origin;
      const data = rows.slice(0, limit).map(({ summary: [id, number, status, issued_on, due_on, currency, total, amountDue] }) => ({
        id,
        number,
        status,
        issued_on,
        due_on,
        total: { amount: total, currency },
        amount_due: { amount: amountDue, currency },
        pdf_url: `${origin}/api/invoices/${encodeURIComponent(id)}/pdf`,
      }));
      const last = data.at(-1);
      return c.json({
        data,
        next_cursor: rows.length > limit && last ? plainCursor([last.issued_on, last.id]) : null,
        total_count: counted?.[0]?.count ?? null,
      });
    },
    comparable: pageData,
  },
  {
    name: 'GET /account',
    requests: async () => ['/api/account'],
    path: '/api/account',
    bare: async (c, db) => c.json(await readAccount(db, ACCOUNT_ID, ROLE)),
  },
  {
    name: 'GET /payments',
    requests: async () => ['/api/payments'],
    path: '/api/payments',
    async bare(c, db) {
      const { payments, more, total } = await listPayments(db, ACCOUNT_ID, Number(c.req.query('limit') ?? DEFAULT_LIMIT));
      const last = payments.at(-1);
      return c.json({ data: payments, next_cursor: more && last ? plainCursor([last.created_at, last.id]) : null, total_count: total });
    },
    comparable: pageData,
  },
];

/** Opens and seeds the database as startServer does, and listens on a free port of 127.0.0.1. */
export async function startBareServer(databaseUrl?: string): Promise<{ url: string; close(): Promise<void> }> {
  const db = databaseUrl ? await openPostgres(databaseUrl) : await openPglite();
  await migrate(db);
  if (await seed(db)) await db.query('VACUUM ANALYZE invoices, payments, payment_allocations');
  const app = new Hono();
  for (const route of BENCH_ROUTES) app.get(route.path, (c) => route.bare(c, db));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(() => db.close()),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startBareServer(process.argv[2]);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => server.close().then(() => process.exit(0)));
}
