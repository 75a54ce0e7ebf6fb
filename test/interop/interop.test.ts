// Interop: the packed package (npm pack of the built library, unpacked as a host's
// node_modules/account-elements) in the apps of React 19, Vue 3, Svelte 5, Angular 21 and plain
// HTML, built with each framework's compiler, in headless Chromium; and the type probes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { packPackage, repoRoot } from './pack.js';
import { buildApp, FRAMEWORKS, type Framework } from './build-apps.js';
import { expectedErrors, probeCompiler, writeProbes } from './probes.js';
import { indentedCdnLines, indentedNpmTemplates } from './templates.js';

const { root: fixture, ms } = packPackage();
console.log(`interop: build ${ms.build} ms, pack ${ms.pack} ms`);

describe('type probes (tsc against the packed package)', () => {
  const probes = writeProbes(fixture);
  const compile = probeCompiler(fixture);
  for (const probe of probes) {
    it(`${probe.name}: valid uses compile, ${probe.files.reduce((n, f) => n + expectedErrors(f), 0)} wrong uses fail`, () => {
      const diagnostics = compile(probe.files);
      assert.deepEqual(diagnostics, [], diagnostics.join('\n'));
    });
  }

  // Vue templates need Vue's own checker: vue-tsc reads GlobalComponents as a host's editor does.
  const vueProbe = join(fixture, 'probes', 'vue-template');
  it(`vue templates (vue-tsc): valid uses compile, ${expectedErrors(join(vueProbe, 'Probe.vue'), /@vue-expect-error/g)} wrong uses fail`, () => {
    const vueTsc = join(repoRoot, 'node_modules/vue-tsc/bin/vue-tsc.js');
    const result = spawnSync(process.execPath, [vueTsc, '-p', join(vueProbe, 'tsconfig.json')], { cwd: vueProbe, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});

describe('the packed builds: template text is minified (vite.config.ts, minifyTemplates)', () => {
  const dist = join(fixture, 'node_modules', 'account-elements', 'dist');
  it('npm build: no tagged template starts with a line break and indentation', () => {
    const { templates, indented } = indentedNpmTemplates(dist);
    assert.ok(templates > 50, `found the templates (${templates})`);
    assert.deepEqual(indented, []);
  });
  it('CDN build: no line break and indentation in any file', () => {
    const { files, indented } = indentedCdnLines(join(dist, 'cdn'));
    assert.ok(files > 10, `found the files (${files})`);
    assert.deepEqual(indented.slice(0, 5), [], `${indented.length} places`);
  });
});

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
let server: Server;
let origin: string;
let browser: Browser;
const built = new Map<Framework, Promise<number>>();

before(async () => {
  // One app after the other: the machine is small, and the builds are a few seconds each.
  let chain = Promise.resolve(0);
  for (const framework of FRAMEWORKS) {
    chain = chain.then(() => buildApp(fixture, framework));
    built.set(framework, chain);
  }
  const www = join(fixture, 'www');
  server = createServer((req, res) => {
    const path = normalize(join(www, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.startsWith(www) && existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(www) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A page of one app, collecting console errors and page errors. */
async function open(framework: Framework, query = '') {
  console.log(`${framework} app built in ${await built.get(framework)} ms`);
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${origin}/${framework}/${query}`);
  await page.waitForFunction(() => window.__interop?.ready === true);
  return { page, problems };
}

const rows = (page: Page) => page.locator('acct-invoice-list .body [role="row"]');

/** What the element received: its api property, attributes and what it shows. */
const inspect = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('acct-invoice-list')!;
    const statuses = [...(list.shadowRoot?.querySelectorAll('[part="status"]') ?? [])].map((s) => s.textContent?.trim());
    return {
      defined: customElements.get('acct-invoice-list') === list.constructor,
      apiIsTheObject: list.api === window.__interop.api,
      apiAttribute: list.getAttribute('api'),
      filter: list.filter,
      pageSize: list.pageSize,
      statuses,
    };
  });

async function expectRendered(page: Page) {
  await rows(page).first().waitFor();
  const seen = await inspect(page);
  assert.equal(seen.defined, true, 'the element is upgraded');
  assert.equal(seen.apiIsTheObject, true, 'api reached the element as a property (the same MemoryAccountApi)');
  assert.equal(seen.apiAttribute, null, 'no api attribute');
  assert.equal(seen.filter, 'open', 'filter attribute');
  assert.equal(seen.pageSize, 5, 'page-size attribute');
  assert.ok(seen.statuses.length > 0 && seen.statuses.length <= 5, `at most page-size rows: ${seen.statuses.length}`);
  assert.ok(seen.statuses.every((s) => s === 'Open' || s === 'Overdue'), `only open invoices: ${seen.statuses.join(', ')}`);
}

/** Clicks View on the first row; the framework's handler must receive acct-invoice-view for it. */
async function expectEvent(page: Page, count: number) {
  await rows(page).first().locator('[part="view-button"]').click();
  await page.waitForFunction((n) => window.__interop.events.length >= n, count);
  const events = await page.evaluate(() => window.__interop.events);
  assert.equal(events.length, count, 'one handler call per click');
  const last = events.at(-1)!;
  assert.equal(last.type, 'acct-invoice-view');
  assert.match(last.invoiceId, /\S/);
  assert.equal(last.trusted, true, 'the DOM event itself');
}

for (const framework of FRAMEWORKS) {
  describe(`${framework} host`, () => {
    it('renders; the api property and the filter and page-size attributes reach the element', async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("the license elements: the api property and their attributes reach them; Buy more reaches the framework's handler", async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() =>
        ['acct-license-summary', 'acct-transaction-history'].every((tag) => document.querySelector(tag)?.matches(':state(populated)')) &&
        !!document.querySelector('acct-license-purchase')?.shadowRoot?.querySelector('[part~="quote"]'),
      );
      const seen = await page.evaluate(() => {
        const history = document.querySelector('acct-transaction-history')!;
        const purchase = document.querySelector('acct-license-purchase')!;
        return {
          apis: ['acct-license-summary', 'acct-license-purchase', 'acct-transaction-history'].map((tag) => (document.querySelector(tag) as unknown as { api: unknown }).api === window.__interop.api),
          type: history.type,
          product: purchase.productId,
          heading: purchase.shadowRoot!.querySelector('[part~="heading"]')?.textContent?.trim(),
          types: [...history.shadowRoot!.querySelectorAll('.body [role="row"] [role="cell"]:nth-child(2)')].map((c) => c.textContent?.trim()),
        };
      });
      assert.deepEqual(seen.apis, [true, true, true], 'api reached every license element as a property');
      assert.equal(seen.type, 'payment');
      assert.equal(seen.product, 'prod_analytics');
      assert.match(seen.heading ?? '', /Analytics/);
      assert.ok(seen.types.length > 0 && seen.types.every((t) => t?.includes('Payment')), `only payments: ${seen.types.join(', ')}`);
      await page.locator('acct-license-summary [part~="buy-button"]').first().click();
      await page.waitForFunction(() => window.__interop.purchases.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__interop.purchases), ['prod_workspace']);
      // acct-pricing-table: the api property (the current plan is known), attributes, and a call to action to the framework's handler.
      await page.waitForFunction(() => document.querySelector('acct-pricing-table')?.matches(':state(populated)'));
      const pricing = await page.evaluate(() => {
        const table = document.querySelector('acct-pricing-table')!;
        return { api: (table as unknown as { api: unknown }).api === window.__interop.api, quantity: table.quantity, text: table.shadowRoot!.textContent ?? '' };
      });
      assert.equal(pricing.api, true);
      assert.equal(pricing.quantity, 12);
      assert.match(pricing.text, /Current plan/);
      await page.locator('acct-pricing-table button[part="cta"]:not([disabled])').first().click();
      await page.waitForFunction(() => window.__interop.plans.length === 1);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("the add-on list: the api property and layout reach it; a confirmed Enable reaches the framework's handler", async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() => document.querySelector('acct-addon-list')?.matches(':state(populated)'));
      const seen = await page.evaluate(() => {
        const list = document.querySelector('acct-addon-list')!;
        return { api: (list as unknown as { api: unknown }).api === window.__interop.api, layout: list.layout, cards: list.getAttribute('layout') };
      });
      assert.deepEqual(seen, { api: true, layout: 'cards', cards: 'cards' });
      const audit = page.locator('acct-addon-list [part~="addon"]', { hasText: 'Audit log export' }).first();
      await audit.locator('[part~="enable-button"]').click();
      await page.waitForFunction(() => !!document.querySelector('acct-addon-list')!.shadowRoot!.querySelector('dialog[open] [part~="preview"]'));
      await page.locator('acct-addon-list [part~="confirm-button"]').click();
      await page.waitForFunction(() => window.__interop.addonChanges.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__interop.addonChanges), ['enable:Audit log export']);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('the credit list: the api property, status and page size reach it; a disabled add-on’s credit shows in the list of every credit', async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() => document.querySelector('acct-credit-list')?.matches(':state(empty)'));
      const seen = await page.evaluate(() => {
        const list = document.querySelector('acct-credit-list')!;
        return { api: (list as unknown as { api: unknown }).api === window.__interop.api, status: list.status, pageSize: list.pageSize };
      });
      assert.deepEqual(seen, { api: true, status: 'available', pageSize: 5 });
      // Through the same api the framework passed: a credit appears without a reload of the page.
      await page.evaluate(async () => {
        const api = window.__interop.api;
        const preview = await api.previewAddonChange('addon_typical_priority_support', { action: 'disable' }, { idempotencyKey: 'interop-preview' });
        await api.disableAddon('addon_typical_priority_support', { preview_id: preview.id }, { idempotencyKey: 'interop-disable' });
      });
      // It paid the open invoices off (nothing of it is left to list as available); every credit lists it.
      await page.evaluate(() => (document.querySelector('acct-credit-list')!.status = 'all'));
      await page.waitForFunction(() => document.querySelector('acct-credit-list')!.shadowRoot!.textContent!.includes('Priority support disabled'));
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("the usage chart and table: api, columns (an array property) and page size reach them; sorting and a column choice reach the framework's handlers", async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() => document.querySelector('acct-usage-table')?.matches(':state(populated)'));
      const seen = await page.evaluate(() => {
        const table = document.querySelector('acct-usage-table')!;
        const headers = [...table.shadowRoot!.querySelectorAll('.head [role="columnheader"]')].map((h) => h.textContent!.replace(/[▲▼↕]/g, '').trim());
        return { api: (table as unknown as { api: unknown }).api === window.__interop.api, columns: table.columns, pageSize: table.pageSize, headers };
      });
      assert.deepEqual(seen, { api: true, columns: ['date', 'description', 'metric', 'quantity', 'unit'], pageSize: 200, headers: ['Date', 'Description', 'Metric', 'Quantity', 'Unit'] });
      await page.locator('acct-usage-table [part="sort-button"][data-sort="quantity"]').click();
      await page.waitForFunction(() => window.__interop.usageQueries.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__interop.usageQueries), ['-quantity']);
      await page.locator('acct-usage-table [part="columns-button"]').click();
      await page.locator('acct-usage-table [data-column="unit"] input').click();
      await page.waitForFunction(() => window.__interop.columnChanges.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__interop.columnChanges), ['date,description,metric,quantity']);
      // The chart draws once scrolled into view: weekly bars of the metric the framework set.
      const chart = page.locator('acct-usage-chart');
      await chart.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => (document.querySelector('acct-usage-chart')!.shadowRoot!.querySelectorAll('[part~="bar"]').length ?? 0) > 0);
      const drawn = await page.evaluate(() => {
        const el = document.querySelector('acct-usage-chart')!;
        return { api: (el as unknown as { api: unknown }).api === window.__interop.api, metric: el.metric, interval: el.interval, heading: el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim() };
      });
      assert.deepEqual({ ...drawn, heading: undefined }, { api: true, metric: 'api_requests', interval: 'week', heading: undefined });
      assert.match(drawn.heading, /API requests/);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('the profile: the api property, contact-url and heading-level reach it; it shows the account', async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() => document.querySelector('acct-profile')?.matches(':state(populated)'));
      const seen = await page.evaluate(() => {
        const el = document.querySelector('acct-profile')!;
        const root = el.shadowRoot!;
        return {
          api: (el as unknown as { api: unknown }).api === window.__interop.api,
          headingLevel: el.headingLevel,
          level: root.querySelector('[part~="heading"]')!.getAttribute('aria-level'),
          contact: root.querySelector<HTMLAnchorElement>('[part~="contact-link"]')!.href,
          company: root.querySelector('[part~="facts"] dd')!.textContent!.trim(),
        };
      });
      assert.deepEqual(seen, { api: true, headingLevel: 3, level: '3', contact: 'https://example.com/am', company: 'Northwind Traders' });
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("the portal: the api property and sections reach it; its navigation reaches the framework's handler and shows the section", async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await page.waitForFunction(() => !!document.querySelector('acct-portal')?.shadowRoot?.querySelector('acct-account-summary')?.matches(':state(populated)'));
      const links = await page.locator('acct-portal [part~="nav-link"]').allInnerTexts();
      assert.deepEqual(links, ['Overview', 'Profile']);
      await page.locator('acct-portal [part~="nav-link"]', { hasText: 'Profile' }).click();
      await page.waitForFunction(() => window.__interop.navigations.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__interop.navigations), ['overview>profile']);
      await page.waitForFunction(() => !!document.querySelector('acct-portal')!.shadowRoot!.querySelector('acct-profile')?.matches(':state(populated)'));
      assert.equal(await page.evaluate(() => (document.querySelector('acct-portal') as unknown as { api: unknown }).api === window.__interop.api), true);
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('the address book and the users: the api property and heading-level reach them; they show the account’s addresses and people', async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      for (const tag of ['acct-address-book', 'acct-users']) {
        await page.waitForFunction((t) => document.querySelector(t)?.matches(':state(populated)'), tag);
        const seen = await page.evaluate((t) => {
          const el = document.querySelector(t) as HTMLElement & { api: unknown; headingLevel: number };
          return { api: el.api === window.__interop.api, headingLevel: el.headingLevel };
        }, tag);
        assert.deepEqual(seen, { api: true, headingLevel: 3 }, tag);
      }
      assert.match(await page.locator('acct-address-book [part~="entry"]').first().innerText(), /\w/);
      assert.ok((await page.locator('acct-users [part~="row"]').count()) > 0, 'people listed');
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("events reach the framework's handler", async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      await expectEvent(page, 1);
      assert.deepEqual(problems, []);
      await page.close();
    });

    // React 19 and Vue set a prop as an attribute on an element that is not defined yet; Svelte,
    // Angular's [api] and a plain property assignment set the property, which Lit keeps until upgrade.
    const stringifies = framework === 'react' || framework === 'vue';
    it(
      stringifies
        ? 'registered after the first render: says so on screen and in the console, with the fix'
        : 'registered after the first render: still gets the api property',
      async () => {
        const { page, problems } = await open(framework, '?late');
        if (!stringifies) {
          await expectRendered(page);
          assert.deepEqual(problems, []);
        } else {
          const error = page.locator('acct-invoice-list [part="error"]');
          await error.waitFor();
          const text = await error.innerText();
          assert.match(text, /<acct-invoice-list> was registered after your framework rendered it/);
          assert.match(text, /account-elements\/acct-invoice-list\.js.*before the first render, or bind api as a property/);
          assert.equal(await page.evaluate(() => document.querySelector('acct-invoice-list')!.getAttribute('api')), '[object Object]');
          assert.equal(problems.length, 1, problems.join('\n'));
          assert.match(problems[0], /"api" attribute is "\[object Object\]".*before the first render, or set api as a property/);
        }
        await page.close();
      },
    );

    it('unmount and remount leave no errors', async () => {
      const { page, problems } = await open(framework);
      await expectRendered(page);
      for (let round = 1; round <= 2; round++) {
        await page.evaluate(() => window.__interop.unmount());
        await page.waitForFunction(() => !document.querySelector('acct-invoice-list'));
        await page.evaluate(() => window.__interop.mount());
        await expectRendered(page);
        await expectEvent(page, round);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  });
}
