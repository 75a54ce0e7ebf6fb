import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import type { InvalidationListener } from '../../src/api/account-api.js';
import type { MemoryAccountApi, MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import type { Pricing } from '../../src/api/schemas/pricing.js';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/pricing-table/acct-pricing-table.js';
import type { AcctPricingTable } from '../../src/components/pricing-table/pricing-table.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import type { AcctPlanSelectEvent } from '../../src/events/pricing-events.js';
import * as stories from '../../stories/pricing-table.stories.js';
import { checkStoryAppearance, storyNames } from '../helpers/run-stories.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { scenario } from '../api/http-helpers.js';
import { $, $$, accountApi, capturingConsoleErrors, hasState, mountIdle, record, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctPricingTable>(template, idle);

/** A marketing page's api: the catalogue, and a 401 for the licenses (no token). */
function publicApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return accountApi({
    ...options,
    fail: (operation, index) =>
      operation === 'listLicenses' ? new ApiError('unauthorized', 'no token', { status: 401 }) : options.fail?.(operation, index),
  });
}

function catalogueWith(change: (pricing: Pricing) => void): Pricing {
  const pricing = structuredClone(CATALOGUE);
  change(pricing);
  return pricing;
}

/** As `text()` reads it: no-break spaces folded. */
const folded = (value: string) => value.replace(/\s+/g, ' ');
const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

const cards = (el: Element) => $$(el, '[part~="plan"]');
const card = (el: Element, name: string) => cards(el).find((c) => text(c.querySelector('h3')) === name)!;
/** The big figure of each plan ("$45.00"), or its text when it has none ("Price on request"). */
const amounts = (el: Element) => cards(el).map((c) => text(c.querySelector('.amount .num') ?? c.querySelector('.contact')));
const cta = (el: Element, name: string) => card(el, name).querySelector<HTMLElement>('[part="cta"]')!;

async function typeQuantity(el: AcctPricingTable, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '[part="quantity"]')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('acct-pricing-table: plans and estimates', () => {
  it('populated: four plans, the highlighted one marked, estimates for the default quantity (the highlighted plan\'s minimum)', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi()}></acct-pricing-table>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect(cards(el).map((c) => text(c.querySelector('h3')))).to.deep.equal(['Starter', 'Team', 'Business', 'Enterprise']);
    expect($<HTMLInputElement>(el, '[part="quantity"]')!.value).to.equal('3');
    // per seat 3 × $8; graduated 3 × $15; volume at its minimum 10 × $25; contact sales.
    expect(amounts(el)).to.deep.equal([usd(2400), usd(4500), usd(25000), 'Price on request']);
    expect(text(card(el, 'Starter').querySelector('[part="price"]'))).to.contain('Estimated for 3 seats').and.contain(`From ${usd(800)} per seat per month`);
    expect(text(card(el, 'Business').querySelector('[part="price"]'))).to.contain("Estimated for 10 seats, the plan's minimum");
    const team = card(el, 'Team');
    expect(team.getAttribute('part')).to.equal('plan highlighted');
    expect(text(team.querySelector('[part="badge"]'))).to.equal('Most popular');
    expect(text(cta(el, 'Team'))).to.equal('Choose Team');
    expect(cta(el, 'Team').classList.contains('primary')).to.be.true;
    expect(text(cta(el, 'Enterprise'))).to.equal('Contact sales about Enterprise');
    expect(text($(el, '[role="status"]'))).to.equal('4 plans');
    await expect(el).to.be.accessible();
  });

  it('each scheme at larger quantities: per seat, graduated (each seat its tier), volume (every seat the tier of the count)', async () => {
    const el = await mount(html`<acct-pricing-table quantity="60" .api=${publicApi()}></acct-pricing-table>`);
    // Starter sells 20 at most: it says so, and its call to action is off.
    expect(amounts(el)[0]).to.equal('Up to 20 seats');
    expect(cta(el, 'Starter').hasAttribute('disabled')).to.be.true;
    // 10 × $15 + 40 × $12 + 10 × $10; 60 × $25.
    expect(amounts(el).slice(1, 3)).to.deep.equal([usd(73000), usd(150000)]);
    await typeQuantity(el, '120');
    // Volume: all 120 at the second tier's $22.
    expect(amounts(el)[2]).to.equal(usd(120 * 2200));
  });

  it('tiered: one price per band of viewers, the band named', async () => {
    const el = await mount(html`<acct-pricing-table product="prod_analytics" quantity="30" .api=${publicApi()}></acct-pricing-table>`);
    expect(amounts(el)).to.deep.equal([usd(39900)]);
    expect(text($(el, '[part="price"]'))).to.contain('Estimated for 30 viewers').and.contain('One price for 26 to 100 viewers');
    await typeQuantity(el, '5');
    expect(amounts(el)).to.deep.equal([usd(4900)]);
    expect(text($(el, '[part="price"]'))).to.contain('One price for 1 to 5 viewers');
    expect(text($(el, '.hint'))).to.equal('1 to 250 viewers');
  });

  it('a price scheme it does not know, or no price in the currency, is "Price on request" and "Contact sales", never a number', async () => {
    const pricing = catalogueWith((p) => {
      for (const price of p.products[0].plans[0].prices) price.scheme = 'metered';
      p.products[0].plans[1].prices = p.products[0].plans[1].prices.filter((price) => price.currency !== 'EUR');
    });
    const el = await mount(html`<acct-pricing-table currency="EUR" .api=${publicApi({ pricing })}></acct-pricing-table>`);
    expect(amounts(el).slice(0, 2)).to.deep.equal(['Price on request', 'Price on request']);
    expect(text(card(el, 'Starter').querySelector('[part="price"]'))).to.not.match(/\d/);
    expect(text(cta(el, 'Starter'))).to.equal('Contact sales about Starter');
    await expect(el).to.be.accessible();
  });

  it('feature comparison: a real table, features as rows (th scope=row), plans as columns (th scope=col), included/not included in words', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi()}></acct-pricing-table>`);
    const table = $<HTMLTableElement>(el, 'table[part="features"]')!;
    expect(text(table.caption)).to.equal('Compare plans');
    const heads = [...table.tHead!.rows[0].cells];
    expect(heads.map((th) => [th.localName, th.getAttribute('scope'), text(th)])).to.deep.equal([
      ['th', 'col', 'Feature'],
      ['th', 'col', 'Starter'],
      ['th', 'col', 'Team'],
      ['th', 'col', 'Business'],
      ['th', 'col', 'Enterprise'],
    ]);
    const rows = [...table.tBodies[0].rows];
    expect(rows.map((row) => [row.cells[0].localName, row.cells[0].getAttribute('scope'), text(row.cells[0])])).to.deep.equal(
      CATALOGUE.products[0].features.map((f) => ['th', 'row', f.name]),
    );
    const sso = rows.find((row) => text(row.cells[0]) === 'Single sign-on')!;
    // The icon is hidden from assistive tech; its words are not.
    expect([...sso.cells].slice(1).map((cell) => text(cell.querySelector('.visually-hidden')))).to.deep.equal(['Not included', 'Included', 'Included', 'Included']);
    expect(sso.cells[1].querySelector('[aria-hidden="true"]')).to.not.be.null;
    expect(text(rows.find((row) => text(row.cells[0]) === 'Storage')!.cells[2])).to.equal('100 GB');
  });

  it('highlight: the plan named by the attribute instead of the catalogue\'s', async () => {
    const el = await mount(html`<acct-pricing-table highlight="plan_business" .api=${publicApi()}></acct-pricing-table>`);
    expect(cards(el).filter((c) => c.classList.contains('highlighted')).map((c) => text(c.querySelector('h3')))).to.deep.equal(['Business']);
    expect($$(el, '.cta.primary').map((b) => text(b))).to.deep.equal(['Choose Business']);
  });
});

describe('acct-pricing-table: interval, currency, quantity', () => {
  it('the interval switch is a labelled radio group; yearly shows yearly prices, what each plan saves, and the switch the best saving', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi()}></acct-pricing-table>`);
    const group = $<HTMLFieldSetElement>(el, 'fieldset[part="interval"]')!;
    expect(text(group.querySelector('legend'))).to.equal('Billing period');
    const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => [r.value, r.checked, r.name])).to.deep.equal([
      ['month', true, 'interval'],
      ['year', false, 'interval'],
    ]);
    expect(text(radios[1].closest('label'))).to.equal('Yearly Save up to 17%');
    radios[1].click();
    await el.updateComplete;
    expect(el.interval).to.equal('year');
    // A year is ten months: 3 seats × $80.
    expect(amounts(el)[0]).to.equal(usd(24000));
    expect(text(card(el, 'Starter').querySelector('.per'))).to.equal('per year');
    expect(text(card(el, 'Starter').querySelector('.saving'))).to.equal(`You save ${usd(3 * 800 * 12 - 24000)} a year`);
    expect(text(card(el, 'Starter').querySelector('[part="price"]'))).to.contain(`From ${usd(8000)} per seat per year`);
    await expect(el).to.be.accessible();
  });

  it('currency: a select of the catalogue\'s currencies by name; JPY and KWD in their own minor units', async () => {
    const el = await mount(html`<acct-pricing-table locale="en-US" .api=${publicApi()}></acct-pricing-table>`);
    const select = $<HTMLSelectElement>(el, 'select[part="currency"]')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['US Dollar (USD)', 'Euro (EUR)', 'Japanese Yen (JPY)', 'Kuwaiti Dinar (KWD)']);
    expect(select.value).to.equal('USD');
    select.value = 'JPY';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const yen = (amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(amount);
    // $8 → ¥1,200 per seat (the catalogue's JPY price), 3 seats.
    expect(amounts(el)[0]).to.equal(folded(yen(3600)));
    select.value = 'KWD';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const dinar = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'KWD', minimumFractionDigits: 3 }).format(7.5);
    // 800 cents × 3.1 rounded to 100 fils = 2.500 KWD per seat.
    expect(amounts(el)[0]).to.equal(folded(dinar));
  });

  it('a quantity it cannot take is marked invalid with the range, and the estimates stay on the last one', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi()}></acct-pricing-table>`);
    const input = $<HTMLInputElement>(el, '[part="quantity"]')!;
    expect([input.type, input.min, input.max, input.getAttribute('inputmode'), input.labels?.[0]?.textContent]).to.deep.equal(['number', '1', '1000000', 'numeric', 'Quantity']);
    await typeQuantity(el, '0');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#quantity-error'))).to.equal('Enter a whole number from 1 to 1,000,000.');
    expect(input.getAttribute('aria-describedby')).to.equal('quantity-hint quantity-error');
    expect(amounts(el)[0]).to.equal(usd(2400));
    await expect(el).to.be.accessible();
    await typeQuantity(el, '7');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(text($(el, '#quantity-error'))).to.equal('');
    expect(amounts(el)[0]).to.equal(usd(5600));
    expect(el.quantity).to.equal(7);
  });

  it('an attribute value it cannot use keeps the default and warns once', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await mount(html`<acct-pricing-table product="prod_nope" currency="XXX" quantity="-4" .api=${publicApi()}></acct-pricing-table>`);
      el.requestUpdate();
      await el.updateComplete;
      expect(cards(el)).to.have.length(4);
      expect($<HTMLSelectElement>(el, 'select')!.value).to.equal('USD');
      expect($<HTMLInputElement>(el, '[part="quantity"]')!.value).to.equal('3');
    } finally {
      console.warn = original;
    }
    expect(warnings.map((w) => String(w[0]).replace(/;.*/, ''))).to.deep.equal([
      '<acct-pricing-table>: ignored product="prod_nope"',
      '<acct-pricing-table>: ignored currency="XXX"',
      '<acct-pricing-table>: ignored quantity="-4"',
    ]);
  });

  it('keyboard only: currency, then the switch (arrows), the quantity, a call to action (Enter) → one acct-plan-select', async () => {
    const before = await fixture<HTMLElement>(html`<div><button id="before">before</button><acct-pricing-table .api=${publicApi()}></acct-pricing-table></div>`);
    const el = before.querySelector<AcctPricingTable>('acct-pricing-table')!;
    await waitForIdle(el);
    const selects = record<AcctPlanSelectEvent>(document, 'acct-plan-select');
    before.querySelector<HTMLButtonElement>('#before')!.focus();
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('part')).to.equal('currency');
    await sendKeys({ press: 'Tab' });
    expect((active() as HTMLInputElement).value).to.equal('month');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect((active() as HTMLInputElement).value).to.equal('year');
    expect(el.interval).to.equal('year');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('part')).to.equal('quantity');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '12' });
    await el.updateComplete;
    // Enter in the field does not reload a page.
    await sendKeys({ press: 'Enter' });
    expect(el.isConnected).to.be.true;
    await sendKeys({ press: 'Tab' });
    expect(text(active())).to.equal('Choose Starter');
    await sendKeys({ press: 'Tab' });
    expect(text(active())).to.equal('Choose Team');
    await sendKeys({ press: 'Enter' });
    expect(selects).to.have.length(1);
    expect(selects[0].detail).to.deep.equal({
      product: 'prod_workspace',
      plan: 'plan_team',
      interval: 'year',
      currency: 'USD',
      quantity: 12,
      // 10 × $150 + 2 × $120 a year.
      estimate: { amount: 150000 + 24000, currency: 'USD' },
    });
    expect(selects[0].composed && selects[0].bubbles && selects[0].cancelable).to.be.true;
  });
});

describe('acct-pricing-table: calls to action', () => {
  it('with cta-href every plan links to the template filled in (URL-encoded); a canceled acct-plan-select stops the link', async () => {
    const el = await mount(
      html`<acct-pricing-table
        cta-href="/signup?product={product}&plan={plan}&interval={interval}&quantity={quantity}&currency={currency}"
        contact-href="https://sales.example.com/contact?plan={plan}"
        .api=${publicApi()}
      ></acct-pricing-table>`,
    );
    const team = cta(el, 'Team') as HTMLAnchorElement;
    expect(team.localName).to.equal('a');
    expect(team.href).to.equal(new URL('/signup?product=prod_workspace&plan=plan_team&interval=month&quantity=3&currency=USD', location.href).href);
    // Business is priced at its minimum: the link says so.
    expect(new URL((cta(el, 'Business') as HTMLAnchorElement).href).searchParams.get('quantity')).to.equal('10');
    expect((cta(el, 'Enterprise') as HTMLAnchorElement).href).to.equal('https://sales.example.com/contact?plan=plan_enterprise');
    let followed: boolean | undefined;
    const onClick = (event: Event) => {
      followed = !event.defaultPrevented;
      event.preventDefault();
    };
    el.addEventListener('acct-plan-select', (event) => event.preventDefault(), { once: true });
    document.addEventListener('click', onClick);
    try {
      team.click();
      expect(followed, 'the host canceled: the link is not followed').to.equal(false);
      team.click();
      expect(followed, 'not canceled: the link is followed').to.equal(true);
    } finally {
      document.removeEventListener('click', onClick);
    }
    await expect(el).to.be.accessible();
  });

  it('a cta-href that is not https: or same-origin stays a button, with one warning', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    let el: AcctPricingTable;
    try {
      el = await mount(html`<acct-pricing-table cta-href="javascript:alert('{plan}')" .api=${publicApi()}></acct-pricing-table>`);
    } finally {
      console.warn = original;
    }
    expect($$(el, 'a')).to.have.length(0);
    expect(cta(el, 'Team').localName).to.equal('button');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('ignored cta-href');
  });

  it('without cta-href the call to action is a button firing acct-plan-select with the shown choices', async () => {
    const el = await mount(html`<acct-pricing-table currency="EUR" interval="year" quantity="4" .api=${publicApi()}></acct-pricing-table>`);
    const selects = record<AcctPlanSelectEvent>(el, 'acct-plan-select');
    cta(el, 'Enterprise').click();
    cta(el, 'Starter').click();
    expect(selects.map((e) => e.detail)).to.deep.equal([
      { product: 'prod_workspace', plan: 'plan_enterprise', interval: 'year', currency: 'EUR', quantity: 100, estimate: null },
      // 800 × 0.92 → 740 cents a month (rounded to 10), × 10 for a year, × 4.
      { product: 'prod_workspace', plan: 'plan_starter', interval: 'year', currency: 'EUR', quantity: 4, estimate: { amount: 740 * 10 * 4, currency: 'EUR' } },
    ]);
  });
});

describe('acct-pricing-table: with a token', () => {
  it('the account\'s plan is "Current plan" (its call to action off), later plans "Upgrade", earlier ones "Switch"; the quantity is the account\'s', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-pricing-table .api=${api}></acct-pricing-table>`);
    expect($<HTMLInputElement>(el, '[part="quantity"]')!.value).to.equal('25');
    const team = card(el, 'Team');
    expect(team.getAttribute('part')).to.equal('plan highlighted current');
    expect([...team.querySelectorAll('[part="badge"]')].map((b) => text(b))).to.deep.equal(['Most popular', 'Current plan']);
    expect(text(cta(el, 'Team'))).to.equal('Current plan');
    expect(cta(el, 'Team').hasAttribute('disabled')).to.be.true;
    expect(text(cta(el, 'Business'))).to.equal('Upgrade to Business');
    expect(cta(el, 'Business').classList.contains('primary')).to.be.true;
    expect(text(cta(el, 'Starter'))).to.equal('Switch to Starter');
    expect(api.calls.filter((c) => c.operation === 'listLicenses')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  for (const [status, kind] of [
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [500, 'server'],
  ] as const) {
    it(`licenses that answer ${status}: public pricing, no error, no acct-error`, async () => {
      const errors = record<AcctErrorEvent>(document, 'acct-error');
      const api = accountApi({ fail: (operation) => (operation === 'listLicenses' ? new ApiError(kind, 'no', { status }) : undefined) });
      const el = await mount(html`<acct-pricing-table .api=${api}></acct-pricing-table>`);
      expect(hasState(el, 'populated')).to.be.true;
      expect($$(el, '[part="badge"]').map((b) => text(b))).to.deep.equal(['Most popular']);
      expect(text(cta(el, 'Team'))).to.equal('Choose Team');
      expect($(el, '[role="alert"]')).to.be.null;
      expect(errors.filter((e) => e.target === el)).to.have.length(0);
    });
  }
});

