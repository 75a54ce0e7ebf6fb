#!/usr/bin/env node
/**
 * `npm run bench:quote`: the quote round trip of acct-license-purchase against the reference server
 * (PGlite in memory) in headless Chromium with the real HttpAccountApi: from a quantity typed to its
 * quote on screen. Each run types a new quantity (so the server makes a new quote, never one it
 * already has) and waits for the quote part to show it. Measured twice: with `quote-delay="0"` (the
 * request and the render alone) and with the default 400 ms debounce (what a customer waits after
 * the last key). 40 runs each after 3 warm-ups; median and p95. Writes bench-results/quote.json.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleScript, html, launchChromium, median, writeResult } from './bench-lib.js';
import { startServer } from '../server/index.js';

const RUNS = 40;
const WARMUP = 3;

const PAGE_SCRIPT = `
import './src/all.ts';
const provider = document.querySelector('acct-provider');
provider.getToken = async () => {
  const response = await fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'typical', ttl_seconds: 3600 }),
  });
  return (await response.json()).token;
};
provider.apiBase = '/api';
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
async function until(test, what, timeoutMs = 10000) {
  const end = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > end) throw new Error('timed out waiting for ' + what);
    await nextFrame();
  }
}
let el;
window.mount = async (delay) => {
  el?.remove();
  el = document.createElement('acct-license-purchase');
  el.productId = 'prod_workspace';
  el.quoteDelay = delay;
  provider.append(el);
  await until(() => el.shadowRoot?.querySelector('[part~="quote"]'), 'the first quote');
};
/** Types a quantity, returns the ms until its quote is on screen. */
window.quote = async (quantity) => {
  const input = el.shadowRoot.querySelector('#quantity');
  const start = performance.now();
  input.value = String(quantity);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await until(() => el.shadowRoot.querySelector('[part~="quote"]')?.textContent.includes(quantity + ' ×') && !el.matches(':state(quoting)'), 'quote ' + quantity);
  return performance.now() - start;
};
`;

const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'acct-bench-quote-'));
  await writeFile(join(dir, 'index.html'), html('<acct-provider></acct-provider>'));
  await writeFile(join(dir, 'bench.js'), await bundleScript(PAGE_SCRIPT));
  const server = await startServer({ port: 0, staticDir: dir, demoTokens: true, rateLimits: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/index.html`);
    const result = { runs: RUNS, database: 'PGlite (in memory)' };
    let quantity = 2;
    for (const delay of [0, 400]) {
      await page.evaluate((d) => window.mount(d), delay);
      const times = [];
      for (let i = 0; i < RUNS + WARMUP; i++) {
        const ms = await page.evaluate((q) => window.quote(q), quantity++);
        if (i >= WARMUP) times.push(ms);
      }
      const key = delay === 0 ? 'roundTrip' : 'withDebounce';
      result[key] = { quoteDelayMs: delay, medianMs: Number(median(times).toFixed(1)), p95Ms: Number(p95(times).toFixed(1)), maxMs: Number(Math.max(...times).toFixed(1)) };
      console.log(`quantity typed → quote shown, quote-delay=${delay}: median ${result[key].medianMs} ms, p95 ${result[key].p95Ms} ms (${RUNS} quotes)`);
    }
    if (problems.length) throw new Error(problems.join('\n'));
    writeResult('quote.json', result);
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
