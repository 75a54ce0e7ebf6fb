/**
 * Page cost: all JavaScript a host page downloads until real data is on screen, counted by the
 * browser. Used by `npm run size` (scripts/size.js).
 *
 * 1. The package is built as it is published (`vite build` and `vite build --mode cdn`, the
 *    repository's vite.config.ts) into a scratch copy under bench-results/page-cost/package/.
 * 2. Host pages: for each page (the invoice list alone, the pay flow alone, every element on one
 *    page) and each API (`api-base` against the reference server, or `MemoryAccountApi`), two
 *    builds of the same page:
 *    - "bundler": a tiny host app that imports `account-elements/acct-….js` (the package through
 *      node_modules, resolved by its `exports`), built by Vite as a host would build it (defaults:
 *      minified, code splitting; only Vite's own modulepreload polyfill is off, it is the host's
 *      choice and not ours);
 *    - "cdn": a static HTML page that loads the CDN build's files with `<script type="module">`
 *      and an import map with the `integrity` of every file (the README's snippet), so a wrong
 *      hash in dist/cdn/integrity.json fails the measurement.
 * 3. Each page is opened in headless Chromium (scripts/chromium.js). Every response the browser
 *    classifies as a script (entry, static imports, modulepreloads, dynamic imports such as the
 *    lazy HTTP client) that was requested before the data was on screen is counted: its body,
 *    gzip -9, summed. "Data on screen": every element of the page in a data state (`populated`,
 *    the pay flow's `select`, …) with an amount in its shadow root; an error state fails the run.
 *
 * The API data comes from the reference server (server/, PGlite in memory, demo token for the
 * `typical` account), reached through the page's own origin (`/api` is proxied), so the page
 * needs no CORS. Bytes are deterministic for a given lockfile; the time each page took is not
 * (it is reported, with the load average, but not budgeted).
 */
import { build as viteBuild } from 'vite';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { launchChromium, root, serve } from './bench-lib.js';

export const WORK = join(root, 'bench-results', 'page-cost');
const TOKEN_PLACEHOLDER = '__ACCT_TOKEN__';
const MEMORY_FIXTURE = 'typical';

/** Every element of the library, in the order the all-elements page shows them. */
const ALL_ELEMENTS = [
  'acct-account-summary',
  'acct-invoice-list',
  'acct-invoice-detail',
  'acct-pay-invoice',
  'acct-payment-methods',
  'acct-payment-method-form',
  'acct-autopay-toggle',
  'acct-payment-history',
  'acct-license-summary',
  'acct-license-purchase',
  'acct-transaction-history',
  'acct-pricing-table',
  'acct-addon-list',
  'acct-credit-list',
  'acct-usage-chart',
  'acct-usage-table',
  'acct-profile',
  'acct-address-book',
  'acct-users',
];

/**
 * The pages. `entries`: the package entries the host imports; `body(config)`: the markup, where
 * `config` is the attribute string that connects it (`api-base` + `token`, or nothing for the
 * memory API, which the page script sets as `api`); `connect`: the element that gets the `api`;
 * `public`: the page has `api-base` and no token.
 */
