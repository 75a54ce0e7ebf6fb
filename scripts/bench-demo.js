#!/usr/bin/env node
/**
 * `npm run bench:demo`: two waits a customer feels on the demo page (issue 9, new user 17), in
 * headless Chromium against the reference server (PGlite in memory, hosted fields on a second
 * origin, demo tokens), the page built as `npm start` builds it:
 *
 * (a) Account switch: Northwind (`typical`) is on screen, every element settled; the clock starts
 *     when the switcher's account becomes Globex (`large`, 10,000 invoices, 9,700 payments) and
 *     its `change` fires, and stops at the frame where every element *shows* Globex: each of
 *     summary, autopay toggle, list, detail, methods and history is out of `:state(loading)` and
 *     its shadow root's text is exactly what it shows once Globex has fully settled (read once per
 *     server before the runs: switch, then wait until nothing changed for 1.5 s). Per element: the
 *     frame it got there. Where the time goes: every request made meanwhile with its browser
 *     timing (Resource Timing) and the server's own time for it (the access log's duration, joined
 *     by Request-Id), and the main thread's long tasks.
 * (b) Hosted card fields usable: on the settled page (Northwind, hosted fields: the demo's
 *     default) the clock starts at the click on "Add card" and stops at the frame where the form
 *     is out of `:state(loading)` and the fields' iframe has its height (the tokenizer sets it on
 *     the page's `acct-hf:ready`, which the fields page posts once its inputs listen). Breakdown:
 *     the form's lazy chunk, the iframe's document, its CSS and JS (the frame's Resource Timing,
 *     on the same clock through `timeOrigin`), the ready message.
 *
 * Each run is a fresh browser context (empty HTTP cache, as a first visit). `--runs N` (default 7)
 * after one warm-up; `--baseline <checkout>` measures a second checkout of the repository too
 * (another commit, with node_modules and src/api/address-rules.data.ts), its server in this same
 * process, alternating run by run with this one so both see the same machine load.
 * Median and p90 per variant; writes bench-results/demo.json.
 *
 * Run with tsx (the server is TypeScript): `node --import tsx scripts/bench-demo.js`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, median, root, writeResult } from './bench-lib.js';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 7);
const baselineRoot = option('--baseline');
/** Added to every request's round trip (Chrome's network emulation), as a server across a network would; 0 = loopback. */
const LATENCY_MS = Number(option('--latency') ?? 0);

const ELEMENTS = ['acct-account-summary', 'acct-autopay-toggle', 'acct-invoice-list', 'acct-invoice-detail', 'acct-payment-methods', 'acct-payment-history'];

/** Server access-log lines (`GET /api/invoices 200 12.3ms <request id>`) by request id. */
const serverMs = new Map();
const consoleLog = console.log;
console.log = (...parts) => {
  const match = typeof parts[0] === 'string' && parts[0].match(/^(\S+) (\S+) (\d{3}) ([\d.]+)ms (\S+)$/);
  if (match) serverMs.set(match[5], Number(match[4]));
  else consoleLog(...parts);
};

async function startVariant(name, checkout) {
  const { buildDemo } = await import(pathToFileURL(join(checkout, 'scripts/demo-build.js')).href);
  const { startServer } = await import(pathToFileURL(join(checkout, 'server/index.ts')).href);
  const outDir = await mkdtemp(join(tmpdir(), `acct-bench-demo-${name}-`));
  await buildDemo(outDir);
  const server = await startServer({ port: 0, staticDir: outDir, demoTokens: true, hostedFieldsPort: 0, rateLimits: false, log: true });
  return { name, checkout, server, outDir };
}

