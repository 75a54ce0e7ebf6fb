import { randomBytes, randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { appendFileSync } from 'node:fs';
import { createApp, DEFAULT_ACH_SETTLE_MS, type RecordedResponse } from './app.js';
import { migrate, openPglite, openPostgres } from './db.js';
import { createHostedFieldsApp } from './hosted-fields.js';
import { DEFAULT_PROVISIONING_MS, ProvisioningSweep } from './licenses.js';
import { SettlementSweep } from './payments.js';
import type { RateLimits } from './rate-limit.js';
import { seed } from './seed.js';
import { TestFaults } from './test-faults.js';

export interface ServerOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A PostgreSQL connection string; otherwise embedded PGlite (in memory, or in `dataDir`). */
  databaseUrl?: string;
  dataDir?: string;
  /** Signs tokens, cursors and PDF links; random per start when absent (tokens die with the process). */
  secret?: string;
  /** Origins allowed to call the API from a browser (CORS). */
  corsOrigins?: string[];
  /**
   * The origin clients reach the server at (`https://billing.example.com`, behind a proxy): absolute
   * URLs in responses are built from it. Default: the listening origin (`http://127.0.0.1:<port>`).
   * Never the request's Host header.
   */
  publicOrigin?: string;
  /** Served at `/` when set (the demo page and the built elements). */
  staticDir?: string;
  /** One access-log line per request on stdout. */
  log?: boolean;
  /** How long a test bank (ACH) payment stays `processing` before it settles or fails. Default 10,000 ms. */
  achSettleMs?: number;
  /**
   * How long bought licenses stay `pending_provisioning` before the provisioning sweep sets them
   * up, in seconds (ACCT_PROVISIONING_SECONDS). Default 300; the demo (`npm start`) uses 8.
   */
  provisioningSeconds?: number;
  /** Whether the test gateway takes raw card data in POST /payment-methods (default true). */
  acceptRawCardData?: boolean;
  /**
   * Port of the hosted card fields page (a second origin: /hosted-fields.html, POST /tokens);
   * 0 = a free port. Unset: no second listener, and `gateway.hosted_fields_url` is null.
   */
  hostedFieldsPort?: number;
  /** Who may frame the hosted fields page (CSP frame-ancestors). Default: anyone (`*`). */
  hostedFieldsFrameAncestors?: string[];
  /**
   * Demo mode: `POST /api/demo/token` issues tokens for the seeded accounts to anyone who asks.
   * For the demo page on localhost (`npm start`) and tests only; never on a reachable server. Default off.
   */
  demoTokens?: boolean;
  /**
   * Rate limits: writes per user and hosted-field card tokens per client address
   * (server/rate-limit.ts). Default DEFAULT_RATE_LIMITS; `false` turns them off (load tests, fuzzers).
   */
  rateLimits?: RateLimits | false;
  /**
   * Test only: the date the demo data is seeded around and that due dates are compared with
   * (default: the system clock; SEED_DATE makes the data equal to `createFixture(name, SEED_DATE)`).
   */
  today?: Date;
  /**
   * Seed the large demo account's 100,000 usage records (5.5 s on PGlite, server/seed.ts). Default
   * off, so the many server suites start fast (that account then has its metrics and no records);
   * `npm start`, server/main.ts and the usage suite turn it on.
   */
  largeUsage?: boolean;
  /** Test only: POST /api/__test/faults and GET /api/__test/ledger (R2 end-to-end tests). Default off. */
  testFaults?: boolean;
}

export interface RunningServer {
  url: string;
  /** The hosted fields page, when `hostedFieldsPort` was set. */
  hostedFieldsUrl?: string;
  close(): Promise<void>;
}

/**
 * Test only: with ACCT_RESPONSE_LOG set (by `npm test`), every /api response of every server the
 * tests start is appended to that file as a JSON line, and the conformance check reads them all.
 */