export const PAGES = {
  list: {
    title: 'invoice list alone',
    entries: ['acct-invoice-list'],
    body: (config) => `<acct-invoice-list ${config}></acct-invoice-list>`,
    connect: 'acct-invoice-list',
  },
  pay: {
    title: 'pay flow alone (acct-pay-invoice)',
    entries: ['acct-pay-invoice'],
    body: (config) => `<acct-pay-invoice ${config}></acct-pay-invoice>`,
    connect: 'acct-pay-invoice',
  },
  purchase: {
    title: 'license purchase alone (acct-license-purchase)',
    entries: ['acct-license-purchase'],
    body: (config) => `<acct-license-purchase product-id="prod_workspace" ${config}></acct-license-purchase>`,
    connect: 'acct-license-purchase',
  },
  pricing: {
    title: 'pricing table alone (no token)',
    entries: ['acct-pricing-table'],
    body: (config) => `<acct-pricing-table ${config}></acct-pricing-table>`,
    connect: 'acct-pricing-table',
    // A marketing page: the public catalogue with `api-base` and no token.
    public: true,
  },
  addons: {
    title: 'add-on list alone (acct-addon-list)',
    entries: ['acct-addon-list'],
    body: (config) => `<acct-addon-list ${config}></acct-addon-list>`,
    connect: 'acct-addon-list',
  },
  credits: {
    title: 'credit list alone (acct-credit-list)',
    entries: ['acct-credit-list'],
    body: (config) => `<acct-credit-list ${config}></acct-credit-list>`,
    connect: 'acct-credit-list',
  },
  'usage-chart': {
    title: 'usage chart alone (acct-usage-chart)',
    entries: ['acct-usage-chart'],
    body: (config) => `<acct-usage-chart ${config}></acct-usage-chart>`,
    connect: 'acct-usage-chart',
  },
  'usage-table': {
    title: 'usage table alone (acct-usage-table)',
    entries: ['acct-usage-table'],
    body: (config) => `<acct-usage-table ${config}></acct-usage-table>`,
    connect: 'acct-usage-table',
  },
  profile: {
    title: 'profile alone (acct-profile)',
    entries: ['acct-profile'],
    body: (config) => `<acct-profile ${config}></acct-profile>`,
    connect: 'acct-profile',
  },
  'address-book': {
    title: 'address book alone (acct-address-book)',
    entries: ['acct-address-book'],
    body: (config) => `<acct-address-book ${config}></acct-address-book>`,
    connect: 'acct-address-book',
  },
  users: {
    title: 'users alone (acct-users)',
    entries: ['acct-users'],
    body: (config) => `<acct-users ${config}></acct-users>`,
    connect: 'acct-users',
  },
  portal: {
    title: 'portal, first view (acct-portal: the overview)',
    entries: ['acct-portal'],
    body: (config) => `<acct-portal routing="none" ${config}></acct-portal>`,
    connect: 'acct-portal',
  },
  all: {
    title: 'every element on one page',
    entries: ['all'],
    body: (config) =>
      `<acct-provider ${config}>\n` +
      ALL_ELEMENTS.map((tag) => `  <${tag}${tag === 'acct-invoice-detail' ? ' invoice-id="latest"' : ''}></${tag}>\n`).join('') +
      `</acct-provider>`,
    connect: 'acct-provider',
  },
};
export const APIS = ['api-base', 'memory'];
export const BUILDS = ['bundler', 'cdn'];

