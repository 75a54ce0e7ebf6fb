#!/usr/bin/env node
/**
 * `npm run bench:render`: how fast acct-invoice-list shows host-supplied invoices, in headless
 * Chromium, on a production bundle (esbuild, minified) of the whole library.
 *
 * - Render: a fresh list inside acct-provider (MemoryAccountApi, so the account's capabilities
 *   load and rows get checkboxes) is shown with `invoices = []`; once it shows its empty state,
 *   the clock starts, `invoices` is set to N rows, and the clock stops after the first painted
 *   frame that contains rows (requestAnimationFrame, then a message task, which runs after that
 *   frame's paint). The virtualizer renders its rows a frame after it is set up, so waiting for
 *   rows rather than for the first frame keeps the figure honest. One cold run, then the median
 *   of RUNS warm runs, for 100 and 10,000 invoices.
 * - Scroll: the 10,000-row list's scroll container is scrolled from top to bottom one viewport
 *   per frame (every frame shows new rows); long tasks (over 50 ms, PerformanceObserver
 *   'longtask') and the longest frame interval are recorded.
 *
 * Targets (from the issue): ≤ 50 ms for 100, ≤ 100 ms for 10,000, no task over 50 ms while
 * scrolling. Reports, does not assert; exits non-zero only when it could not measure.
 * Writes bench-results/render.json.
 */
import { cpus, loadavg } from 'node:os';
import { bundleScript, html, launchChromium, median, openPage, serve, writeResult } from './bench-lib.js';
import { updateReadme, writeFigures } from './performance-figures.js';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const SIZES = [100, 10_000];
const TARGETS = { 100: 50, 10_000: 100 };
const LONG_TASK_MS = 50;

const pageScript = `
import './src/all.ts';
import { MemoryAccountApi, createFixture, toSummary } from './src/api/memory.ts';

const provider = document.querySelector('acct-provider');
provider.api = new MemoryAccountApi({ fixture: 'typical', today: new Date('2026-06-15T12:00:00Z') });
const all = createFixture('large', new Date('2026-06-15T12:00:00Z')).invoices.map(toSummary);

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
/** Resolves after the next frame has been painted. */
const afterPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
const hasState = (el, name) => {
  try { return el.matches(':state(' + name + ')'); } catch { return el.matches(':--' + name); }
};
const rows = (list) => list.shadowRoot.querySelectorAll('[role=row][part~=row]:not(.skeleton-row)');

async function until(check, what, timeoutMs = 10000) {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out waiting for ' + what);
    await frame();
  }
}

function observeLongTasks() {
  const tasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return { tasks, stop: () => { tasks.push(...observer.takeRecords().map((e) => e.duration)); observer.disconnect(); return tasks; } };
}

async function mountEmptyList() {
  const list = document.createElement('acct-invoice-list');
  list.invoices = [];
  provider.append(list);
  await until(() => hasState(list, 'empty'), 'the empty list');
  await afterPaint();
  return list;
}

window.measureRender = async (count) => {
  const list = await mountEmptyList();
  const invoices = all.slice(0, count);
  const longTasks = observeLongTasks();
  const start = performance.now();
  list.invoices = invoices;
  let frames = 0;
  do {
    await afterPaint();
    frames++;
    if (frames > 120) throw new Error('no rows after 120 frames');
  } while (rows(list).length === 0);
  const ms = performance.now() - start;
  const tasks = longTasks.stop();
  const result = {
    ms,
    frames,
    rowsInDom: rows(list).length,
    virtualized: hasState(list, 'virtualized'),
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
  };
  list.remove();
  return result;
};

window.measureScroll = async (count) => {
  const list = await mountEmptyList();
  list.invoices = all.slice(0, count);
  await until(() => rows(list).length > 0, 'rows');
  await afterPaint();
  const scroller = list.shadowRoot.querySelector('[role=table]');
  if (!(scroller.clientHeight > 100 && scroller.scrollHeight > scroller.clientHeight + 100)) {
    throw new Error('the list has no scroll container (scrollHeight ' + scroller.scrollHeight + ', clientHeight ' + scroller.clientHeight + ')');
  }
  const viewport = scroller.clientHeight;
  const bottom = scroller.scrollHeight - viewport;
  const longTasks = observeLongTasks();
  const frameGaps = [];
  let last = performance.now();
  let steps = 0;
  const start = performance.now();
  for (let top = 0; top <= bottom; top += viewport) {
    scroller.scrollTop = top;
    await frame();
    if (performance.now() - start > 120000) throw new Error('scrolling took over 2 minutes (' + steps + ' steps)');
    const now = performance.now();
    frameGaps.push(now - last);
    last = now;
    steps++;
  }
  scroller.scrollTop = scroller.scrollHeight;
  await afterPaint();
  await afterPaint();
  const totalMs = performance.now() - start;
  const tasks = longTasks.stop();
  const indexes = [...rows(list)].map((row) => Number(row.getAttribute('aria-rowindex')));
  const lastRowShown = Math.max(...indexes) === count + 1;
  // What the browser walks on every frame after the scroll: row elements and all nodes of the row group.
  const body = list.shadowRoot.querySelector('[role=rowgroup].body');
  const rowsAtEnd = indexes.length;
  const bodyNodesAtEnd = body ? body.childNodes.length : 0;
  list.remove();
  return {
    steps,
    totalMs,
    longTasks: tasks.length,
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    longestFrameMs: Math.max(...frameGaps),
    medianFrameMs: frameGaps.sort((a, b) => a - b)[Math.floor(frameGaps.length / 2)],
    lastRowShown,
    lastRowIndex: Math.max(...indexes),
    rowsAtEnd,
    bodyNodesAtEnd,
  };
};

window.benchReady = all.length;
`;

