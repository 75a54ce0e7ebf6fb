// Bundles the demo host page (demo/) into `outDir`: what `npm start` serves and the end-to-end
// tests open. `buildPage` does the same for any host page (test/e2e/strict-csp-page/).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles a page's script `entry` (ES modules, lazy chunks split) into `outDir` and copies its static `files` beside it. */
export async function buildPage({ entry, files, outDir, logLevel = 'warning' }) {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    outdir: outDir,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel,
  });
  await Promise.all(files.map((file) => copyFile(file, join(outDir, basename(file)))));
  return outDir;
}

export async function buildDemo(outDir = join(root, 'dist', 'demo')) {
  const demo = join(root, 'demo');
  // The portal (index.html) and the page that places every element itself (elements.html).
  await buildPage({ entry: join(demo, 'main.ts'), files: ['index.html', 'demo.css'].map((file) => join(demo, file)), outDir });
  await buildPage({ entry: join(demo, 'elements.ts'), files: ['elements.html'].map((file) => join(demo, file)), outDir });
  // The server-rendered pricing page's script (server/marketing.ts), built on its own: in a shared
  // chunk, lit-element would run before the hydration support that must precede it.
  return buildPage({ entry: join(demo, 'pricing.ts'), files: [], outDir });
}