/** Runs in the page: true once every element shows data; throws on an error state. */
function dataOnScreen() {
  const has = (el, s) => el.matches(`:state(${s})`);
  // What each element shows once its data has arrived, and whether that data includes an amount
  // (the form: its gateway is loaded, no state says so but `loading` ends).
  const ready = {
    'acct-invoice-list': [['populated'], true],
    'acct-invoice-detail': [['populated'], true],
    'acct-account-summary': [['populated'], true],
    'acct-pay-invoice': [['select', 'review'], true],
    'acct-payment-methods': [['populated'], false],
    'acct-autopay-toggle': [['on', 'off', 'no-method'], false],
    'acct-payment-history': [['populated'], true],
    'acct-license-summary': [['populated'], true],
    // The quote is on screen (its amounts): the form alone has no price yet.
    'acct-license-purchase': [['form'], true],
    'acct-transaction-history': [['populated'], true],
    'acct-pricing-table': [['populated'], true],
    'acct-addon-list': [['populated'], true],
    // A fixture account starts without credits: the empty list is its data.
    'acct-credit-list': [['populated', 'empty'], false],
    // Its bars are drawn (the drawing is a chunk of its own, loaded when the chart is in view).
    'acct-usage-chart': [['populated'], false, '[part~="bar"]'],
    // Its first page (500 of the fixture's 3,000 records) is windowed: the windowing code, a chunk of its own, is part of the page.
    'acct-usage-table': [['populated'], false, '[role="row"][aria-rowindex="2"]', /windowing/],
    'acct-profile': [['populated'], false],
    'acct-address-book': [['populated'], false],
    'acct-users': [['populated'], false],
    // Its first view, the overview: the summary and the open invoices show data.
    'acct-portal': [['populated'], false, 'acct-account-summary:state(populated) ~ acct-invoice-list:state(populated)'],
  };
  const amount = /\d[\d,. ]*[.,]\d\d/;
  const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('acct-') && el.localName !== 'acct-provider');
  if (elements.length === 0) return false;
  for (const el of elements) {
    if (!customElements.get(el.localName)) return false;
    if (has(el, 'error') || has(el, 'unconfigured')) {
      throw new Error(`<${el.localName}> shows an error: ${el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    }
    const expected = ready[el.localName];
    if (expected) {
      const [states, withAmount, drawn, chunk] = expected;
      if (!states.some((s) => has(el, s))) return false;
      if (chunk && has(el, 'virtualized') && !performance.getEntriesByType('resource').some((entry) => chunk.test(entry.name))) return false;
      // Drawn once in view (the chart's drawing loads then): below the fold on the every-element page, its data is enough.
      const inView = el.getBoundingClientRect().top < innerHeight;
      if (drawn && inView && !el.shadowRoot?.querySelector(drawn)) return false;
      if (withAmount && !amount.test(el.shadowRoot?.textContent ?? '')) return false;
    } else if (has(el, 'loading') || !el.shadowRoot || !el.shadowRoot.textContent.trim()) {
      return false;
    }
  }
  return true;
}

/** Runs in the page: each element's custom states and the start of its text (for a failed wait). */
function describeElements() {
  const names = ['loading', 'populated', 'empty', 'error', 'unconfigured', 'readonly', 'select', 'review', 'on', 'off', 'no-method', 'busy'];
  return [...document.querySelectorAll('*')]
    .filter((el) => el.localName.startsWith('acct-'))
    .map((el) => {
      const states = names.filter((s) => el.matches(`:state(${s})`)).join(' ');
      const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
      return `<${el.localName}> [${states}] ${text}`;
    })
    .join('\n');
}

function html({ title, head = '', body, scripts = '' }) {
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n${head}</head>\n` +
    `<body>\n${body}\n${scripts}</body>\n</html>\n`
  );
}

function attributes(api, page) {
  if (api !== 'api-base') return '';
  return page.public ? 'api-base="/api"' : `api-base="/api" token="${TOKEN_PLACEHOLDER}"`;
}

/** The host app's script: register the elements; with the memory API, hand it to the page. */
function hostScript(page, api, from) {
  const imports = page.entries.map((e) => `import '${from(e)}';`);
  if (api === 'memory') {
    imports.push(
      `import { MemoryAccountApi } from '${from('api/memory')}';`,
      `document.querySelector('${page.connect}').api = new MemoryAccountApi({ fixture: '${MEMORY_FIXTURE}' });`,
    );
  }
  return `${imports.join('\n')}\n`;
}

/** Builds the package as published (npm build + CDN build) into `WORK/package`. */
export async function buildPackage() {
  const pkg = join(WORK, 'package');
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  const common = { root, configFile: join(root, 'vite.config.ts'), logLevel: 'error' };
  await viteBuild({ ...common, mode: 'production', build: { outDir: join(pkg, 'dist'), emptyOutDir: true } });
  await viteBuild({ ...common, mode: 'cdn', build: { outDir: join(pkg, 'dist', 'cdn'), emptyOutDir: true } });
  // Host apps find the package as `account-elements` in node_modules; its own imports (lit, ...)
  // resolve from the repository's node_modules, above the scratch directory.
  // WORK gets a package.json of its own, so the host apps are not inside the repository's package
  // (where `account-elements` would resolve to the repository itself, by self-reference).
  writeFileSync(join(WORK, 'package.json'), `${JSON.stringify({ name: 'page-cost-hosts', private: true, type: 'module' }, null, 2)}\n`);
  const modules = join(WORK, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  symlinkSync(pkg, join(modules, 'account-elements'), 'dir');
  return pkg;
}

/** A host app of `page` built by Vite from the package; returns the directory to serve. */
async function buildBundlerPage(name, page, api) {
  const dir = join(WORK, 'hosts', `${name}-${api}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.js'), hostScript(page, api, (e) => `account-elements/${e}.js`));
  writeFileSync(
    join(dir, 'index.html'),
    html({ title: page.title, body: page.body(attributes(api, page)), scripts: '<script type="module" src="./main.js"></script>\n' }),
  );
  await viteBuild({
    root: dir,
    configFile: false,
    logLevel: 'error',
    base: './',
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, modulePreload: { polyfill: false } },
  });
  return join(dir, 'dist');
}

/**
 * The CDN file that registers `entry`: `acct-….js` when the CDN build has one (ES modules with
 * shared chunks), else the single all.js of the older builds.
 */
function cdnFile(cdnDir, entry) {
  return existsSync(join(cdnDir, `${entry}.js`)) ? `${entry}.js` : 'all.js';
}

/** The README's snippet: an import map holding the integrity of every CDN file, then the entries. */
export function cdnSnippet(base, integrity, files) {
  const lines = [];
  if (integrity) {
    const map = Object.fromEntries(
      Object.entries(integrity)
        .filter(([file]) => file.endsWith('.js'))
        .map(([file, hash]) => [`${base}${file}`, hash]),
    );
    lines.push(`<script type="importmap">${JSON.stringify({ integrity: map })}</script>`);
  }
  for (const file of files) {
    const attr = integrity?.[file] ? ` integrity="${integrity[file]}" crossorigin="anonymous"` : '';
    lines.push(`<script type="module" src="${base}${file}"${attr}></script>`);
  }
  return lines.join('\n');
}

function cdnPage(name, page, api, cdnDir) {
  const integrityFile = join(cdnDir, 'integrity.json');
  const integrity = existsSync(integrityFile) ? JSON.parse(readFileSync(integrityFile, 'utf8')) : undefined;
  const files = [...new Set(page.entries.map((e) => cdnFile(cdnDir, e)))];
  let scripts = cdnSnippet('/cdn/', integrity, files);
  if (api === 'memory') {
    // all.js is a module graph of its own, with its own copy of the memory API (vite.config.ts).
    const memory = files.includes('all.js') && existsSync(join(cdnDir, 'all/api/memory.js')) ? 'all/api/memory.js' : 'api/memory.js';
    if (!existsSync(join(cdnDir, memory))) return undefined;
    // A host's own module script; inline, so it is not one of the counted script responses. Before
    // the elements' scripts (module scripts run in document order): the element gets its `api` before
    // it is defined, however long either download takes, so it never waits past its grace period.
    // (After the import map, which must come before any module script.)
    const host = `<script type="module">\nimport { MemoryAccountApi } from '/cdn/${memory}';\ndocument.querySelector('${page.connect}').api = new MemoryAccountApi({ fixture: '${MEMORY_FIXTURE}' });\n</script>`;
    const lines = scripts.split('\n');
    const at = lines[0].startsWith('<script type="importmap">') ? 1 : 0;
    scripts = [...lines.slice(0, at), host, ...lines.slice(at)].join('\n');
  }
  return html({ title: page.title, body: page.body(attributes(api, page)), scripts: `${scripts}\n` });
}

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };

/**
 * Serves `/cdn/*` from the CDN build, `/<page>/…` from the page directories, `/api/*` proxied.
 * `tamper.file`, when set, is a CDN file served with one byte more (for the integrity check).
 */
async function startPageServer(pages, cdnDir, apiOrigin, token, tamper = {}) {
  const fallback = async (req, res, url) => {
    try {
      if (url.pathname.startsWith('/api/')) {
        if (!apiOrigin) throw new Error('no API server');
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)));
        const upstream = await fetch(`${apiOrigin}${url.pathname}${url.search}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        const out = {};
        upstream.headers.forEach((v, k) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
        });
        res.writeHead(upstream.status, out);
        res.end(body);
        return;
      }
      let file;
      if (url.pathname.startsWith('/cdn/')) file = join(cdnDir, url.pathname.slice('/cdn/'.length));
      else {
        const [, name, ...rest] = url.pathname.split('/');
        const page = pages.get(name);
        if (page?.html !== undefined && (rest.length === 0 || rest.join('/') === '' || rest.join('/') === 'index.html')) {
          res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
          res.end(page.html.replaceAll(TOKEN_PLACEHOLDER, token ?? ''));
          return;
        }
        if (page?.dir) file = join(page.dir, rest.join('/') || 'index.html');
      }
      if (!file || !existsSync(file) || relative(root, file).startsWith('..')) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const ext = file.slice(file.lastIndexOf('.'));
      let body = readFileSync(file);
      if (tamper.file && file === join(cdnDir, tamper.file)) body = Buffer.concat([body, Buffer.from('\n')]);
      if (ext === '.html') body = Buffer.from(body.toString('utf8').replaceAll(TOKEN_PLACEHOLDER, token ?? ''));
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch (error) {
      console.error(`page server: ${req.method} ${url.pathname}: ${error.cause?.message ?? error.message}`);
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  };
  return serve({}, { fallback });
}

/** The reference server (PGlite in memory) and a demo token for the typical account. */
async function startApi() {
  // The server is TypeScript: loaded through tsx, so this script runs under plain node.
  const { tsImport } = await import('tsx/esm/api');
  const { startServer } = await tsImport('../server/index.ts', import.meta.url);
  const server = await startServer({ port: 0, demoTokens: true });
  const res = await fetch(`${server.url}/api/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'typical' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/demo/token: ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  return { server, token };
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Opens `url` and counts the scripts downloaded until data is on screen. */
async function measurePage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  let done = false;
  const scripts = [];
  page.on('response', (response) => {
    const request = response.request();
    if (done || request.resourceType() !== 'script') return;
    scripts.push({ url: new URL(response.url()).pathname, body: response.body() });
  });
  const started = Date.now();
  try {
    await page.goto(url);
    await page.waitForFunction(dataOnScreen, null, { timeout: 30_000, polling: 'raf' });
    done = true;
    const ms = Date.now() - started;
    const files = [];
    for (const s of scripts) {
      const body = await s.body;
      files.push({ file: s.url, bytes: body.length, gzip: gzip(body) });
    }
    if (problems.length) throw new Error(problems.join('\n'));
    files.sort((a, b) => a.file.localeCompare(b.file));
    return {
      requests: files.length,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      gzip: files.reduce((n, f) => n + f.gzip, 0),
      ms,
      files,
    };
  } catch (error) {
    const shown = await page.evaluate(describeElements).catch(() => '');
    throw new Error(`${url}: ${error.message}\n${shown}${problems.length ? `\n${problems.join('\n')}` : ''}`);
  } finally {
    await context.close();
  }
}

/**
 * The README's import map really protects the page: the list's CDN page (memory API) with its
 * shared runtime chunk changed by one byte must not define the element, and Chromium must say why.
 */
async function checkIntegrity(browser, origin, cdnDir, tamper) {
  const integrityFile = join(cdnDir, 'integrity.json');
  if (!existsSync(integrityFile)) return { enforced: false, reason: 'no integrity.json' };
  const chunk = Object.keys(JSON.parse(readFileSync(integrityFile, 'utf8'))).find((f) => /^chunks\/runtime-.*\.js$/.test(f));
  if (!chunk) return { enforced: false, reason: 'no runtime chunk' };
  tamper.file = chunk;
  const page = await browser.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  try {
    await page.goto(`${origin}/list-memory-cdn/`);
    await page.waitForTimeout(1500);
    const defined = await page.evaluate(() => !!customElements.get('acct-invoice-list'));
    const refused = messages.some((m) => m.includes('integrity') && m.includes(chunk));
    return { enforced: !defined && refused, tampered: chunk, reason: defined ? 'the element loaded from a changed chunk' : refused ? undefined : 'no integrity message' };
  } finally {
    tamper.file = undefined;
    await page.close();
  }
}

/**
 * Builds the package and every host page, and measures them. Returns rows
 * `{page, api, build, requests, bytes, gzip, ms, files}`; a combination the build cannot serve
 * (the memory API from a CDN build without it) is `{..., missing: reason}`.
 */
export async function measurePageCosts({ log = console.log } = {}) {
  const started = Date.now();
  const pkg = await buildPackage();
  const cdnDir = join(pkg, 'dist', 'cdn');
  const served = new Map();
  for (const [name, page] of Object.entries(PAGES)) {
    for (const api of APIS) {
      served.set(`${name}-${api}-bundler`, { dir: await buildBundlerPage(name, page, api) });
      const cdnHtml = cdnPage(name, page, api, cdnDir);
      if (cdnHtml) served.set(`${name}-${api}-cdn`, { html: cdnHtml });
    }
  }
  log(`built the package and ${served.size} host pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { server, token } = await startApi();
  const tamper = {};
  const { server: pages, origin } = await startPageServer(served, cdnDir, server.url, token, tamper);
  const browser = await launchChromium();
  const rows = [];
  let integrity;
  try {
    for (const name of Object.keys(PAGES)) {
      for (const api of APIS) {
        for (const build of BUILDS) {
          const key = `${name}-${api}-${build}`;
          if (!served.has(key)) {
            rows.push({ page: name, api, build, missing: 'the CDN build has no api/memory.js' });
            continue;
          }
          rows.push({ page: name, api, build, ...(await measurePage(browser, `${origin}/${key}/`)) });
        }
      }
    }
    integrity = await checkIntegrity(browser, origin, cdnDir, tamper);
  } finally {
    await browser.close();
    pages.close();
    await server.close();
  }
  return { rows, integrity, loadAverage: loadavg()[0], seconds: (Date.now() - started) / 1000 };
}

/** sha384 of a file, as Subresource Integrity writes it. */
export function sri(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