/** page.evaluate without a limit waits forever on a page that stopped producing frames. */
function withinTime(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function fmt(ms) {
  return `${ms.toFixed(1).padStart(7)} ms`;
}

async function main() {
  // Timings on a busy machine measure the machine: say how busy it was.
  const loadAtStart = loadavg()[0];
  const cores = cpus().length;
  if (loadAtStart > cores * 0.75) {
    console.warn(`Note: load average ${loadAtStart.toFixed(1)} on ${cores} cores; other work skews these timings.`);
  }
  const script = await bundleScript(pageScript);
  const { server, origin } = await serve({
    '/': { type: 'text/html', body: html('<acct-provider></acct-provider>') },
    '/bench.js': { type: 'text/javascript', body: script },
  });
  const browser = await launchChromium();
  try {
    const { page, problems } = await openPage(browser, `${origin}/`);
    await page.waitForFunction(() => window.benchReady >= 10_000, null, { timeout: 60_000 });
    const version = browser.version();

    const render = {};
    for (const count of SIZES) {
      const runs = [];
      for (let i = 0; i <= RUNS; i++) runs.push(await withinTime(page.evaluate((n) => window.measureRender(n), count), 60_000, `rendering ${count} invoices`));
      const [cold, ...warm] = runs;
      render[count] = {
        coldMs: cold.ms,
        medianMs: median(warm.map((r) => r.ms)),
        minMs: Math.min(...warm.map((r) => r.ms)),
        maxMs: Math.max(...warm.map((r) => r.ms)),
        runs: warm.length,
        framesToRows: median(warm.map((r) => r.frames)),
        rowsInDom: warm[0].rowsInDom,
        virtualized: warm[0].virtualized,
        longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
        targetMs: TARGETS[count],
      };
    }
    if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`);

    console.log(`\nacct-invoice-list render benchmark (${version}, headless, --disable-gpu)\n`);
    console.log('invoices   cold      median (n)     min–max              rows in DOM  virtualized  longest task  target');
    for (const count of SIZES) {
      const r = render[count];
      console.log(
        `${String(count).padStart(8)} ${fmt(r.coldMs)} ${fmt(r.medianMs)} (${r.runs})  ${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)} ms`.padEnd(58) +
          `${String(r.rowsInDom).padStart(9)}  ${String(r.virtualized).padStart(11)}  ${fmt(r.longestTaskMs)}  ≤ ${r.targetMs} ms ${r.medianMs <= r.targetMs ? 'ok' : 'OVER'}`,
      );
    }

    const scroll = await withinTime(page.evaluate((n) => window.measureScroll(n), 10_000), 180_000, 'scrolling');
    if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`);
    console.log(
      `\nScrolling 10,000 rows, one viewport per frame: ${scroll.steps} steps in ${(scroll.totalMs / 1000).toFixed(1)} s; ` +
        `long tasks (> ${LONG_TASK_MS} ms): ${scroll.longTasks}, longest ${scroll.longestTaskMs.toFixed(0)} ms; ` +
        `longest frame ${scroll.longestFrameMs.toFixed(1)} ms, median frame ${scroll.medianFrameMs.toFixed(1)} ms ` +
        `(target: no task over ${LONG_TASK_MS} ms: ${scroll.longTasks === 0 ? 'ok' : 'OVER'}); ` +
        `at the end: ${scroll.rowsAtEnd} rows, ${scroll.bodyNodesAtEnd} child nodes in the row group`,
    );
    const scrollProblem = scroll.lastRowShown
      ? undefined
      : `after scrolling to the bottom the list shows rows up to aria-rowindex ${scroll.lastRowIndex}, not ${10_000 + 1}: ` +
        'the rows did not follow the scroll, so the scroll figures above measure nothing';

    writeResult('render.json', {
      measuredAt: new Date().toISOString(),
      browser: version,
      machine: { cores, loadAverageAtStart: Number(loadAtStart.toFixed(2)), loadAverageAtEnd: Number(loadavg()[0].toFixed(2)) },
      method:
        'esbuild production bundle; time from setting `invoices` to after the paint of the first frame with rows; ' +
        `1 cold run + median of ${RUNS} warm runs`,
      render,
      scroll: { invoices: 10_000, ...scroll, targetLongestTaskMs: LONG_TASK_MS, problem: scrollProblem ?? null },
    });
    if (scrollProblem) throw new Error(scrollProblem);
    // The README's speed figures are this run's (docs/performance-figures.json, checked in npm test).
    const pick = ({ medianMs, targetMs, rowsInDom }) => ({ medianMs: Number(medianMs.toFixed(1)), targetMs, rowsInDom });
    const figures = writeFigures({
      speed: {
        browser: version,
        cores,
        loadAverage: Number(Math.max(loadAtStart, loadavg()[0]).toFixed(1)),
        runs: RUNS,
        render100: pick(render[100]),
        render10000: pick(render[10_000]),
        scroll: { longTasks: scroll.longTasks, targetLongestTaskMs: LONG_TASK_MS, medianFrameMs: Number(scroll.medianFrameMs.toFixed(1)) },
      },
    });
    if (updateReadme('speed', figures)) console.log('Wrote docs/performance-figures.json (speed) and the README\'s speed line');
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`bench-render: could not measure: ${error.message}`);
  process.exit(1);
});
