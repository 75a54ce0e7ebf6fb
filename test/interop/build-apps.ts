// Builds the fixture apps against the packed package, each with its framework's own compiler and
// esbuild: React (esbuild's JSX), Vue (@vue/compiler-sfc), Svelte (svelte/compiler), Angular (ngc,
// ahead of time with strictTemplates, then Angular's linker for its partially compiled packages),
// plain HTML (esbuild only). Output: <fixture>/www/<framework>/index.html + main.js (+ chunks).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './pack.js';

export const FRAMEWORKS = ['html', 'react', 'vue', 'svelte', 'angular'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

const appSource = new URL('./apps/', import.meta.url);

const common = (fixture: string, framework: Framework, entry: string): esbuild.BuildOptions => ({
  entryPoints: [entry],
  outdir: join(fixture, 'www', framework),
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['browser', 'development'],
  // Development builds: the frameworks' own warnings (React's prop warnings, ...) reach the console.
  define: {
    'process.env.NODE_ENV': '"development"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  jsx: 'automatic',
  logLevel: 'error',
  sourcemap: false,
});

/** `.vue` files through @vue/compiler-sfc: script setup with the template inlined, acct-* as custom elements. */
function vuePlugin(): esbuild.Plugin {
  return {
    name: 'vue-sfc',
    setup(build) {
      build.onLoad({ filter: /\.vue$/ }, async (args) => {
        const sfc = await import('vue/compiler-sfc');
        const source = readFileSync(args.path, 'utf8');
        const { descriptor, errors } = sfc.parse(source, { filename: args.path });
        if (errors.length) throw new Error(errors.map(String).join('\n'));
        const script = sfc.compileScript(descriptor, {
          id: basename(args.path),
          inlineTemplate: true,
          templateOptions: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('acct-') } },
        });
        return { contents: script.content, loader: 'ts', resolveDir: join(args.path, '..') };
      });
    },
  };
}

/** `.svelte` files through svelte/compiler (client, dev). */
function sveltePlugin(): esbuild.Plugin {
  return {
    name: 'svelte',
    setup(build) {
      build.onLoad({ filter: /\.svelte$/ }, async (args) => {
        const { compile } = await import('svelte/compiler');
        const { js, warnings } = compile(readFileSync(args.path, 'utf8'), { filename: args.path, generate: 'client', dev: true });
        for (const w of warnings) console.warn(`svelte: ${w.message}`);
        return { contents: js.code, loader: 'js', resolveDir: join(args.path, '..') };
      });
    },
  };
}

/**
 * Angular's packages are published partially compiled (ɵɵngDeclare*): its linker (a Babel plugin
 * shipped in @angular/compiler-cli) finishes them, as @angular/build does, so no JIT compiler ships.
 */
function angularLinkerPlugin(): esbuild.Plugin {
  return {
    name: 'angular-linker',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]@angular[\\/].*\.m?js$/ }, async (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes('ɵɵngDeclare')) return { contents: code, loader: 'js' };
        const require = createRequire(join(repoRoot, 'node_modules/@angular/compiler-cli/package.json'));
        const babel = (await import(require.resolve('@babel/core'))) as typeof import('@babel/core');
        const { createEs2015LinkerPlugin } = await import('@angular/compiler-cli/linker/babel');
        const { NodeJSFileSystem, ConsoleLogger, LogLevel } = await import('@angular/compiler-cli');
        const result = await babel.transformAsync(code, {
          filename: args.path,
          babelrc: false,
          configFile: false,
          compact: false,
          sourceMaps: false,
          plugins: [createEs2015LinkerPlugin({ fileSystem: new NodeJSFileSystem(), logger: new ConsoleLogger(LogLevel.warn), linkerJitMode: false })],
        });
        return { contents: result?.code ?? code, loader: 'js' };
      });
    },
  };
}

/** Builds one app; returns the milliseconds it took. */
export async function buildApp(fixture: string, framework: Framework): Promise<number> {
  const t0 = Date.now();
  const apps = join(fixture, 'apps');
  cpSync(appSource, apps, { recursive: true });
  const dir = join(apps, framework);
  mkdirSync(join(fixture, 'www', framework), { recursive: true });
  // The framework apps render into an empty #root; the plain HTML page has the element in its markup.
  const page = existsSync(join(dir, 'index.html')) ? join(dir, 'index.html') : join(apps, 'index.html');
  cpSync(page, join(fixture, 'www', framework, 'index.html'));
  if (framework === 'angular') {
    // ngc: Angular's compiler, ahead of time (templates type-checked), then esbuild + the linker.
    const ngc = join(repoRoot, 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js');
    execFileSync(process.execPath, [ngc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
    await esbuild.build({ ...common(fixture, framework, join(dir, 'out', 'angular', 'main.js')), plugins: [angularLinkerPlugin()] });
  } else {
    const entry = join(dir, framework === 'react' ? 'main.tsx' : 'main.ts');
    const plugins = framework === 'vue' ? [vuePlugin()] : framework === 'svelte' ? [sveltePlugin()] : [];
    await esbuild.build({ ...common(fixture, framework, entry), plugins });
  }
  return Date.now() - t0;
}
