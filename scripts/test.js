#!/usr/bin/env node
// Runs every test suite and prints one plain closing line `N passed, N failed, N skipped` from
// the real counts, exiting non-zero on any failure (including a file that fails to import).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The per-country address rules are generated from a dev dependency, not committed (npm ci writes
// them too, in prepare): the suites below import them.
import './address-rules.js';

/** `dir/*.test.ts` (node's test runner on Node 20 does not pick up .ts files by itself). */
const testFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `${dir}/${f}`) : []);

/** Where the server suites record every response for the conformance check (fresh per run). */
const responseLog = join(mkdtempSync(join(tmpdir(), 'acct-responses-')), 'responses.jsonl');

const wtr = ['web-test-runner', '--config', 'web-test-runner.config.mjs'];
const suites = [
  { name: 'browser', cmd: 'npx', args: wtr },
  // Calendar dates must never shift with the viewer's time zone: run them again far from UTC.
  { name: 'dates in UTC-11', cmd: 'npx', args: [...wtr, '--files', 'test/core/dates.test.ts'], env: { TZ: 'Pacific/Pago_Pago' } },
  { name: 'dates in UTC+14', cmd: 'npx', args: [...wtr, '--files', 'test/core/dates.test.ts'], env: { TZ: 'Pacific/Kiritimati' } },
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  { name: 'typecheck server', cmd: 'npx', args: ['tsc', '--noEmit', '-p', 'server/tsconfig.json'] },
  // src/api (the contract, the HTTP client) imports nothing of src/core or the components.
  { name: 'layers', cmd: 'node', args: ['scripts/check-layers.js'] },
  // custom-elements.json (Storybook docs, editors) is regenerated from src/ and must be committed.
  { name: 'manifest', cmd: 'node', args: ['scripts/check-manifest.js'] },
  // Every part the templates render and every --acct-* token the styles read is in the manifest
  // (and nothing else is), and docs/theming.md lists them as the manifest does.
  { name: 'theming', cmd: 'node', args: ['scripts/check-theming.js'] },
  // The React, Vue, Svelte and event-map types are generated from the manifest and must be committed.
  { name: 'framework types', cmd: 'node', args: ['scripts/framework-types.js', '--check'] },
  // The packed package in React 19, Vue 3, Svelte 5, Angular and plain HTML apps in Chromium, and
  // the type probes (tsc): builds the library (npm run build) and packs it first.
  { name: 'interop', cmd: 'node', args: ['--import', 'tsx', '--test', '--test-concurrency=1', 'test/interop/interop.test.ts'] },
  // The reference server (HTTP, PGlite, a throwaway PostgreSQL), the contract scenarios (the same
  // calls on MemoryAccountApi and on the HTTP API against the server), and the end-to-end tests in
  // Chromium; every /api response they get is recorded, and test/conformance checks them all against openapi.json.
  ...['test/server', 'test/contract', 'test/e2e', 'test/conformance']
    .map((dir) => ({ name: dir, files: testFiles(dir) }))
    .filter(({ files }) => files.length > 0)
    .map(({ name, files }) => ({
      name,
      cmd: 'node',
      args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
      env: { ACCT_RESPONSE_LOG: responseLog },
    })),
  // What a host page downloads until data shows, measured in Chromium: every page within its budget
  // (issue 8), and as committed in docs/performance-figures.json and the README (±500 B); the CDN's
  // integrity map stops a changed chunk.
  { name: 'page cost', cmd: 'node', args: ['scripts/size.js', '--check'] },
  // Every msg() string has a German translation and the built catalogue is current.
  { name: 'translations', cmd: 'node', args: ['scripts/localize-check.js'] },
];

const strip = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

function run({ cmd, args, env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out: strip(out) }));
  });
}

/**
 * The lines naming failed tests (WTR marks them ❌, node's TAP says `not ok`), so the closing
 * recap shows what failed even where only the end of a long log is kept (CI).
 */
const failureLines = (out) =>
  out
    .split('\n')
    .filter((line) => /❌|^\s*not ok \d+/.test(line) || /^\s*(test|src)\/\S+\.ts:\d+:\d+/.test(line))
    .map((line) => line.trim())
    .slice(0, 40);

let passed = 0, failed = 0, skipped = 0, exit = 0;
const recap = [];
for (const suite of suites) {
  const { code, out } = await run(suite);
  if (code !== 0) recap.push(`${suite.name} (exit ${code}):`, ...failureLines(out).map((line) => `  ${line}`));
  // WTR: "... | 12 passed, 0 failed, 1 skipped"; node --test: "# pass 3" / "# fail 0" / "# skipped 0".
  const wtr = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  const nodePass = [...out.matchAll(/^# pass (\d+)/gm)].at(-1);
  if (!wtr && !nodePass && code === 0) {
    // A check without counts of its own (the translation check) counts as one test.
    passed += 1;
  } else if (wtr) {
    passed += +wtr[1]; failed += +wtr[2]; skipped += +(wtr[3] ?? 0);
  } else if (nodePass) {
    passed += +nodePass[1];
    failed += +([...out.matchAll(/^# fail (\d+)/gm)].at(-1)?.[1] ?? 0);
    skipped += +([...out.matchAll(/^# skipped (\d+)/gm)].at(-1)?.[1] ?? 0);
  }
  if (code !== 0) {
    exit = 1;
    // A suite that failed without a counted failure (import error, crash) still counts as one.
    if (!wtr && !nodePass) failed += 1;
    else if ((wtr ? +wtr[2] : 0) === 0 && !/# fail [1-9]/.test(out)) failed += 1;
    console.error(`suite "${suite.name}" exited with ${code}`);
  }
}
if (recap.length > 0) console.log(['', 'Failed:', ...recap, ''].join('\n'));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exit || (failed > 0 ? 1 : 0));
