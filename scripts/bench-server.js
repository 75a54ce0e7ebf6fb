#!/usr/bin/env node
/**
 * `npm run bench:server`: the reference server's speed.
 *
 * 1. Latency of `GET /api/invoices?limit=50` on the 10,000-invoice account (`large`) at 20
 *    concurrent connections (autocannon, 2 s warm-up, then 10 s measured). The requests rotate
 *    through 20 pages spread over the whole account (cursors collected by walking every page
 *    first), so the figure is not one hot page. Against PGlite and against a throwaway PostgreSQL
 *    cluster (test/server/postgres-cluster.ts; skipped with a message when the binaries are missing).
 *    The server runs in a child process so that autocannon does not share its event loop.
 * 2. Time from starting `npm start` (scripts/start.js, PORT set to a free port) to the first 200
 *    from GET /api/openapi.json, polled every 50 ms; median of 3 runs, with the "ready in N ms"
 *    that start.js prints.
 *
 * Reports, does not assert; exits non-zero only when it could not measure.
 * Writes bench-results/server.json. Run through tsx (package.json) because the server is TypeScript.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, root, writeResult } from './bench-lib.js';

const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = 20;
const WARMUP_S = 2;
const DURATION_S = 10;
const PAGE_LIMIT = 50;
const ROTATED_PAGES = 20;
const START_RUNS = 3;
const POLL_MS = 50;
const START_TIMEOUT_MS = 60_000;

/** Child mode: start the server, report its URL and start-up time on stdout, stop on stdin close. */
async function serveChild(databaseUrl) {
  const { startServer } = await import('../server/index.ts');
  const started = performance.now();
  const server = await startServer({ port: 0, databaseUrl });
  const startupMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ url: server.url, startupMs })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => server.close().then(() => process.exit(0)));
}

/** Starts the server in a child process; resolves to {url, startupMs, stop()}. */
function startServerChild(databaseUrl) {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--serve', ...(databaseUrl ? [databaseUrl] : [])], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ ...JSON.parse(line), stop }));
    exited.then((code) => reject(new Error(`server child exited (${code}) before listening`)));
  });
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Walks every page of the account; returns ROTATED_PAGES request paths spread over all of them. */
async function pagePaths(url, token) {
  const paths = [];
  let cursor = null;
  let total = 0;
  do {
    const path = `/api/invoices?limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await json(url + path, { headers: { authorization: `Bearer ${token}` } });
    paths.push(path);
    total = page.total_count;
    cursor = page.next_cursor;
  } while (cursor);
  const step = paths.length / ROTATED_PAGES;
  return { total, pages: paths.length, rotated: Array.from({ length: ROTATED_PAGES }, (_, i) => paths[Math.floor(i * step)]) };
}

function cannon(url, token, paths, duration) {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest(request) {
          return { ...request, path: paths[next++ % paths.length] };
        },
      },
    ],
  });
}

async function measureLatency(name, databaseUrl) {
  const server = await startServerChild(databaseUrl);
  try {
    const { token } = await json(`${server.url}/api/demo/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'large', ttl_seconds: 3600 }),
    });
    const { total, pages, rotated } = await pagePaths(server.url, token);
    await cannon(server.url, token, rotated, WARMUP_S);
    const result = await cannon(server.url, token, rotated, DURATION_S);
    const { latency } = result;
    return {
      database: name,
      server_startup_ms: Math.round(server.startupMs),
      invoices: total,
      pages_walked: pages,
      pages_rotated: rotated.length,
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      latency_ms: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max, mean: latency.average },
      requests_per_s: result.requests.average,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await server.stop();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One `npm start`: spawn to the first 200 from /api/openapi.json. */
async function measureStartOnce() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exitCode = null;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve((exitCode = code ?? -1))));
  try {
    for (;;) {
      if (exitCode !== null) throw new Error(`npm start exited (${exitCode}):\n${output}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`no 200 within ${START_TIMEOUT_MS} ms:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/openapi.json`)
        .then(async (response) => (await response.arrayBuffer(), response.ok))
        .catch(() => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const firstOkMs = performance.now() - started;
    const ready = /ready in (\d+) ms/.exec(output);
    return { first_ok_ms: Math.round(firstOkMs), ready_in_ms: ready ? Number(ready[1]) : null };
  } finally {
    if (exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

async function measureStart() {
  const runs = [];
  for (let i = 0; i < START_RUNS; i++) runs.push(await measureStartOnce());
  const readies = runs.map((r) => r.ready_in_ms).filter((v) => v !== null);
  return {
    runs,
    median_first_ok_ms: median(runs.map((r) => r.first_ok_ms)),
    median_ready_in_ms: readies.length ? median(readies) : null,
  };
}

const fmt = (v) => (v === undefined || v === null ? '–' : typeof v === 'number' ? String(Math.round(v * 10) / 10) : String(v));

async function main() {
  const latency = [];
  const notes = [];
  console.log(`GET /api/invoices?limit=${PAGE_LIMIT} (account "large"), ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s`);
  latency.push(await measureLatency('PGlite', undefined));

  let cluster;
  try {
    const { startPostgresCluster } = await import('../test/server/postgres-cluster.ts');
    cluster = await startPostgresCluster();
  } catch (error) {
    const note = `PostgreSQL not measured: ${error.message}`;
    console.log(note);
    notes.push(note);
  }
  if (cluster) {
    try {
      latency.push(await measureLatency('PostgreSQL', cluster.url));
    } finally {
      await cluster.stop();
    }
  }

  console.log('\n| database | p50 | p90 | p99 | max | req/s | non-2xx | server start |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of latency) {
    const l = r.latency_ms;
    console.log(
      `| ${r.database} | ${fmt(l.p50)} ms | ${fmt(l.p90)} ms | ${fmt(l.p99)} ms | ${fmt(l.max)} ms | ${fmt(r.requests_per_s)} | ${r.non2xx} | ${r.server_startup_ms} ms |`,
    );
  }
  const pglite = latency[0];
  console.log(`PGlite p99 ${pglite.latency_ms.p99} ms: ${pglite.latency_ms.p99 <= 25 ? 'target (≤ 25 ms) met' : 'over the 25 ms target'}`);

  console.log(`\nnpm start → first 200 from /api/openapi.json (${START_RUNS} runs, polled every ${POLL_MS} ms)`);
  const start = await measureStart();
  console.log('| run | first 200 | "ready in" (demo build + server start) |');
  console.log('|---:|---:|---:|');
  start.runs.forEach((r, i) => console.log(`| ${i + 1} | ${r.first_ok_ms} ms | ${fmt(r.ready_in_ms)} ms |`));
  console.log(`| median | ${start.median_first_ok_ms} ms | ${fmt(start.median_ready_in_ms)} ms |`);

  writeResult('server.json', {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadavg: loadavg(),
    latency,
    start,
    notes,
  });
}

if (process.argv[2] === '--serve') {
  await serveChild(process.argv[3]);
} else {
  try {
    await main();
  } catch (error) {
    console.error(`bench:server could not measure: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
}
