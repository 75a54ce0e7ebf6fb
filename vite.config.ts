import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { transform as transformCss } from 'lightningcss';
import { minifyHTMLLiterals } from 'minify-literals';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * The builds of the library:
 *
 * - `vite build` (the npm package, `dist/`): one ES module per public entry, shared code in
 *   `dist/chunks/`. lit, @lit/*, @lit-labs/*, ky and zod stay external: the host's bundler
 *   resolves them once for the whole page.
 * - `vite build --mode cdn` (`dist/cdn/`): for pages without a build step; minified ES modules
 *   with every dependency included, in two module graphs (docs/performance.md, "The builds"):
 *   - one file per element (`acct-invoice-list.js`, …), `api/memory.js` and `api/http.js`, the code
 *     they share in hashed `chunks/`: two elements on a page load lit and the shared core once;
 *   - `all.js`, every element in one file (built again, as the second step of this mode, by
 *     `--mode cdn-all`), with its own lazy chunks and `all/api/memory.js` in `all/`. One file
 *     because a page with every element pays about 1 kB gzip per extra file (gzip cannot share a
 *     dictionary across responses). It is a graph of its own: use it or the per-element files.
 *   Lazy imports stay lazy in both (the HTTP client, the German strings). `integrity.json` holds
 *   the sha384 of every file, for an import map's `integrity` (README).
 *
 * Both builds minify the insides of our `html`…`` and `css`…`` templates (`minifyTemplates`): a
 * host's bundler minifies the npm build's code but never the text of a template literal, so without
 * it the indentation, newlines and CSS comments of every template reach every page.
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
  'acct-license-summary': 'src/components/license-summary/acct-license-summary.ts',
  'acct-license-purchase': 'src/components/license-purchase/acct-license-purchase.ts',
  'acct-transaction-history': 'src/components/transaction-history/acct-transaction-history.ts',
  'acct-pricing-table': 'src/components/pricing-table/acct-pricing-table.ts',
  'acct-addon-list': 'src/components/addon-list/acct-addon-list.ts',
  'acct-credit-list': 'src/components/credit-list/acct-credit-list.ts',
  'acct-usage-chart': 'src/components/usage-chart/acct-usage-chart.ts',
  'acct-usage-table': 'src/components/usage-table/acct-usage-table.ts',
  'acct-profile': 'src/components/profile/acct-profile.ts',
  'acct-address-book': 'src/components/address-book/acct-address-book.ts',
  'acct-users': 'src/components/users/acct-users.ts',
  'acct-portal': 'src/components/portal/acct-portal.ts',
  'api/memory': 'src/api/memory.ts',
  'api/http': 'src/api/http.ts',
  strings: 'src/strings.ts',
};

/**
 * The CDN's per-element graph: every entry but the root (classes only), all.js and api/http.js
 * (its exports would keep every zod schema in the lazy HTTP client's chunk, about 1 kB gzip more
 * for every page with `api-base`; a page without a build step uses `api-base`).
 */
const cdnEntries = Object.fromEntries(Object.entries(entries).filter(([name]) => !['index', 'all', 'api/http'].includes(name)));
/** The CDN's all.js graph: all.js, the memory API for demos built on it, and the hosts' wording (strings.js). */
const cdnAllEntries = { all: entries.all, 'all/api/memory': entries['api/memory'], 'all/strings': entries.strings };

/** Runtime dependencies the npm build leaves to the host's bundler. */
const external = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|ky|zod)(\/.*)?$/;

/**
 * Per-element CDN graph: the modules elements share (lit, @lit/*, src/core, the API's interface
 * and events; used by at least 2 entries) in one `runtime` chunk instead of a dozen small ones.
 * With ky 1 and the HTTP client in one chunk, 2 beat 4 for the list page (43.5 → 42.3 kB, 7 → 4
 * files) and cost the pay page 2.7 kB (43.6 → 46.3, within its budget). Lazy parts (the HTTP
 * client, schemas, translations, fixtures, the address rules, the roles and the users' rules and
 * words, which only the memory API and the users declarations read: in the runtime they cost every
 * CDN page 0.35 kB) stay out of it.
 */
const lazyModule = /src[\\/]api[\\/](http-api|http[\\/]|schemas[\\/]|memory|fixtures[\\/]|address-rules|roles\.|users\.|user-vocabulary)|node_modules[\\/](ky|zod)[\\/]|src[\\/]locales[\\/](?!locale-codes)/;
/**
 * Shared by the payment elements only (forms, card entry, the write-intent controller): left to the
 * automatic chunking, not in every page's runtime (list page 46.4 → 45.6 kB, pay page 55.7 → 56.1 kB;
 * the write-intent controller: list 42.5 → 41.9, pay 46.4 → 46.8; one `payments` group instead was
 * worse for both, since a group takes its modules' dependencies along; the smaller groups below
 * are not).
 */