function responseRecorder(file: string | undefined): ((record: RecordedResponse) => void) | undefined {
  if (!file) return undefined;
  return (record) => appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** How often each process sweeps for due bank payments or license orders: a fraction of the delay, 20 ms to 1 s. */
function sweepInterval(delayMs: number): number {
  return Math.min(1000, Math.max(20, Math.floor(delayMs / 4)));
}

/**
 * A request Node's HTTP parser refuses (a malformed header, headers too large) never reaches the
 * app; Node would answer a bare 400 with no body. Answer problem+json like every other error.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[status],
    status,
    detail: status === 431 ? 'The request headers are too large.' : 'The request could not be parsed (a malformed request line or header).',
    code: status === 431 ? 'headers_too_large' : 'malformed_request',
    request_id: requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

function listen(fetch: (request: Request, env: unknown) => Response | Promise<Response>, port: number, host: string) {
  return new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch, port, hostname: host }, () => resolve(s));
    s.on('clientError', answerClientError);
    s.once('error', reject);
  });
}

function closeListener(server: ReturnType<typeof serve>): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

/** Opens the database, migrates, seeds the demo accounts when empty, and listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await migrate(db);
    // Fresh bulk-loaded tables: vacuum for index-only counts and real planner statistics (78 ms).
    if (await seed(db, options.today, { largeUsage: options.largeUsage ?? false })) await db.query('VACUUM ANALYZE invoices, payments, payment_allocations, usage_records');
  } catch (error) {
    await db.close();
    throw error;
  }
  const achSettleMs = options.achSettleMs ?? DEFAULT_ACH_SETTLE_MS;
  const fixedToday = options.today;
  const sweep = new SettlementSweep(db, fixedToday ? () => fixedToday : undefined);
  const provisioningMs = options.provisioningSeconds === undefined ? DEFAULT_PROVISIONING_MS : options.provisioningSeconds * 1000;
  if (!Number.isFinite(provisioningMs) || provisioningMs < 0) throw new Error(`provisioningSeconds must be a number of seconds ≥ 0, not ${options.provisioningSeconds}`);
  const provisioning = new ProvisioningSweep(db);
  const host = options.host ?? '127.0.0.1';
  let hostedFields: ReturnType<typeof serve> | undefined;
  const configuredOrigin = options.publicOrigin === undefined ? undefined : originOf(options.publicOrigin);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let listeningOrigin = `http://${urlHost}`;
  const app = createApp({
    db,
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    corsOrigins: options.corsOrigins,
    staticDir: options.staticDir,
    log: options.log,
    demoTokens: options.demoTokens,
    rateLimits: options.rateLimits,
    payments: { achSettleMs, acceptRawCardData: options.acceptRawCardData ?? true },
    sweep,
    licensing: { provisioningMs, today: () => (fixedToday ?? new Date()).toISOString().slice(0, 10) },
    provisioning,
    publicOrigin: () => configuredOrigin ?? listeningOrigin,
    hostedFieldsPort: () => (hostedFields?.address() as AddressInfo | null)?.port,
    testFaults: options.testFaults ? new TestFaults() : undefined,
    recordResponse: responseRecorder(process.env.ACCT_RESPONSE_LOG),
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await listen(app.fetch, options.port ?? 0, host);
    listeningOrigin = `http://${urlHost}:${(server.address() as AddressInfo).port}`;
    if (options.hostedFieldsPort !== undefined) {
      const fieldsApp = createHostedFieldsApp({
        db,
        frameAncestors: options.hostedFieldsFrameAncestors,
        tokenLimit: options.rateLimits === false ? false : options.rateLimits?.clients,
      });
      hostedFields = await listen(fieldsApp.fetch, options.hostedFieldsPort, host).catch(async (error: unknown) => {
        await closeListener(server);
        throw error;
      });
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  sweep.start(sweepInterval(achSettleMs));
  provisioning.start(sweepInterval(provisioningMs));
  const fieldsPort = (hostedFields?.address() as AddressInfo | undefined)?.port;
  let closing: Promise<void> | undefined;
  return {
    url: listeningOrigin,
    hostedFieldsUrl: fieldsPort === undefined ? undefined : `http://${urlHost}:${fieldsPort}/hosted-fields.html`,
    close() {
      closing ??= Promise.all([closeListener(server), hostedFields && closeListener(hostedFields)])
        .then(() => Promise.all([sweep.stop(), provisioning.stop()]))
        .then(() => db.close());
      return closing;
    },
  };
}

/** `https://billing.example.com` from a configured public origin; anything but a bare origin is refused at start. */
function originOf(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    throw new Error(`publicOrigin must be an http(s) origin such as https://billing.example.com, not ${JSON.stringify(value)}`);
  }
  return url.origin;
}

/** HOSTED_FIELDS_PORT, or the port after the API's (a free one when the API's is free too). */
export function hostedFieldsPortFromEnv(value: string | undefined, apiPort: number): number | undefined {
  if (value === 'off') return undefined;
  if (value !== undefined && value !== '') return Number(value);
  return apiPort === 0 ? 0 : apiPort + 1;
}
