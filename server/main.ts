// The reference server's command line: `node --import tsx server/main.ts`.
// Environment: PORT (default 8787; 0 = a free port), HOST (127.0.0.1), PUBLIC_ORIGIN (the origin
// clients use, e.g. https://billing.example.com behind a proxy; default the listening origin), DATABASE_URL (PostgreSQL;
// else embedded PGlite), DATA_DIR (PGlite data directory; else in memory), CORS_ORIGINS
// (comma-separated), SECRET (signing key; random per start), STATIC_DIR (served at /), LOG=1,
// HOSTED_FIELDS_PORT (the test gateway's card fields page; default PORT+1, 0 = a free port, `off` = none),
// ACH_SETTLE_MS (default 10000), ACCT_PROVISIONING_SECONDS (how long bought licenses take to
// appear; default 300), DEMO_TOKENS=1 (POST /api/demo/token mints tokens for the seeded
// accounts without a login: for a local demo only, never on a reachable server), TEST_FAULTS=1
// (test-only fault injection; never in production), RATE_LIMITS=off (no write limits: load tests).
import { hostedFieldsPortFromEnv, startServer } from './index.js';

const env = process.env;
const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
const server = await startServer({
  port,
  hostedFieldsPort: hostedFieldsPortFromEnv(env.HOSTED_FIELDS_PORT, port),
  achSettleMs: env.ACH_SETTLE_MS ? Number(env.ACH_SETTLE_MS) : undefined,
  provisioningSeconds: env.ACCT_PROVISIONING_SECONDS ? Number(env.ACCT_PROVISIONING_SECONDS) : undefined,
  testFaults: env.TEST_FAULTS === '1',
  // The large demo account's 100,000 usage records (a few seconds of seeding on PGlite).
  largeUsage: true,
  demoTokens: env.DEMO_TOKENS === '1',
  rateLimits: env.RATE_LIMITS === 'off' ? false : undefined,
  host: env.HOST || '127.0.0.1',
  publicOrigin: env.PUBLIC_ORIGIN || undefined,
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.DATA_DIR || undefined,
  secret: env.SECRET || undefined,
  corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [],
  staticDir: env.STATIC_DIR || undefined,
  log: env.LOG === '1',
});
console.log(`Account Elements reference server: ${server.url}`);
if (server.hostedFieldsUrl) console.log(`Hosted card fields (test gateway): ${server.hostedFieldsUrl}`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
