/**
 * What the benchmarks share: bundle a page script with esbuild, serve it on 127.0.0.1 with
 * node:http, drive Debian's Chromium with playwright-core, and write bench-results/*.json.
 */
import * as esbuild from 'esbuild';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles TypeScript source given as text into one ES module, as a production build would be
 * (minified, lit's production mode, decorators lowered per tsconfig.json).
 */
export async function bundleScript(contents, { platform = 'browser' } = {}) {
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    minify: platform === 'browser',
    format: 'esm',
    platform,
    target: platform === 'browser' ? 'es2022' : 'node20',
    tsconfig: 'tsconfig.json',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/**
 * Serves `routes` ({'/path': {type, body}}) and, for anything else, `fallback(req, res, url)`.
 * Resolves to {server, origin}; every request is also passed to `onRequest`.
 */
export function serve(routes, { fallback, onRequest } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    onRequest?.(req, url);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const route = routes[url.pathname];
    if (route) {
      res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' });
      res.end(route.body);
      return;
    }
    if (fallback) {
      fallback(req, res, url);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}
export async function launchChromium() {
  const executablePath = CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's chromium or set CHROME_PATH.`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Opens a page that fails the run on any uncaught error or console.error. */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 } } = {}) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** `src/api/memory.ts` (MemoryAccountApi and the fixtures), bundled for Node and imported. */
export async function loadMemoryApi() {
  const code = await bundleScript(`export * from './src/api/memory.ts';`, { platform: 'node' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

export function writeResult(name, data) {
  const dir = join(root, 'bench-results');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nWrote ${relative(process.cwd(), file)}`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const html = (body, script = '/bench.js') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>` +
  `<style>body{margin:0;font:16px system-ui,sans-serif}</style></head>` +
  `<body>${body}<script type="module" src="${script}"></script></body></html>`;