const paymentModule = /src[\\/]core[\\/](form-|dialog-styles|hosted-fields|payment-|light-dom|write-intent)|src[\\/]api[\\/](validators|card-details|tokenizer|idempotency)/;
/**
 * Shared by other elements, but not by the invoice list (with its detail), the page with the least
 * room in its budget: the one-request task controller of the other elements and the forms' cancel
 * event, left to the automatic chunking rather than in every page's runtime (list page 42.3 → 42.0 kB,
 * and the cursor lists' controller over it: in the runtime it took the task along, list 42.0 → 42.7;
 * pay page 45.9 → 46.2, one file more); the country names of addresses (the detail and the payment
 * elements: list page 41.4 → 41.3, pay page 45.5 → 45.4); the units of quantities (the detail and
 * the pricing table: in the runtime they cost the list page 0.4 kB); the license elements' words,
 * durations and events (license summary, purchase and transaction history only); the credits' and
 * the usage's words (their elements only: in the runtime they cost every page about 0.1 kB); the
 * roles' and capabilities' words (the profile and the users only), the portal's, the address book's
 * and the users' events and words.
 */
const notListModule =
  /src[\\/]core[\\/](api-task|cursor-list|country-name|units|duration|license-display|quote-time|reload-poll|role-display)|src[\\/]events[\\/](form|license|addon|usage|portal|address|user)-events|src[\\/]api[\\/](licensing|addon|credit|usage|address|user)-vocabulary/;
/**
 * Three groups of the modules above, each one file instead of three or four (gzip pays about 150 B
 * per response, and compresses a group better than its parts): the purchase page went from 16
 * files to 9 with them. Each is loaded only by the pages that need all or most of it:
 * - `payment-display`: how a saved method, its address and a refusal read (the purchase form, the
 *   payment methods, the pay flow's later steps);
 * - `payment-forms`: the form styles, the write-intent controller with its keys, the add form's
 *   loader (the pay flow's and the purchase's first view: pay page 46.1 → 45.8 kB);
 * - `license-words`: the licensing vocabulary, durations and events (license elements and the
 *   pricing table: purchase 50.2 → 50.0 kB, pricing page 29.7 → 30.2).
 * `idempotency` is in `payment-forms`, not in the runtime: no list loads it (list page 42.0 → 41.8),
 * and the HTTP client does not import it (a key is made by the element's intent).
 */
const paymentDisplayModule = /src[\\/]core[\\/](payment-errors|payment-method-display|country-name)|src[\\/]api[\\/]card-details/;
const paymentFormsModule = /src[\\/]core[\\/](form-styles|write-intent|light-dom-child)|src[\\/]components[\\/]payment-method-form[\\/]lazy|src[\\/]api[\\/]idempotency/;
/**
 * The confirmation dialog's styles and the reload poll, shared by the add-on list with the payment
 * methods and the license summary: one small file of their own (in `payment-forms` they cost the
 * purchase page 0.2 kB it has no use for).
 */
const listControlsModule = /src[\\/]core[\\/](dialog-styles|reload-poll)/;
const licenseWordsModule = /src[\\/]core[\\/](duration|license-display|quote-time)|src[\\/]events[\\/]license-events|src[\\/]api[\\/](licensing|addon)-vocabulary/;
const sharedModule = (id: string) =>
  !lazyModule.test(id) && !paymentModule.test(id) && !notListModule.test(id) && /node_modules[\\/]|src[\\/](core|api|events|locales)[\\/]/.test(id);
const RUNTIME_MIN_SHARE = 2;
/**
 * Both graphs: the HTTP client with ky, zod, the schemas and the declarations in one lazy chunk
 * instead of five (list page 44.3 → 43.5 kB, every element 77.3 → 76.3). Not `path-id`, the memory
 * API's one import from the declarations (a group takes its modules' dependencies along, so it is
 * in the runtime / shared group, which comes first). Not `field-errors`, which only the memory API
 * loads (lazily): in the group it is a namespace object the client's chunk carries on every page
 * (CDN list 41.3 → 41.2 kB, all 71.0 → 70.9); alone it is a small chunk of its own.
 */
