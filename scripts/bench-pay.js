#!/usr/bin/env node
/**
 * `npm run bench:pay`: time from Confirm ("Pay") to the result screen, against the reference server
 * (PGlite in memory, test gateway) in headless Chromium with the real HttpAccountApi.
 *
 * Each run pays one open invoice of the 10,000-invoice demo account (`large`, default Visa) with
 * a fresh acct-pay-invoice: review → method → confirm are clicked through, then the clock runs
 * from the Pay click to `acct-payment-succeeded`, which the element fires once the result step
 * is rendered. Also counts the requests made by each payment (the POST and the refreshes it
 * triggers on the page). 20 runs after 2 warm-ups; reports the median and range.
 * Writes bench-results/pay.json.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleScript, html, launchChromium, median, writeResult } from './bench-lib.js';
import { startServer } from '../server/index.js';

const RUNS = 20;
const WARMUP = 2;

const PAGE_SCRIPT = `
import './src/all.ts';
const provider = document.querySelector('acct-provider');
provider.getToken = async () => {
  const response = await fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'large', ttl_seconds: 3600 }),
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
const part = (el, name) => el.shadowRoot.querySelector('[part~="' + name + '"]');

window.openInvoices = async () => (await provider.resolvedApi.listInvoices({ status: 'open', limit: 100 })).data;

/** Clicks through to Confirm, then times Pay → result. */
window.payOne = async (invoice) => {
  const el = document.createElement('acct-pay-invoice');
  el.invoices = [invoice];
  provider.append(el);
  await until(() => el.matches(':state(review)') && part(el, 'continue-button'), 'review');
  part(el, 'continue-button').click();
  await until(() => el.matches(':state(method)') && el.shadowRoot.querySelector('input[type=radio]:checked'), 'method');
  part(el, 'continue-button').click();
  await until(() => el.matches(':state(confirm)') && part(el, 'pay-button'), 'confirm');
  const done = new Promise((resolve, reject) => {
    el.addEventListener('acct-payment-succeeded', () => resolve(performance.now()), { once: true });
    el.addEventListener('acct-payment-failed', (e) => reject(new Error('payment failed: ' + e.detail.error.message)), { once: true });
  });
  const start = performance.now();
  part(el, 'pay-button').click();
  const end = await done;
  el.remove();
  return end - start;
};
`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'acct-bench-pay-'));
  await writeFile(join(dir, 'index.html'), html('<acct-provider></acct-provider>'));
  await writeFile(join(dir, 'bench.js'), await bundleScript(PAGE_SCRIPT));
  const server = await startServer({ port: 0, staticDir: dir, demoTokens: true, rateLimits: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const requests = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/demo/token') requests.push(`${request.method()} ${url.pathname}`);
    });
    await page.goto(`${server.url}/index.html`);
    const invoices = await page.evaluate(() => window.openInvoices());
    if (invoices.length < RUNS + WARMUP) throw new Error(`only ${invoices.length} open invoices`);
    const times = [];
    const requestCounts = [];
    for (let i = 0; i < RUNS + WARMUP; i++) {
      const before = requests.length;
      const ms = await page.evaluate((invoice) => window.payOne(invoice), invoices[i]);
      await page.waitForTimeout(300); // let the refreshes the payment triggered finish
      if (i >= WARMUP) {
        times.push(ms);
        requestCounts.push(requests.slice(before).filter((r) => r === 'POST /api/payments').length);
      }
    }
    if (problems.length) throw new Error(problems.join('\n'));
    const result = {
      runs: RUNS,
      medianMs: Number(median(times).toFixed(1)),
      minMs: Number(Math.min(...times).toFixed(1)),
      maxMs: Number(Math.max(...times).toFixed(1)),
      paymentRequestsPerRun: [...new Set(requestCounts)],
      timesMs: times.map((t) => Number(t.toFixed(1))),
      database: 'PGlite (in memory)',
    };
    console.log(`Confirm → result, ${RUNS} payments: median ${result.medianMs} ms (${result.minMs}-${result.maxMs} ms); POST /payments per payment: ${result.paymentRequestsPerRun.join(', ')}`);
    writeResult('pay.json', result);
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