/** Text per element and whether each is loading, in the page. */
const SNAPSHOT = (tags) =>
  Object.fromEntries(
    tags.map((tag) => {
      const el = document.querySelector(tag);
      return [tag, { loading: !el || el.matches(':state(loading)'), text: (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim() }];
    }),
  );

async function settle(page, quietMs = 1500, timeoutMs = 30_000, onChange = () => {}) {
  const end = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < end) {
    const snap = await page.evaluate(SNAPSHOT, ELEMENTS);
    const key = JSON.stringify(snap);
    if (key !== last || Object.values(snap).some((s) => s.loading)) {
      last = key;
      since = Date.now();
      onChange(since);
    } else if (Date.now() - since >= quietMs) return snap;
    await page.waitForTimeout(100);
  }
  throw new Error('the page did not settle');
}

async function openDemo(browser, variant, reuse) {
  const context = reuse ?? (await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const page = await context.newPage();
  if (LATENCY_MS) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
  }
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  const responses = [];
  page.on('response', (response) => {
    const id = response.headers()['request-id'];
    responses.push({ url: response.url(), id });
  });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${variant.server.url}/elements.html`);
  await settle(page);
  return { context, page, problems, responses };
}

/** The page's resource entries from `since` on (page clock), with the server's time per request. */
function requestsOf(entries, responses, since) {
  const used = new Set();
  return entries
    .filter((e) => e.startTime >= since - 1)
    .map((e) => {
      const match = responses.find((r, i) => !used.has(i) && r.url === e.name && (used.add(i), true));
      const url = new URL(e.name);
      return {
        request: `${url.port === '' ? '' : ':' + url.port} ${url.pathname}${url.search.length > 60 ? url.search.slice(0, 60) + '…' : url.search}`,
        type: e.initiatorType,
        startMs: round(e.startTime - since),
        ttfbMs: round(e.responseStart - e.startTime),
        endMs: round(e.responseEnd - since),
        serverMs: match?.id !== undefined ? serverMs.get(match.id) : undefined,
        bytes: e.transferSize,
      };
    });
}

const round = (n) => (n === undefined || Number.isNaN(n) ? undefined : Math.round(n * 10) / 10);

async function accountSwitch(browser, variant, expected) {
  const { context, page, problems, responses } = await openDemo(browser, variant);
  try {
    const result = await page.evaluate(
      async ({ tags, expected }) => {
        const select = document.querySelector('select[name="account"]');
        const done = {};
        const start = performance.now();
        select.value = 'large';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        const end = start + 30_000;
        while (Object.keys(done).length < tags.length) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          if (now > end) throw new Error(`switch timed out; pending: ${tags.filter((t) => !(t in done)).join(', ')}`);
          for (const tag of tags) {
            if (tag in done) continue;
            const el = document.querySelector(tag);
            const text = (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
            if (!el.matches(':state(loading)') && text === expected[tag].text) done[tag] = now - start;
          }
        }
        const totalMs = Math.max(...Object.values(done));
        return {
          start,
          totalMs,
          elements: done,
          resources: performance.getEntriesByType('resource').map((e) => e.toJSON()),
          longTasks: window.__longTasks.filter((t) => t.start >= start && t.start <= start + totalMs),
        };
      },
      { tags: ELEMENTS, expected },
    );
    await page.waitForTimeout(200); // late responses' log lines
    if (problems.length) throw new Error(problems.join('\n'));
    const requests = requestsOf(result.resources, responses, result.start).filter((r) => r.startMs <= result.totalMs);
    return {
      totalMs: round(result.totalMs),
      elements: Object.fromEntries(Object.entries(result.elements).map(([k, v]) => [k, round(v)])),
      requests,
      longTaskMs: round(result.longTasks.reduce((sum, t) => sum + t.duration, 0)),
    };
  } finally {
    await context.close();
  }
}

/** Clicks "Add card" and waits until the card fields are usable; times on the page's clock. */
function openFields(page) {
  return page.evaluate(async () => {
    const methods = document.querySelector('acct-payment-methods');
    const button = methods.shadowRoot.querySelector('[part~="add-card-button"]');
    let readyAt;
    window.addEventListener('message', (event) => {
      if (event.data?.type === 'acct-hf:ready') readyAt ??= performance.now();
    });
    const start = performance.now();
    button.click();
    const end = start + 20_000;
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (performance.now() > end) throw new Error('the card fields did not become usable');
      const form = methods.querySelector('acct-payment-method-form');
      const iframe = form?.querySelector('iframe');
      if (form && iframe && !form.matches(':state(loading)') && iframe.getBoundingClientRect().height > 0) break;
    }
    const usable = performance.now();
    return { start, timeOrigin: performance.timeOrigin, usableMs: usable - start, readyMs: readyAt - start, resources: performance.getEntriesByType('resource').map((e) => e.toJSON()) };
  });
}

/**
 * `repeat`: in a second page of the same context, after a first Add card in the first one (the
 * HTTP cache kept, as a customer who comes back); otherwise a fresh context.
 */
async function hostedFields(browser, variant, repeat = false) {
  let first;
  if (repeat) {
    first = await openDemo(browser, variant);
    await openFields(first.page);
    await first.page.close();
  }
  const { context, page, problems, responses } = await openDemo(browser, variant, first?.context);
  try {
    const result = await openFields(page);
    const frame = page.frames().find((f) => f.url().includes('/hosted-fields.html'));
    if (!frame) throw new Error('no hosted fields frame');
    // The frame's own clock, moved onto the page's through both timeOrigins.
    const inFrame = await frame.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      navigation: performance.getEntriesByType('navigation')[0].toJSON(),
      resources: performance.getEntriesByType('resource').map((e) => e.toJSON()),
      number: document.getElementById('number') instanceof HTMLInputElement,
    }));
    if (!inFrame.number) throw new Error('no card number input in the frame');
    const shift = inFrame.timeOrigin - result.timeOrigin - result.start;
    const nav = inFrame.navigation;
    const requests = requestsOf(result.resources, responses, result.start);
    const frameRequests = inFrame.resources.map((e) => ({ ...e, startTime: e.startTime + shift + result.start, responseStart: e.responseStart + shift + result.start, responseEnd: e.responseEnd + shift + result.start }));
    await page.waitForTimeout(100);
    if (problems.length) throw new Error(problems.join('\n'));
    return {
      usableMs: round(result.usableMs),
      readyMessageMs: round(result.readyMs),
      frameDocument: { startMs: round(nav.startTime + shift), ttfbMs: round(nav.responseStart - nav.requestStart), endMs: round(nav.responseEnd + shift), domInteractiveMs: round(nav.domInteractive + shift), loadEventMs: round(nav.loadEventEnd + shift) },
      requests: [...requests, ...requestsOf(frameRequests, responses, result.start)].sort((a, b) => a.startMs - b.startMs),
    };
  } finally {
    await context.close();
  }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(median(sorted)), p90: round(sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

/** The median run's requests, for the breakdown table. */
function medianRun(runs, key) {
  const sorted = [...runs].sort((a, b) => a[key] - b[key]);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function printBreakdown(title, run) {
  consoleLog(`\n${title}`);
  consoleLog('  request                                                          type        start   ttfb    end  server');
  for (const r of run.requests) {
    consoleLog(`  ${r.request.padEnd(64).slice(0, 64)} ${String(r.type).padEnd(10)} ${String(r.startMs).padStart(6)} ${String(r.ttfbMs).padStart(6)} ${String(r.endMs).padStart(6)} ${r.serverMs === undefined ? '     —' : String(r.serverMs).padStart(6)}`);
  }
}

async function main() {
  const variants = [await startVariant('current', root)];
  if (baselineRoot) variants.push(await startVariant('baseline', resolve(baselineRoot)));
  const browser = await launchChromium();
  const load = [loadavg()];
  const firstSwitch = {};
  const firstFields = {};
  const firstFieldsRequests = {};
  const results = Object.fromEntries(variants.map((v) => [v.name, { checkout: v.checkout, switch: [], fields: [], fieldsAgain: [] }]));
  try {
    const expected = {};
    for (const variant of variants) {
      const { context, page } = await openDemo(browser, variant);
      // The first switch after the server started (cold caches and query plans), to 100 ms.
      const started = Date.now();
      await page.selectOption('select[name="account"]', 'large');
      expected[variant.name] = await settle(page, 1500, 60_000, (at) => (firstSwitch[variant.name] = at - started));
      await context.close();
    }
    for (let run = 0; run <= RUNS; run++) {
      // Alternate which variant goes first, so neither always meets the other's leftovers.
      const order = run % 2 ? [...variants].reverse() : variants;
      for (const variant of order) {
        const s = await accountSwitch(browser, variant, expected[variant.name]);
        const f = await hostedFields(browser, variant);
        const again = await hostedFields(browser, variant, true);
        if (run === 0) {
          // Warm-up; its card fields are the first after the server started.
          firstFields[variant.name] = f.usableMs;
          firstFieldsRequests[variant.name] = f.requests;
          continue;
        }
        results[variant.name].switch.push(s);
        results[variant.name].fields.push(f);
        results[variant.name].fieldsAgain.push(again);
        consoleLog(`run ${run} ${variant.name}: switch ${s.totalMs} ms, card fields usable ${f.usableMs} ms, again ${again.usableMs} ms`);
      }
    }
    load.push(loadavg());
  } finally {
    await browser.close();
    for (const v of variants) {
      await v.server.close();
      await rm(v.outDir, { recursive: true, force: true });
    }
  }

  const summary = {};
  consoleLog(`\nfirst switch after the server started (to 100 ms): ${JSON.stringify(firstSwitch)}; first card fields: ${JSON.stringify(firstFields)} ms; latency added per request: ${LATENCY_MS} ms`);
  consoleLog(`${RUNS} runs each after a warm-up; load average ${load[0].map((n) => n.toFixed(2)).join('/')} → ${load[1].map((n) => n.toFixed(2)).join('/')}`);
  consoleLog('variant    measure                          median      p90   min-max');
  for (const [name, r] of Object.entries(results)) {
    const rows = {
      'account switch (all elements)': stats(r.switch.map((s) => s.totalMs)),
      ...Object.fromEntries(ELEMENTS.map((tag) => [`  ${tag}`, stats(r.switch.map((s) => s.elements[tag]))])),
      '  long tasks during the switch': stats(r.switch.map((s) => s.longTaskMs)),
      'card fields usable': stats(r.fields.map((f) => f.usableMs)),
      '  acct-hf:ready received': stats(r.fields.map((f) => f.readyMessageMs)),
      'card fields usable, repeat visit': stats(r.fieldsAgain.map((f) => f.usableMs)),
    };
    summary[name] = rows;
    for (const [measure, s] of Object.entries(rows)) {
      consoleLog(`${name.padEnd(10)} ${measure.padEnd(32)} ${String(s.median).padStart(7)} ms ${String(s.p90).padStart(7)} ms  ${s.min}-${s.max}`);
    }
    printBreakdown(`${name}: requests of the median account switch (ms from the change; server = the handler's time)`, medianRun(r.switch, 'totalMs'));
    const f = medianRun(r.fields, 'usableMs');
    printBreakdown(`${name}: requests of the median "Add card" (ms from the click); frame document ${JSON.stringify(f.frameDocument)}`, f);
    printBreakdown(`${name}: requests of the median "Add card" on a repeat visit`, medianRun(r.fieldsAgain, 'usableMs'));
  }
  writeResult(LATENCY_MS ? `demo-latency-${LATENCY_MS}.json` : 'demo.json', { runs: RUNS, latencyMs: LATENCY_MS, firstSwitchMs: firstSwitch, firstFieldsMs: firstFields, firstFieldsRequests, loadAverage: load, summary, results, browser: 'Chromium (headless)', database: 'PGlite (in memory)' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