const httpModule = (id: string) =>
  !/path-id|field-errors/.test(id) && !licensingApiModule.test(id) && /node_modules[\\/](ky|zod)[\\/]|src[\\/]api[\\/](http-api|http[\\/]|schemas[\\/]|operations[\\/])/.test(id);
/**
 * The licensing declarations and their schemas (pricing, licenses, quotes, orders, the ledger and credits, add-ons,
 * usage, users): the HTTP client loads them with the first call of their group (operations/groups.ts), so they are lazy
 * chunks rather than part of the client every billing page downloads. Per element, one chunk per
 * group of operations (`licensing-api`, `ledger-api`, `pricing-api`: the purchase page does not load
 * the ledger's and the catalogue's, 50.0 → 49.6 kB; `addons-api`, `usage-api`, `profile-api`, the billing writes' `billing-writes-api`,
 * and `users-api`: in the client's chunk the users' cost every CDN page 0.8 kB; the address book in
 * `ledger-api`, as operations/ledger.ts says: in the client's chunk it cost every page with `api-base`
 * 1.0 kB); in all.js, where one page calls them all, one.
 */
const licensingApiModule = /src[\\/]api[\\/](schemas[\\/](pricing|license|transaction|addon|credit|usage|account-profile|billing-input|user|address)|operations[\\/](licenses|transactions|pricing|addons|credits|ledger|usage|profile|billing-writes|users|addresses))\./;
/**
 * all.js graph: all.js itself is the chunk its lazy chunks (the HTTP client, translations, the pay
 * flow's later steps, …) and `all/api/memory.js` import from, instead of a `shared` chunk beside
 * it: a group with the entry module takes its static imports along, and `allow-extension` (below)
 * lets the entry chunk export what they need rather than become a facade. One response instead of
 * three (all.js, shared, rolldown's runtime helper): every element on one page 73.7 → 71.6 kB, with
 * the memory API 64.3 → 62.3. `path-id` is the memory API's one import from the declarations: in
 * the group, else it goes to the HTTP client's chunk and the memory API loads that.
 */
const allEntryModule = /src[\\/](all|api[\\/]operations[\\/]path-id)\.ts$/;

/**
 * No comments in the CDN output: the minifier keeps `@__PURE__` annotations by default, hundreds of
 * them (zod's schema builders), which no later step reads (list page 41.9 → 41.5 kB, all page 71.6
 * → 71.1, the HTTP client's chunk 52 instead of 57 kB). The npm build keeps them for the host's
 * bundler.
 */
const cdnComments = false;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .filter((f) => f !== 'integrity.json')
    .sort();
}

/**
 * The last step of the CDN build: `integrity.json`, `{ "<file>": "sha384-…" }` for every file in
 * the output directory (both graphs, source maps included).
 */
