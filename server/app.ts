import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Operation } from '../src/api/operations/index.js';
import type { Database } from './db.js';
import { routedOperations, serverHandlers, serverOperations } from './handlers/index.js';
import { noQuery, sendProblem, type Env } from './http.js';
import { registerMarketingPages } from './marketing.js';
import { buildOpenApiDocument } from './openapi.js';
import { documentLinks } from './document-links.js';
import { DEFAULT_PROVISIONING_MS, ProvisioningSweep, type LicensingSettings } from './licenses.js';
import { SettlementSweep, type PaymentSettings } from './payments.js';
import { HttpProblem } from './problem.js';
import { DEFAULT_QUOTE_LIMIT, DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
import { allowedMethods, registerOperations } from './routes.js';
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
  /** Licensing settings; default: provisioning after DEFAULT_PROVISIONING_MS, quotes prorated from the system clock's day. */
  licensing?: Partial<LicensingSettings>;
  /** The provisioning sweep of license orders (startServer runs its timer); a fresh one when absent. */
  provisioning?: ProvisioningSweep;
  /**
   * The origin clients reach this server at (`https://billing.example.com`): absolute URLs in
   * responses (`pdf_url`, `gateway.hosted_fields_url`) are built from it, never from the request's
   * Host header (a client-chosen Host would be reflected into links a shared cache then serves to
   * everyone). startServer passes PUBLIC_ORIGIN or the listening origin. Default `http://localhost`.
   */
  publicOrigin?: () => string;
  /** The port of the hosted-fields listener, once it listens (undefined: no hosted fields). */
  hostedFieldsPort?: () => number | undefined;
  /**
   * Demo mode: `POST /api/demo/token` mints tokens for the seeded accounts without a login. `npm start`
   * turns it on for the demo page; a server anyone else can reach must never have it. Default off (404).
   */
  demoTokens?: boolean;
  /** Rate limits (server/rate-limit.ts); default DEFAULT_RATE_LIMITS, `false` for none. */
  rateLimits?: RateLimits | false;
  /** Test-only fault injection and ledger routes under /api/__test (never in production). */
  testFaults?: TestFaults;
  /** Test only: called with every /api response as sent, for the conformance check of all server tests. */
  recordResponse?: (record: RecordedResponse) => void;
}

