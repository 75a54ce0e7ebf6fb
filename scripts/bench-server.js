#!/usr/bin/env node
/**
 * `npm run bench:server`: the reference server's speed, against what its stack allows.
 *
 * 1. **Real against bare**, per route of `BENCH_ROUTES` (scripts/bench-bare-server.ts: `GET
 *    /invoices?limit=50` rotating through 20 pages spread over the 10,000-invoice account, `GET
 *    /account`, `GET /payments`): the reference server (demo token of `large`) and the bare server
 *    (the same hono, @hono/node-server, driver, data and SQL; no auth, validation or signing) run
 *    side by side, each in its own child process, and are measured alternately with autocannon
 *    (20 connections; per round and route: real then bare, the next round bare then real, so drift
 *    of the machine's load hits both). Reported per route: requests/s and p99 of each, and the
 *    ratios real/bare (of the mean req/s over the rounds, and of the median p99). Against PGlite and
 *    against a throwaway PostgreSQL cluster (test/server/postgres-cluster.ts; skipped with a message
 *    when the binaries are missing). Before measuring, both servers must answer every request with
 *    the same data. Target: every route at ≥ 0.8× the bare server's requests/s.
 * 2. Time from starting `npm start` (scripts/start.js, PORT set to a free port) to the first 200
 *    from GET /api/openapi.json, polled every 50 ms; median of 3 runs, with the "ready in N ms"
 *    that start.js prints (skipped with --quick or --no-start).
 *
 * Options: `--quick` (2 rounds of 3 s, 1 s warm-up, no start timing), `--rounds N`, `--duration S`,
 * `--only pglite|postgres`, `--route NAME-SUBSTRING`, `--no-start`, `--profile` (both servers
 * run with `node --cpu-prof`, profiles in bench-results/profiles/<real|bare>-<database>/).
 *
 * Reports, does not assert; exits non-zero only when it could not measure.
 * Writes bench-results/server.json. Run through tsx (package.json) because the servers are TypeScript.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { median, root, writeResult } from './bench-lib.js';
import { BENCH_LOGIN, BENCH_ROUTES } from './bench-bare-server.ts';

const SELF = fileURLToPath(import.meta.url);
const BARE = join(root, 'scripts', 'bench-bare-server.ts');
const CONNECTIONS = 20;
const START_RUNS = 3;
const POLL_MS = 50;
const START_TIMEOUT_MS = 60_000;
const TARGET_RATIO = 0.8;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    only: { type: 'string' },
    route: { type: 'string' },
    'no-start': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const ROUNDS = Number(args.rounds ?? (args.quick ? 2 : 3));
const DURATION_S = Number(args.duration ?? (args.quick ? 3 : 10));
const WARMUP_S = args.quick ? 1 : 2;

/** Child mode: start the server, report its URL and start-up time on stdout, stop on stdin close. */
async function serveChild(databaseUrl) {
  const { startServer } = await import('../server/index.ts');
  const started = performance.now();
  const server = await startServer({ port: 0, databaseUrl, demoTokens: true, rateLimits: false });
  const startupMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ url: server.url, startupMs })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => server.close().then(() => process.exit(0)));
}