function integrity(): Plugin {
  let outDir = '';
  return {
    name: 'account-elements:integrity',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const hashes = Object.fromEntries(
        filesUnder(outDir).map((f) => [f, `sha384-${createHash('sha384').update(readFileSync(join(outDir, f))).digest('base64')}`]),
      );
      writeFileSync(join(outDir, 'integrity.json'), `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

/**
 * html-minifier-next (through minify-literals) for `html` and `svg` templates, kept conservative:
 * whitespace collapses to one space but never disappears (so text like `${amount} due` and the
 * space between inline elements stay), `pre`/`textarea` are left alone, comments, entities,
 * attribute quotes and empty attributes stay as written, `caseSensitive` keeps `.someProp`.
 */
const htmlOptions = {
  caseSensitive: true,
  collapseWhitespace: true,
  conservativeCollapse: true,
  partialMarkup: true,
  removeComments: false,
  decodeEntities: false,
  removeEmptyAttributes: false,
  removeDefaultTypeAttributes: false,
  useShortDoctype: false,
  minifyCSS: false,
  minifyJS: false,
};

/**
 * `css` templates: Lightning CSS; where it cannot parse the template with an expression's
 * placeholder in it (a length in `@container (max-width: ${…})`), comments and whitespace only
 * (never next to anything but `{`, `;`, `}`, so selectors like `a :is(b)` keep their meaning).
 */
function minifyCss(text: string): string {
  try {
    return transformCss({ filename: 'template.css', code: Buffer.from(text), minify: true }).code.toString();
  } catch {
    return text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};])\s*/g, '$1')
      .trim();
  }
}

/**
 * Minifies the text of the `html`, `svg` and `css` template literals in `src/**` (not
 * node_modules: Lit ships minified), with a source map. minify-literals leaves a file's CSS alone
 * when the file mentions `unsafeCSS` (the value is not visible at build time); ours are lengths
 * fixed by the element, which `minifyCss` keeps in place, so the name is hidden from that check
 * (same length: positions and the map do not move).
 */
function minifyTemplates(): Plugin {
  const hidden = 'unsafeCS$';
  let srcDir = '';
  return {
    name: 'account-elements:minify-templates',
    apply: 'build',
    configResolved(config) {
      srcDir = join(config.root, 'src');
    },
    transform: {
      filter: { id: { include: /[\\/]src[\\/].*\.ts$/, exclude: /node_modules/ } },
      async handler(code, id) {
        if (!id.startsWith(srcDir) || !/(html|svg|css)`/i.test(code) || code.includes(hidden)) return null;
        const source = code.replaceAll('unsafeCSS', () => hidden);
        const result = await minifyHTMLLiterals(source, { fileName: id, html: htmlOptions, css: minifyCss });
        if (!result) return null;
        return { code: result.code.replaceAll(hidden, () => 'unsafeCSS'), map: result.map };
      },
    },
  };
}

/** After the per-element graph: builds the all.js graph into the same directory. */
function thenAllGraph(): Plugin {
  let outDir = '';
  let configFile: string | undefined;
  return {
    name: 'account-elements:cdn-all',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      configFile = config.configFile;
    },
    async closeBundle() {
      await build({ configFile, mode: 'cdn-all', logLevel: 'warn', build: { outDir, emptyOutDir: false } });
    },
  };
}

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn' || mode === 'cdn-all';
  const all = mode === 'cdn-all';
  return {
    oxc: {
      decorator: { legacy: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
    },
    plugins: [minifyTemplates(), ...(mode === 'cdn' ? [thenAllGraph()] : all ? [integrity()] : [])],
    build: {
      target: 'es2022',
      outDir: cdn ? 'dist/cdn' : 'dist',
      emptyOutDir: !all,
      sourcemap: true,
      // The npm build stays readable: the host's bundler minifies it with the rest of the page.
      // (Lib mode keeps whitespace in ES output even with `minify`; the CDN output sets it again.)
      minify: cdn,
      copyPublicDir: false,
      lib: {
        entry: all ? cdnAllEntries : cdn ? cdnEntries : entries,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: cdn ? [] : (id: string) => external.test(id),
        // all.js exports, besides its API, what its own chunks import from it (`allEntryModule`).
        ...(all ? { preserveEntrySignatures: 'allow-extension' as const } : {}),
        // In all.js every element is in the one file, so the list's lazy import of the detail is not
        // lazy there (it is in the per-element graph and in a host's bundle): expected, not news.
        onLog(level, log, handler) {
          if (all && log.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
          handler(level, log);
        },
        output: all
          ? {
              minify: true,
              comments: cdnComments,
              chunkFileNames: 'all/[name]-[hash].js',
              codeSplitting: {
                groups: [
                  { name: 'all', test: allEntryModule, priority: 2 },
                  { name: 'http-api', test: httpModule, priority: 1 },
                  { name: 'licensing-api', test: (id: string) => licensingApiModule.test(id), priority: 1 },
                ],
              },
            }
          : cdn
            ? {
                minify: true,
                comments: cdnComments,
                chunkFileNames: 'chunks/[name]-[hash].js',
                codeSplitting: {
                  groups: [
                    { name: 'runtime', test: sharedModule, minShareCount: RUNTIME_MIN_SHARE, priority: 2 },
                    { name: 'payment-display', test: (id: string) => paymentDisplayModule.test(id), priority: 1 },
                    { name: 'payment-forms', test: (id: string) => paymentFormsModule.test(id), priority: 1 },
                    { name: 'list-controls', test: (id: string) => listControlsModule.test(id), priority: 1 },
                    { name: 'license-words', test: (id: string) => licenseWordsModule.test(id), priority: 1 },
                    { name: 'http-api', test: httpModule, priority: 1 },
                    // By the file's name (a checkout's folder may be called `addresses` or `users`).
                    ...(
                      [
                        ['licensing-api', /license/],
                        ['ledger-api', /transaction|credit|ledger|address/],
                        ['pricing-api', /pricing/],
                        ['addons-api', /addon/],
                        ['usage-api', /usage/],
                        ['profile-api', /profile/],
                        ['billing-writes-api', /billing-/],
                        ['users-api', /user/],
                      ] as const
                    ).map(([name, file]) => ({ name, test: (id: string) => licensingApiModule.test(id) && file.test(id.split(/[\\/]/).pop()!), priority: 1 })),
                  ],
                },
              }
            : { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