/** One response as the conformance check reads it (the body only when it is JSON). */
export interface RecordedResponse {
  method: string;
  /** Under /api (`/invoices/in_1`). */
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

/** How long a bank (ACH) payment stays processing by default (the demo's pace). */
export const DEFAULT_ACH_SETTLE_MS = 10_000;
export { PDF_URL_STEP_MS, PDF_URL_TTL_MS } from './document-links.js';

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

/**
 * The demo page's policy: the strictest the elements work under (docs/security.md): scripts,
 * styles and API calls from this origin only, the hosted card fields the only frame, no inline
 * script or style attribute, and DOM sinks only through lit-html's Trusted Types policy.
 */
function pageCsp(hostedFieldsOrigin: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${hostedFieldsOrigin ?? "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** The methods the API's routes answer (no route takes PUT). */
const CORS_METHODS = [...new Set(Object.values(serverOperations).map((op) => op.method)), 'OPTIONS'].join(', ');

/**
 * The public, cacheable reads (the pricing catalogue) by their path under /api: any origin may read
 * them (a marketing page on another site, with no token), so their CORS does not depend on Origin.
 */
const PUBLIC_PATHS = new Set(
  Object.values(serverOperations as Record<string, Operation>)
    .filter((op) => op.publicCache)
    .map((op) => {
      if (op.path.includes('{')) throw new Error(`${op.path}: a public, cacheable operation with path parameters needs a path matcher here`);
      return `/api${op.path}`;
    }),
);

export function createApp({ db, secret, corsOrigins = [], staticDir, log = false, demoTokens = false, ...options }: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const allowedOrigins = new Set(corsOrigins);
  const settings: PaymentSettings = { achSettleMs: DEFAULT_ACH_SETTLE_MS, acceptRawCardData: true, ...options.payments };
  const sweep = options.sweep ?? new SettlementSweep(db);
  const licensing: LicensingSettings = {
    provisioningMs: DEFAULT_PROVISIONING_MS,
    today: () => new Date().toISOString().slice(0, 10),
    ...options.licensing,
  };
  const provisioning = options.provisioning ?? new ProvisioningSweep(db);

  if (options.recordResponse) {
    const record = options.recordResponse;
    // Outermost, so it sees the response as sent (Request-Id and CORS headers included).
    app.use('/api/*', async (c, next) => {
      await next();
      const type = c.res.headers.get('Content-Type') ?? '';
      const body = /json/.test(type) || !c.res.body ? await c.res.clone().text() : undefined;
      const headers: Record<string, string> = {};
      c.res.headers.forEach((value, name) => (headers[name] = value));
      record({ method: c.req.method, path: c.req.path.slice('/api'.length), status: c.res.status, headers, body });
    });
  }

  // Request id, CORS and preflight first, so every response (errors included) carries them. The
  // headers are set before next(): Hono builds the route's response (or onError's, or notFound's)
  // with them once. Set after next(), they made Hono copy every response, and @hono/node-server
  // then streamed the copy instead of writing the body in one go.
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const origin = c.req.header('Origin');
    if (PUBLIC_PATHS.has(c.req.path)) {
      // Open to every origin, and the same answer for all of them (no Vary: Origin, which would make
      // a CDN keep one copy per site); a token, if a page sends one, is ignored.
      if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
        return c.body(null, 204, {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, If-None-Match',
          'Access-Control-Max-Age': '600',
          'Request-Id': requestId,
        });
      }
      c.header('Request-Id', requestId);
      c.header('X-Content-Type-Options', 'nosniff');
      // Problems stay uncached; the route's success answer sets its public policy.
      c.header('Cache-Control', 'no-store');
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Access-Control-Expose-Headers', 'ETag, Retry-After, Request-Id');
      return next();
    }
    const corsAllowed = origin !== undefined && allowedOrigins.has(origin);
    if (c.req.method === 'OPTIONS' && corsAllowed && c.req.header('Access-Control-Request-Method')) {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': CORS_METHODS,
        'Access-Control-Allow-Headers': 'Authorization, Idempotency-Key, Content-Type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
        'Request-Id': requestId,
      });
    }
    c.header('Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    // API answers are per token (and the token response is a credential): no cache keeps them.
    // A route with a policy of its own (the signed PDF) sets it on its response, which wins.
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    // Every response's CORS headers depend on Origin, allowed or not: a shared cache must not
    // serve one origin's answer to another.
    c.header('Vary', 'Origin');
    if (corsAllowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed, Request-Id');
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

  // Registered before the routes so that the fault applies after the whole request has run.
  if (options.testFaults) app.use('/api/*', options.testFaults.middleware);

  const api = new Hono<Env>();

  api.get('/openapi.json', (c) => {
    noQuery(c);
    return c.json(buildOpenApiDocument());
  });

  const publicOrigin = options.publicOrigin ?? (() => 'http://localhost');
  // The hosted fields listen on the same host name, on their own port: another origin.
  const hostedFieldsOrigin = () => {
    const port = options.hostedFieldsPort?.();
    if (port === undefined) return undefined;
    const url = new URL(publicOrigin());
    return `${url.protocol}//${url.hostname}:${port}`;
  };
  const hostedFieldsUrl = () => {
    const origin = hostedFieldsOrigin();
    return origin === undefined ? null : `${origin}/hosted-fields.html`;
  };
  const operations = routedOperations({ demoTokens });
  const limits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const writeLimiter = limits ? new RateLimiter(limits.writes) : undefined;
  const quoteLimiter = limits ? new RateLimiter(limits.quotes ?? DEFAULT_QUOTE_LIMIT) : undefined;
  const links = documentLinks(secret);
  registerOperations(api, operations, serverHandlers({ db, secret, settings, sweep, licensing, provisioning, links, hostedFieldsUrl, publicOrigin }), {
    db,
    secret,
    writeLimiter,
    quoteLimiter,
  });
  if (options.testFaults) registerTestRoutes(api, db, options.testFaults, { settlement: sweep, provisioning });

  // A known path with another method → 405 with Allow.
  const allow = allowedMethods(Object.values(operations));
  allow.set('/openapi.json', 'GET');
  for (const [path, methods] of allow) {
    api.all(path, (c) => sendProblem(c, new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${methods}.`, undefined, { Allow: methods })));
  }

  app.route('/api', api);
  // The server-rendered pricing page (its script comes from the static files).
  registerMarketingPages(app);

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
        const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
        if (extname(file) !== '.html') return c.body(body, 200, { 'Content-Type': type });
        return c.body(body, 200, { 'Content-Type': type, 'Content-Security-Policy': pageCsp(hostedFieldsOrigin()) });
      } catch {
        return next();
      }
    });
  }

  return app;
}