/** Starts a server child (`node [nodeArgs] --import tsx script ...scriptArgs`); resolves to {url, startupMs, stop()}. */
function startChild(script, scriptArgs, nodeArgs = []) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...scriptArgs], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ startupMs: performance.now() - started, ...JSON.parse(line), stop }));
    exited.then((code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

function cannon(url, headers, paths, duration) {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers,
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

const summary = (result) => ({
  requests_per_s: result.requests.average,
  latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
});

/** Both servers on one database; every route measured in alternating rounds. */
async function measureDatabase(name, databaseUrl, routes) {
  const profileDir = join(root, 'bench-results', 'profiles');
  // One profile per thread (tsx's loader runs in its own), named CPU.<date>.<time>.<pid>.<thread>.
  const profile = (kind) => (args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `${kind}-${name}`)}`] : []);
  // The real server first: on PostgreSQL it seeds the database that the bare server then reads.
  const real = await startChild(SELF, ['--serve', ...(databaseUrl ? [databaseUrl] : [])], profile('real'));
  let bare;
  try {
    bare = await startChild(BARE, databaseUrl ? [databaseUrl] : [], profile('bare'));
    const { token } = await json(`${real.url}/api/demo/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: BENCH_LOGIN, ttl_seconds: 3600 }),
    });
    const servers = [
      { kind: 'real', url: real.url, headers: { authorization: `Bearer ${token}` } },
      { kind: 'bare', url: bare.url, headers: {} },
    ];
    const get = (server, path) => json(server.url + path, { headers: server.headers });
    const measured = [];
    for (const route of routes) {
      const paths = await route.requests({ get: (path) => get(servers[0], path) });
      // The same data from both, or the comparison means nothing.
      const comparable = route.comparable ?? ((body) => body);
      for (const path of paths) {
        const [a, b] = await Promise.all(servers.map((server) => get(server, path)));
        if (JSON.stringify(comparable(a)) !== JSON.stringify(comparable(b))) throw new Error(`${name} ${path}: the bare server answers other data than the real one`);
      }
      for (const server of servers) await cannon(server.url, server.headers, paths, WARMUP_S);
      measured.push({ route, paths, runs: { real: [], bare: [] } });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [servers[1], servers[0]] : servers;
      for (const m of measured) {
        for (const server of order) m.runs[server.kind].push(summary(await cannon(server.url, server.headers, m.paths, DURATION_S)));
      }
      console.log(`  ${name}: round ${round + 1}/${ROUNDS} done (load average ${loadavg()[0].toFixed(2)})`);
    }
    return measured.map(({ route, paths, runs }) => {
      const of = (kind) => {
        const rps = runs[kind].map((r) => r.requests_per_s);
        return {
          requests_per_s: rps.reduce((a, b) => a + b, 0) / rps.length,
          p99_ms: median(runs[kind].map((r) => r.latency_ms.p99)),
          non2xx: runs[kind].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
          rounds: runs[kind],
        };
      };
      const r = of('real');
      const b = of('bare');
      return {
        database: name,
        route: route.name,
        paths_rotated: paths.length,
        real: r,
        bare: b,
        ratio_requests_per_s: r.requests_per_s / b.requests_per_s,
        ratio_p99: r.p99_ms / b.p99_ms,
        ratio_requests_per_s_by_round: runs.real.map((run, i) => run.requests_per_s / runs.bare[i].requests_per_s),
      };
    });
  } finally {
    await Promise.all([real.stop(), bare?.stop()]);
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
  const routes = BENCH_ROUTES.filter((route) => !args.route || route.name.includes(args.route));
  const load = [loadavg()];
  const results = [];
  const notes = [];
  console.log(
    `Real against bare server, ${routes.length} routes, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s (${WARMUP_S} s warm-up each); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  if (args.only !== 'postgres') results.push(...(await measureDatabase('PGlite', undefined, routes)));
  load.push(loadavg());

  if (args.only !== 'pglite') {
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
        results.push(...(await measureDatabase('PostgreSQL', cluster.url, routes)));
      } finally {
        await cluster.stop();
      }
      load.push(loadavg());
    }
  }

  console.log('\n| database | route | real req/s | bare req/s | ratio | real p99 | bare p99 | p99 ratio | ratio by round | errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const r of results) {
    console.log(
      `| ${r.database} | \`${r.route}\` | ${fmt(r.real.requests_per_s)} | ${fmt(r.bare.requests_per_s)} | **${r.ratio_requests_per_s.toFixed(2)}×** | ${fmt(r.real.p99_ms)} ms | ${fmt(r.bare.p99_ms)} ms | ${r.ratio_p99.toFixed(2)}× | ${r.ratio_requests_per_s_by_round.map((x) => x.toFixed(2)).join(' / ')} | ${r.real.non2xx + r.bare.non2xx} |`,
    );
  }
  const missed = results.filter((r) => r.ratio_requests_per_s < TARGET_RATIO);
  console.log(
    missed.length
      ? `Target (≥ ${TARGET_RATIO}× the bare server's req/s) missed by: ${missed.map((r) => `${r.database} ${r.route} (${r.ratio_requests_per_s.toFixed(2)}×)`).join(', ')}`
      : `Target (≥ ${TARGET_RATIO}× the bare server's req/s) met by every route.`,
  );
  console.log(`Load average (1/5/15 min) at the start and after each database: ${load.map((l) => l.map((x) => x.toFixed(2)).join('/')).join(', ')}`);

  let start = null;
  if (!args.quick && !args['no-start']) {
    console.log(`\nnpm start → first 200 from /api/openapi.json (${START_RUNS} runs, polled every ${POLL_MS} ms)`);
    start = await measureStart();
    console.log('| run | first 200 | "ready in" (demo build + server start) |');
    console.log('|---:|---:|---:|');
    start.runs.forEach((r, i) => console.log(`| ${i + 1} | ${r.first_ok_ms} ms | ${fmt(r.ready_in_ms)} ms |`));
    console.log(`| median | ${start.median_first_ok_ms} ms | ${fmt(start.median_ready_in_ms)} ms |`);
  }

  writeResult('server.json', {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadavg: load,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    duration_s: DURATION_S,
    target_ratio: TARGET_RATIO,
    results,
    start,
    notes,
  });
}

if (args.serve) {
  await serveChild(process.argv[3]);
} else {
  try {
    await main();
  } catch (error) {
    console.error(`bench:server could not measure: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
}
