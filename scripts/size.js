#!/usr/bin/env node
/**
 * `npm run size`: what the library costs a page.
 *
 * 1. Page cost (the measure the budgets apply to; scripts/page-cost.js): all JavaScript a host page
 *    downloads until real data is on screen, counted by headless Chromium (gzip -9 of every script
 *    response, summed), for the invoice list alone, the pay flow alone, the pricing table alone (a
 *    marketing page: `api-base`, no token) and every element on one page; with `api-base` (the
 *    reference server) and with `MemoryAccountApi`; each page built by a host's bundler (Vite, from
 *    the package) and loaded from the CDN build. Budgets, for the `api-base` pages of both builds:
 *    list ≤ 42 kB, pay flow ≤ 50 kB, every element ≤ 72 kB (issue 8), pricing table ≤ 35 kB (issue 10).
 * 2. Per entry (information only): one esbuild build per public entry, dependencies bundled,
 *    minified, gzip -9 and brotli -11; "initial" is the entry and its static imports, "lazy" what it
 *    may load later. Shared code is counted in every entry. Plus where the invoice list's bytes go.
 *
 * Writes bench-results/size.json (everything, with timings and file lists) and
 * docs/performance-figures.json + the README's page-cost block (committed; see
 * scripts/performance-figures.js). `--check` writes neither: it exits 1 when a page is over its
 * budget, or the committed figures or the README block are stale (`npm test` runs it).
 * `--check-figures` is the same without the budgets. `--pages-only`
 * skips the per-entry table (`--check` implies it).
 */
import * as esbuild from 'esbuild';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIS, BUILDS, PAGES, measurePageCosts } from './page-cost.js';
import { BUDGETS, KNOWN_OVER, figureProblems, figuresFrom, readFigures, updateReadme, writeFigures } from './performance-figures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1000;
const BREAKDOWN_ENTRY = 'acct-invoice-list';

/** Packages whose files count as one line of the breakdown. */
const PACKAGE_GROUPS = {
  lit: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'],
};