describe('acct-pricing-table: api-base without a token (a marketing page)', () => {
  it('asks GET /pricing with no Authorization and never for the licenses; no console error', async () => {
    const s = await scenario([{ body: CATALOGUE, headers: { 'cache-control': 'public, max-age=300' } }]);
    let el!: AcctPricingTable;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-pricing-table api-base=${s.base}></acct-pricing-table>`);
    });
    expect(logged).to.deep.equal([]);
    expect(hasState(el, 'populated')).to.be.true;
    const log = await s.log();
    expect(log.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /pricing']);
    expect(log[0].headers.authorization).to.equal(undefined);
    expect(amounts(el)[1]).to.equal(usd(4500));
  });

  it('inside a provider with api-base alone: the table loads the public catalogue', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    const page = await mountIdle<HTMLElement>(html`<acct-provider api-base=${s.base}><acct-pricing-table></acct-pricing-table></acct-provider>`);
    const el = page.querySelector<AcctPricingTable>('acct-pricing-table')!;
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    const log = await s.log();
    expect(log.map((r) => [r.path, r.headers.authorization])).to.deep.equal([['/pricing', undefined]]);
  });

  it('with api-base and a token, the pricing request still carries no token; the licenses one does', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    await fetch(`${s.base}/__script`, {
      method: 'POST',
      body: JSON.stringify({ routes: { 'GET /pricing': [{ body: CATALOGUE }], 'GET /licenses': [{ status: 403, body: { title: 'Forbidden', status: 403 } }] } }),
    });
    const el = await mount(html`<acct-pricing-table api-base=${s.base} .token=${'tok_user'}></acct-pricing-table>`);
    expect(hasState(el, 'populated')).to.be.true;
    const log = await s.log();
    expect(log.map((r) => [r.path, r.headers.authorization]).sort()).to.deep.equal([
      ['/licenses', 'Bearer tok_user'],
      ['/pricing', undefined],
    ]);
  });
});

describe('acct-pricing-table: states', () => {
  it('loading: skeleton cards, aria-busy, :state(loading), "Loading prices…"', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi({ latencyMs: Infinity })}></acct-pricing-table>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '.skeleton-card')).to.have.length(3);
    expect(text($(el, '[role="status"]'))).to.equal('Loading prices…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('error: an alert with Retry and one acct-error; Retry reloads past the cache', async () => {
    const api = publicApi({ fail: (op, i) => (op === 'getPricing' && i === 0 ? new ApiError('server', 'boom', { status: 503, requestId: 'req_pr' }) : undefined) });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-pricing-table .api=${api}></acct-pricing-table>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('req_pr');
    await expect(el).to.be.accessible();
    el.requestUpdate();
    await el.updateComplete;
    expect(errors.filter((e) => e.target === el)).to.have.length(1);
    const fresh: boolean[] = [];
    const original = api.getPricing.bind(api);
    api.getPricing = (options) => {
      fresh.push(!!options?.fresh);
      return original(options);
    };
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    expect(fresh).to.deep.equal([true]);
  });

  it('empty: no products, or a product without plans', async () => {
    const el = await mount(html`<acct-pricing-table .api=${publicApi({ pricing: { products: [], currencies: ['USD'], default_currency: 'USD' } })}></acct-pricing-table>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"]'))).to.equal('No plans to show yet.');
    await expect(el).to.be.accessible();
    const noPlans = await mount(html`<acct-pricing-table .api=${publicApi({ pricing: catalogueWith((p) => (p.products[0].plans = [])) })}></acct-pricing-table>`);
    expect(hasState(noPlans, 'empty')).to.be.true;
  });

  it('a custom api answering something that is not a catalogue: an invalid-response error, not a crash', async () => {
    const api = publicApi();
    api.getPricing = () => Promise.resolve({} as never);
    const el = await mount(html`<acct-pricing-table .api=${api}></acct-pricing-table>`);
    expect(text($(el, '[role="alert"]'))).to.contain('could not read');
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctPricingTable;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-pricing-table></acct-pricing-table>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(text($(el, '[role="alert"]'))).to.contain('not connected');
    await expect(el).to.be.accessible();
  });

  it('a given pricing and no connection: the plans, no error and no console message', async () => {
    let el!: AcctPricingTable;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-pricing-table .pricing=${CATALOGUE}></acct-pricing-table>`);
      await new Promise((r) => setTimeout(r, 150));
      await el.updateComplete;
    });
    expect(logged).to.deep.equal([]);
    expect(hasState(el, 'populated')).to.be.true;
    expect(amounts(el)[1]).to.equal(usd(4500));
  });

  it('a given pricing with a connection: shown at once, then replaced by the loaded catalogue', async () => {
    const loaded = catalogueWith((p) => (p.products[0].plans[1].name = 'Team (loaded)'));
    const api = publicApi({ pricing: loaded, latencyMs: 50 });
    const el = await fixture<AcctPricingTable>(html`<acct-pricing-table .pricing=${CATALOGUE} .api=${api}></acct-pricing-table>`);
    expect(cards(el).map((c) => text(c.querySelector('h3')))[1]).to.equal('Team');
    await waitForIdle(el);
    await until(() => text(card(el, 'Team (loaded)')?.querySelector('h3')) === 'Team (loaded)');
  });

  it('hostile strings render as text', async () => {
    delete window.__xss;
    const pricing = catalogueWith((p) => {
      p.products[0].plans[0].name = '<img src=x onerror="window.__xss=1">';
      p.products[0].features[0].name = '"><svg onload="window.__xss=1">';
    });
    const el = await mount(html`<acct-pricing-table .pricing=${pricing}></acct-pricing-table>`);
    expect($$(el, 'svg')).to.have.length(0);
    expect(text(cards(el)[0].querySelector('h3'))).to.equal('<img src=x onerror="window.__xss=1">');
    expect($$(el, 'img')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(window.__xss).to.equal(undefined);
  });
});

describe('acct-pricing-table: six languages', () => {
  afterEach(() => applyLocale('en'));

  const LANGUAGES = [
    { locale: 'de-DE', words: ['Abrechnungszeitraum', 'Monatlich', 'Am beliebtesten', 'Team wählen', 'Tarife vergleichen', 'pro Platz und Monat', 'Geschätzt für 3 Plätze'] },
    { locale: 'fr-FR', words: ['Période de facturation', 'Mensuel', 'Le plus populaire', 'Choisir Team', 'Comparer les formules', 'par siège et par mois', 'Estimation pour 3 sièges'] },
    { locale: 'es-ES', words: ['Periodo de facturación', 'Mensual', 'El más popular', 'Elegir Team', 'Comparar planes', 'por puesto al mes', 'Estimado para 3 puestos'] },
    { locale: 'ja-JP', words: ['請求期間', '月払い', '一番人気', 'Team を選択', 'プランを比較', '1シートあたり月額', '3 シートの見積もり'] },
    { locale: 'ar', words: ['فترة الفوترة', 'شهري', 'الأكثر شيوعًا', 'اختيار Team', 'مقارنة الخطط', 'لكل مقعد شهريًا'] },
  ];
  for (const { locale, words } of LANGUAGES) {
    it(`${locale}: the controls, plans, estimates and comparison are translated`, async () => {
      const page = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${publicApi()}><acct-pricing-table></acct-pricing-table></acct-provider>`,
      );
      await applyLocale(locale);
      const el = page.querySelector<AcctPricingTable>('acct-pricing-table')!;
      await waitForIdle(el);
      await el.updateComplete;
      const shown = (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
      for (const word of words) expect(shown, word).to.contain(word);
      expect(shown).to.not.contain('Billing period');
    });
  }
});

