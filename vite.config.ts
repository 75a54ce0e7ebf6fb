import { defineConfig } from 'vite';

/**
 * Two builds of the library:
 *
 * - `vite build` (the npm package, `dist/`): one ES module per public entry, shared code in
 *   `dist/chunks/`. lit, @lit/*, @lit-labs/*, ky and zod stay external: the host's bundler
 *   resolves them once for the whole page.
 * - `vite build --mode cdn` (`dist/cdn/all.js`): everything, dependencies and translations
 *   included, in one minified file that a page loads with a single `<script type="module">`.
 *   Lazy imports (German strings, the HTTP client) are inlined so the file can be copied
 *   anywhere alone (docs/performance.md).
 *
 * Decorators: the sources use TypeScript's experimental decorators with
 * `useDefineForClassFields: false` (see tsconfig.json). They are lowered explicitly here, because
 * standard decorators left in the output are a syntax error in today's browsers.
 */

const entries = {
  index: 'src/index.ts',
  all: 'src/all.ts',
  'acct-provider': 'src/components/provider/acct-provider.ts',
  'acct-invoice-list': 'src/components/invoice-list/acct-invoice-list.ts',
  'acct-invoice-detail': 'src/components/invoice-detail/acct-invoice-detail.ts',
  'acct-account-summary': 'src/components/account-summary/acct-account-summary.ts',
  'acct-pay-invoice': 'src/components/pay-invoice/acct-pay-invoice.ts',
  'acct-payment-methods': 'src/components/payment-methods/acct-payment-methods.ts',
  'acct-payment-method-form': 'src/components/payment-method-form/acct-payment-method-form.ts',
  'acct-autopay-toggle': 'src/components/autopay-toggle/acct-autopay-toggle.ts',
  'acct-payment-history': 'src/components/payment-history/acct-payment-history.ts',
  'api/memory': 'src/api/memory.ts',
  'api/http': 'src/api/http.ts',
};

/** Runtime dependencies the npm build leaves to the host's bundler. */
const external = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|ky|zod)(\/.*)?$/;

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  return {
    oxc: {
      decorator: { legacy: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
    },
    build: {
      target: 'es2022',
      outDir: cdn ? 'dist/cdn' : 'dist',
      emptyOutDir: true,
      sourcemap: true,
      // The npm build stays readable: the host's bundler minifies it with the rest of the page.
      // (Lib mode keeps whitespace in ES output even with `minify`; the CDN output sets it again.)
      minify: cdn,
      copyPublicDir: false,
      lib: {
        entry: cdn ? { all: entries.all } : entries,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: cdn ? [] : (id: string) => external.test(id),
        output: cdn
          ? { codeSplitting: false, minify: true }
          : { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