function entryPoints() {
  const components = join(root, 'src/components');
  const elements = readdirSync(components, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(components, d.name))
        .filter((f) => /^acct-.*\.ts$/.test(f))
        .map((f) => ({ name: f.replace(/\.ts$/, ''), file: join('src/components', d.name, f) })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...elements, { name: 'all', file: 'src/all.ts' }, { name: 'index', file: 'src/index.ts' }];
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;

async function bundle(file, external = []) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    // Split only so that lazily imported translations land in their own files.
    splitting: true,
    outdir: 'out',
    write: false,
    metafile: true,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const files = new Map(result.outputFiles.map((f) => [relative(root, f.path), f.contents]));
  const outputs = result.metafile.outputs;
  const entryOutput = Object.keys(outputs).find((o) => outputs[o].entryPoint);
  // Initial: the entry and its static imports, transitively.
  const initial = new Set();
  const visit = (output) => {
    if (initial.has(output)) return;
    initial.add(output);
    for (const i of outputs[output].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entryOutput);
  const js = (names) => names.filter((n) => n.endsWith('.js'));
  const concat = (names) => Buffer.concat(js(names).map((n) => files.get(n)));
  const initialBytes = concat([...initial]);
  const lazyNames = js(Object.keys(outputs)).filter((n) => !initial.has(n));
  return {
    metafile: result.metafile,
    initialOutputs: [...initial],
    initial: { minified: initialBytes.length, gzip: gzip(initialBytes), brotli: brotli(initialBytes) },
    // Each lazy file is fetched on its own, so it is compressed on its own.
    lazy: lazyNames.reduce(
      (sum, n) => ({ minified: sum.minified + files.get(n).length, gzip: sum.gzip + gzip(files.get(n)) }),
      { minified: 0, gzip: 0 },
    ),
  };
}

/** `node_modules/@lit/task/task.js` → `@lit/task`; `src/core/money.ts` → `src/core`. */
function ownerOf(input) {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    return Object.entries(PACKAGE_GROUPS).find(([, members]) => members.includes(pkg))?.[0] ?? pkg;
  }
  const parts = input.split('/');
  return parts[1] === 'components' ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

/** Every import specifier that reaches a package, for marking it external. */
function externalsFor(owner) {
  const packages = PACKAGE_GROUPS[owner] ?? [owner];
  return packages.flatMap((p) => [p, `${p}/*`]);
}

async function breakdown(entry, measured) {
  const minifiedBy = new Map();
  for (const output of measured.initialOutputs) {
    for (const [input, { bytesInOutput }] of Object.entries(measured.metafile.outputs[output].inputs)) {
      const owner = ownerOf(input);
      minifiedBy.set(owner, (minifiedBy.get(owner) ?? 0) + bytesInOutput);
    }
  }
  const rows = [];
  for (const [owner, minified] of minifiedBy) {
    const row = { owner, minified, share: minified / measured.initial.minified };
    if (!owner.startsWith('src/')) {
      // Gzip compresses across module boundaries, so a package's gzip cost is measured as the
      // difference it makes: the entry built with and without it.
      const without = await bundle(entry.file, externalsFor(owner));
      row.gzipDelta = measured.initial.gzip - without.initial.gzip;
    }
    rows.push(row);
  }
  return rows.sort((a, b) => b.minified - a.minified);
}

const fmt = (bytes) => (bytes / KB).toFixed(1).padStart(7);

function printTable(results) {
  console.log(`\nSize per entry, all runtime dependencies bundled, minified (kB = ${KB} bytes)\n`);
  console.log('entry                    minified     gzip   brotli   lazy gzip');
  for (const r of results) {
    console.log(`${r.name.padEnd(22)} ${fmt(r.initial.minified)}  ${fmt(r.initial.gzip)}  ${fmt(r.initial.brotli)}     ${fmt(r.lazy.gzip)}`);
  }
}

function printBreakdown(name, rows) {
  console.log(`\nWhere the bytes of ${name} go (initial load)\n`);
  console.log('part                              minified  share  gzip if left out');
  for (const r of rows) {
    const delta = r.gzipDelta === undefined ? '' : `-${(r.gzipDelta / KB).toFixed(1)} kB`;
    console.log(`${r.owner.padEnd(32)} ${fmt(r.minified)}  ${(r.share * 100).toFixed(0).padStart(4)}%  ${delta.padStart(10)}`);
  }
}

function printPageCosts({ rows, integrity, loadAverage, seconds }) {
  console.log(`\nPage cost: JavaScript downloaded until data is on screen, gzip -9 (kB = ${KB} bytes; files in brackets)\n`);
  console.log(`${'page'.padEnd(48)}${'API'.padEnd(10)}${BUILDS.map((b) => b.padStart(16)).join('')}   budget`);
  for (const name of Object.keys(PAGES)) {
    for (const api of APIS) {
      const cells = BUILDS.map((build) => {
        const r = rows.find((x) => x.page === name && x.api === api && x.build === build);
        return (r.missing ? 'n/a' : `${fmt(r.gzip)} (${r.requests})`).padStart(16);
      });
      const budget = api === 'api-base' ? BUDGETS[name] : undefined;
      const over = budget ? BUILDS.filter((b) => rows.find((x) => x.page === name && x.api === api && x.build === b).gzip > budget) : [];
      const verdict = budget ? `≤ ${(budget / KB).toFixed(0)} kB ${over.length ? `OVER (${over.join(', ')})` : 'ok'}` : '';
      console.log(`${PAGES[name].title.padEnd(48)}${api.padEnd(10)}${cells.join('')}   ${verdict}`);
    }
  }
  const times = rows.filter((r) => !r.missing).map((r) => r.ms);
  console.log(
    `\nIntegrity: a one-byte change to ${integrity.tampered ?? 'a CDN chunk'} ${integrity.enforced ? 'stopped the CDN page (import map integrity enforced)' : `was NOT caught: ${integrity.reason}`}`,
  );
  console.log(
    `\nTime to data per page ${Math.min(...times)}-${Math.max(...times)} ms (not budgeted; load average ${loadAverage.toFixed(1)} on ${cpus().length} cores); whole run ${seconds.toFixed(0)} s`,
  );
}

// `--check-figures`: the check without the budgets (`npm test` used it until every page was within
// its budget): the measured costs must still match the committed figures (±500 B).
const checkFigures = process.argv.includes('--check-figures');
const check = checkFigures || process.argv.includes('--check');
const pagesOnly = check || process.argv.includes('--pages-only');

const pageCosts = await measurePageCosts();
printPageCosts(pageCosts);
const over = pageCosts.rows.filter((r) => r.api === 'api-base' && !r.missing && r.gzip > BUDGETS[r.page]);
// Known and reported, not failed (docs/performance.md says why): the every-element page since it has
// twelve elements, and the license purchase from the CDN. A page or build that goes over without
// being listed here fails, as does a listed one that grows past its measured figure (±500 B).
const overBudget = over.filter((r) => !KNOWN_OVER[r.page]?.includes(r.build));
const knownOver = over.filter((r) => KNOWN_OVER[r.page]?.includes(r.build));

const results = [];
let rows = [];
if (!pagesOnly) {
  for (const entry of entryPoints()) results.push({ ...entry, measured: await bundle(entry.file) });
  printTable(results.map((r) => ({ name: r.name, initial: r.measured.initial, lazy: r.measured.lazy })));
  const listResult = results.find((r) => r.name === BREAKDOWN_ENTRY);
  rows = listResult ? await breakdown(listResult, listResult.measured) : [];
  if (listResult) printBreakdown(BREAKDOWN_ENTRY, rows);
  else console.log(`\n(no ${BREAKDOWN_ENTRY} entry yet: no breakdown)`);
}

const report = {
  measuredAt: new Date().toISOString(),
  tool: `page cost: headless Chromium, gzip -9 per script response; entries: esbuild ${esbuild.version}, minify, es2022, gzip -9, brotli -11`,
  unit: 'bytes',
  budgetsGzip: BUDGETS,
  pageCosts,
  entries: results.map((r) => ({
    name: r.name,
    file: r.file,
    minified: r.measured.initial.minified,
    gzip: r.measured.initial.gzip,
    brotli: r.measured.initial.brotli,
    lazy: r.measured.lazy,
  })),
  breakdown: rows.length ? { entry: BREAKDOWN_ENTRY, parts: rows } : null,
};
const outDir = join(root, 'bench-results');
if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'size.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${relative(process.cwd(), join(outDir, 'size.json'))}`);

const measured = figuresFrom(pageCosts.rows, PAGES);
if (check) {
  const { integrity } = pageCosts;
  const problems = [
    ...(integrity.enforced ? [] : [`the CDN page's integrity import map did not stop a changed chunk: ${integrity.reason}`]),
    ...(checkFigures ? [] : overBudget.map((r) => `${PAGES[r.page].title} (${r.api}, ${r.build}): ${fmt(r.gzip).trim()} kB, budget ${(BUDGETS[r.page] / KB).toFixed(0)} kB`)),
    ...figureProblems(readFigures(), measured),
  ];
  if (problems.length) {
    console.error(`\nsize check failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (knownOver.length) console.log(`\nKnown to be over budget (docs/performance.md): ${knownOver.map((r) => `${r.page}/${r.build} ${fmt(r.gzip).trim()} kB`).join(', ')}`);
  if (checkFigures && overBudget.length) console.log(`\nNot yet within budget (not failed by --check-figures): ${overBudget.map((r) => `${r.page}/${r.build}`).join(', ')}`);
  console.log(`\nsize check: ${checkFigures ? 'page costs as committed' : 'every page within its budget'}; README and docs/performance-figures.json are current`);
} else {
  const readme = updateReadme('page-cost', writeFigures(measured));
  console.log(`Wrote docs/performance-figures.json${readme ? ' and the README\'s page-cost block' : ' (README.md has no page-cost block)'}`);
  if (overBudget.length) console.log(`Over budget: ${overBudget.map((r) => `${r.page}/${r.build}`).join(', ')}`);
}
