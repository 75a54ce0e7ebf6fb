// Bundles the demo host page (demo/) into `outDir`: what `npm start` serves and the end-to-end
// tests open.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildDemo(outDir = join(root, 'dist', 'demo')) {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'demo', 'main.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    outdir: outDir,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  await Promise.all(['index.html', 'demo.css'].map((file) => copyFile(join(root, 'demo', file), join(outDir, file))));
  return outDir;
}
