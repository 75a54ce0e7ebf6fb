#!/usr/bin/env node
// `npm start`: bundles the demo host page and serves it. Until the reference server lands, the
// demo runs on MemoryAccountApi in the browser; nothing else to install or start.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'demo');
await mkdir(out, { recursive: true });
const started = performance.now();
await build({
  entryPoints: [join(root, 'demo', 'main.ts')],
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  target: 'es2022',
  outdir: out,
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const port = Number(process.env.PORT || 8080);
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = path === '/' ? '/index.html' : path;
  const dir = file.endsWith('.js') ? out : join(root, 'demo');
  try {
    const body = await readFile(join(dir, file));
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Account Elements demo: http://localhost:${port}/  (built in ${Math.round(performance.now() - started)} ms)`);
});
