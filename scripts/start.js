#!/usr/bin/env node
// `npm start`: bundles the demo host page, then starts the reference server (embedded PGlite,
// seeded demo accounts) serving the page and the API on one origin. Run through tsx (see
// package.json) because the server is TypeScript.
import './address-rules.js';
import { buildDemo } from './demo-build.js';

// After address-rules.js has written src/api/address-rules.data.ts (the server imports it).
const { hostedFieldsPortFromEnv, startServer } = await import('../server/index.ts');

const started = performance.now();
const staticDir = await buildDemo();
const port = Number(process.env.PORT ?? 8080);
const { url, hostedFieldsUrl } = await startServer({
  port,
  // The test gateway's card fields on a second origin (HOSTED_FIELDS_PORT, default PORT+1; `off` = none).
  hostedFieldsPort: hostedFieldsPortFromEnv(process.env.HOSTED_FIELDS_PORT, port),
  testFaults: process.env.TEST_FAULTS === '1',
  // Bought licenses appear after a few seconds, so the demo shows "provisioning" and then the new seats.
  provisioningSeconds: process.env.ACCT_PROVISIONING_SECONDS ? Number(process.env.ACCT_PROVISIONING_SECONDS) : 8,
  // The demo page signs in with POST /api/demo/token: this server is for the local demo only.
  // The large demo account's 100,000 usage records (a few seconds of seeding on PGlite).
  largeUsage: true,
  demoTokens: true,
  host: process.env.HOST ?? '127.0.0.1',
  publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR,
  staticDir,
  log: true,
});
console.log(`Account Elements demo: ${url}/  (ready in ${Math.round(performance.now() - started)} ms)`);
console.log(`API: ${url}/api  ·  OpenAPI: ${url}/api/openapi.json`);
if (hostedFieldsUrl) console.log(`Hosted card fields (test gateway): ${hostedFieldsUrl}`);
