#!/usr/bin/env node
/**
 * `npm run size`: what each public entry costs a page, with all its runtime dependencies bundled
 * (lit, @lit/*, ky, zod, ...), minified, then gzip -9 and brotli -11. One esbuild build per entry,
 * so shared code is counted in every entry that uses it: each figure is what a page that loads
 * only that entry downloads.
 *
 * "initial" is the entry and what it imports statically; "lazy" is what it may load later
 * (translations other than English, loaded only when a page asks for that locale).
 *
 * Also breaks the invoice list down by package, so we know where its bytes go, and writes
 * bench-results/size.json. `--check` exits 1 when an entry is over its target.
 */
import * as esbuild from 'esbuild';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1000;
/** From the issues: the invoice list within 30 kB gzip; paying and payment methods within 35 kB each. */
const TARGETS_GZIP = { 'acct-invoice-list': 30 * KB, 'acct-pay-invoice': 35 * KB, 'acct-payment-methods': 35 * KB };
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
  console.log('entry                    minified     gzip   brotli   lazy gzip  target (gzip)');
  for (const r of results) {
    const target = TARGETS_GZIP[r.name];
    const verdict = target ? `${(target / KB).toFixed(0)} kB ${r.initial.gzip <= target ? 'ok' : 'OVER'}` : '';
    console.log(
      `${r.name.padEnd(22)} ${fmt(r.initial.minified)}  ${fmt(r.initial.gzip)}  ${fmt(r.initial.brotli)}     ${fmt(r.lazy.gzip)}  ${verdict}`,
    );
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

const entries = entryPoints();
const results = [];
for (const entry of entries) {
  const measured = await bundle(entry.file);
  results.push({ ...entry, measured });
}
printTable(results.map((r) => ({ name: r.name, initial: r.measured.initial, lazy: r.measured.lazy })));

const listResult = results.find((r) => r.name === BREAKDOWN_ENTRY);
const rows = listResult ? await breakdown(listResult, listResult.measured) : [];
if (listResult) printBreakdown(BREAKDOWN_ENTRY, rows);
else console.log(`\n(no ${BREAKDOWN_ENTRY} entry yet: no breakdown)`);

const report = {
  measuredAt: new Date().toISOString(),
  tool: `esbuild ${esbuild.version}, minify, es2022, gzip -9, brotli -11`,
  unit: 'bytes',
  entries: results.map((r) => ({
    name: r.name,
    file: r.file,
    minified: r.measured.initial.minified,
    gzip: r.measured.initial.gzip,
    brotli: r.measured.initial.brotli,
    lazy: r.measured.lazy,
    targetGzip: TARGETS_GZIP[r.name] ?? null,
  })),
  breakdown: listResult ? { entry: BREAKDOWN_ENTRY, parts: rows } : null,
};
const outDir = join(root, 'bench-results');
if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'size.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${relative(process.cwd(), join(outDir, 'size.json'))}`);

const over = report.entries.filter((e) => e.targetGzip !== null && e.gzip > e.targetGzip);
if (process.argv.includes('--check') && over.length) {
  console.error(`Over target: ${over.map((e) => e.name).join(', ')}`);
  process.exit(1);
}