describe('acct-pricing-table: layout', () => {
  it('plans side by side on a wide host, two per row on a medium one, stacked on a narrow one (container queries)', async () => {
    const tops = (el: Element) => cards(el).map((c) => Math.round(c.getBoundingClientRect().top));
    const lefts = (el: Element) => cards(el).map((c) => Math.round(c.getBoundingClientRect().left));
    const host = await fixture<HTMLElement>(html`<div style="width: 70rem"><acct-pricing-table .api=${publicApi()}></acct-pricing-table></div>`);
    const el = host.querySelector<AcctPricingTable>('acct-pricing-table')!;
    await waitForIdle(el);
    expect(new Set(tops(el)).size, 'one row').to.equal(1);
    host.style.width = '44rem';
    await new Promise((r) => requestAnimationFrame(r));
    expect(new Set(tops(el)).size, 'two rows').to.equal(2);
    expect(new Set(lefts(el)).size, 'two columns').to.equal(2);
    host.style.width = '22rem';
    await new Promise((r) => requestAnimationFrame(r));
    expect(new Set(lefts(el)).size, 'one column').to.equal(1);
    expect(new Set(tops(el)).size).to.equal(4);
    // The comparison scrolls inside its own region; the element does not overflow.
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
  });
});

describe('acct-pricing-table: every story in dark mode', () => {
  // A story's `locale` (Euro, Japanese yen, Kuwaiti dinar) chooses the page's strings too.
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await applyLocale('en');
  });
  for (const name of storyNames(stories)) {
    it(`${name}: axe in dark mode`, async () => {
      await checkStoryAppearance(stories, name, 'dark');
    });
  }
});

describe('acct-pricing-table: mount and unmount', () => {
  it('100 cycles leave no subscriptions and no request running (R12, R17)', async () => {
    // Requests that never answer: every one is in flight when its element is removed.
    const inner = accountApi({ latencyMs: Number.POSITIVE_INFINITY });
    const signals: AbortSignal[] = [];
    let subscriptions = 0;
    const api = Object.assign(Object.create(inner) as MemoryAccountApi, {
      getPricing: (o?: { signal?: AbortSignal }) => {
        if (o?.signal) signals.push(o.signal);
        return inner.getPricing(o);
      },
      listLicenses: (o?: { signal?: AbortSignal }) => {
        if (o?.signal) signals.push(o.signal);
        return inner.listLicenses(o);
      },
      onInvalidate: (listener: InvalidationListener) => {
        subscriptions++;
        const off = inner.onInvalidate(listener);
        return () => {
          subscriptions--;
          off();
        };
      },
    });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (let i = 0; i < 100; i++) {
      render(html`<acct-pricing-table .api=${api}></acct-pricing-table>`, host);
      await host.querySelector<AcctPricingTable>('acct-pricing-table')!.updateComplete;
      await new Promise((r) => setTimeout(r, 0));
      render(html``, host);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(subscriptions, 'live invalidation subscriptions').to.equal(0);
    expect(signals.length, 'requests were made').to.be.greaterThan(100);
    expect(signals.filter((s) => !s.aborted).length, 'requests still running').to.equal(0);
  });

  it('an order elsewhere (licenses invalidated) reloads the current plan', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-pricing-table .api=${api}></acct-pricing-table>`);
    api.data.licensing.licenses[0].plan_id = 'plan_business';
    api.invalidate(['licenses']);
    await until(() => text(cta(el, 'Business')) === 'Current plan');
  });
});

describe('acct-pricing-table: a quantity set as a property in text', () => {
  it('"12" (React 19, Svelte and Angular set an attribute\'s text as the property) is the number 12', async () => {
    const { MemoryAccountApi } = await import('../../src/api/memory-api.js');
    const el = await fixture<AcctPricingTable>(
      html`<acct-pricing-table product="prod_workspace" .quantity=${'12'} .api=${new MemoryAccountApi()}></acct-pricing-table>`,
    );
    await el.updateComplete;
    expect(el.quantity).to.equal(12);
    for (let i = 0; i < 100 && !el.matches(':state(populated)'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(el.shadowRoot!.textContent).to.match(/12 seats/);
  });
});
