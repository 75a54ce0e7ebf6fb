import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import { HttpAccountApi } from '../../src/api/http-api.js';
import '../../src/components/usage-chart/acct-usage-chart.js';
import type { AcctUsageChart } from '../../src/components/usage-chart/usage-chart.js';
import { autoInterval, rangeDays } from '../../src/components/usage-chart/usage-chart.js';
import { usageChartLoader } from '../../src/components/usage-chart/usage-chart-loader.js';
import { labelStride, niceTicks } from '../../src/components/usage-chart/usage-chart-draw.js';
import { fakeUsageApi, makeSeries, USAGE_METRICS, type FakeUsageApi } from '../../stories/usage-stories-helpers.js';
import { spyOnLeaks } from '../helpers/leak-spy.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, hasState, text, until } from './account-helpers.js';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function mount(api: FakeUsageApi, attrs: Record<string, string> = MARCH, dir: 'ltr' | 'rtl' = 'ltr', width = 640): Promise<AcctUsageChart> {
  const page = await fixture<HTMLElement>(html`<div dir=${dir} class="host"></div>`);
  page.style.width = `${width}px`;
  const el = document.createElement('acct-usage-chart');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.api = api;
  page.append(el);
  await until(() => hasState(el, 'populated') || hasState(el, 'empty') || hasState(el, 'error'));
  await waitForIdle(el);
  return el;
}

/** The element on a page, with its api, not waited for. */
async function place(api: AcctUsageChart['api'], attrs: Record<string, string>): Promise<AcctUsageChart> {
  const page = await fixture<HTMLElement>(html`<div></div>`);
  const el = document.createElement('acct-usage-chart');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.api = api;
  page.append(el);
  return el;
}

const bars = (el: AcctUsageChart) => $$<SVGGElement>(el, '[part~="bar"]');
const seriesCalls = (api: FakeUsageApi) => api.calls.filter((c) => c.operation === 'getUsageSeries');
const focusedIndex = (el: AcctUsageChart) => Number((el.shadowRoot!.activeElement as SVGElement | null)?.dataset.index ?? -1);
const tooltip = (el: AcctUsageChart) => $(el, '[part~="tooltip"]');

describe('acct-usage-chart: loaded only when shown', () => {
  it('does not load the drawing code until the chart is in view, then loads it once', async () => {
    const original = usageChartLoader.load;
    usageChartLoader.loaded = undefined;
    let loads = 0;
    usageChartLoader.load = () => {
      loads++;
      return original();
    };
    try {
      const page = await fixture<HTMLElement>(html`<div><div class="spacer"></div><acct-usage-chart from="2026-03-01" to="2026-03-31"></acct-usage-chart></div>`);
      const spacer = page.querySelector<HTMLElement>('.spacer')!;
      spacer.style.height = '5000px';
      const el = page.querySelector('acct-usage-chart')!;
      el.api = fakeUsageApi();
      await until(() => hasState(el, 'populated'));
      await new Promise((r) => setTimeout(r, 100));
      expect(loads, 'out of view: not loaded').to.equal(0);
      expect(bars(el)).to.have.length(0);
      expect(hasState(el, 'loading'), 'out of view is not a spinner').to.equal(false);
      el.scrollIntoView();
      await until(() => bars(el).length === 31);
      expect(loads).to.equal(1);
    } finally {
      usageChartLoader.load = original;
    }
  });

  it('a failed load of the drawing code shows Retry, which loads it again', async () => {
    const original = usageChartLoader.load;
    usageChartLoader.loaded = undefined;
    let fail = true;
    usageChartLoader.load = () => (fail ? Promise.reject(new Error('chunk gone')) : original());
    const logged = console.error;
    console.error = () => {};
    try {
      const el = await mount(fakeUsageApi());
      await until(() => !!$(el, '[part~="retry-button"]'));
      fail = false;
      $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
      await until(() => bars(el).length === 31);
    } finally {
      usageChartLoader.load = original;
      console.error = logged;
    }
  });
});

describe('acct-usage-chart', () => {
  it('draws one focusable bar per day with its accessible name, 4-6 y ticks and the unit', async () => {
    const api = fakeUsageApi();
    const el = await mount(api);
    expect(hasState(el, 'populated')).to.equal(true);
    expect(seriesCalls(api)[0].query).to.deep.equal({ from: '2026-03-01', to: '2026-03-31', metric: 'api_requests', interval: 'day' });
    const all = bars(el);
    expect(all).to.have.length(31);
    const expected = makeSeries(USAGE_METRICS[0], '2026-03-01', '2026-03-31', 'day').points;
    const fmt = new Intl.NumberFormat('en');
    expect(all[11].getAttribute('aria-label')).to.equal(`March 12, 2026: ${fmt.format(expected[11].quantity)} requests`);
    expect(all.filter((b) => b.getAttribute('tabindex') === '0')).to.have.length(1);
    expect(all[30].getAttribute('tabindex'), 'the tab stop is on the newest bar').to.equal('0');
    const ticks = $$(el, '.tick').map((t) => t.textContent!);
    expect(ticks.length).to.be.within(4, 6);
    expect(ticks[0]).to.equal('0 requests');
    const svg = $(el, '[part~="chart"]')!;
    expect(svg.getAttribute('role')).to.equal('group');
    expect(svg.getAttribute('aria-label')).to.contain('API requests per day, March 1, 2026 to March 31, 2026');
    expect(text($(el, '[part~="heading"]'))).to.equal('API requests');
    expect(el.shadowRoot!.innerHTML, 'no style attributes (strict CSP)').not.to.match(/\sstyle="/);
    await expect(el).to.be.accessible();
  });

  it('x-axis labels never overlap, at any width; the chart follows the element’s width', async () => {
    const el = await mount(fakeUsageApi(), MARCH, 'ltr', 320);
    const svg = $(el, '[part~="chart"]')!;
    expect(Number(svg.getAttribute('width'))).to.be.within(300, 320);
    const noOverlap = () => {
      const boxes = $$(el, '.x-label').map((t) => t.getBoundingClientRect());
      expect(boxes.length).to.be.greaterThan(1);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i].left, `label ${i}`).to.be.greaterThan(boxes[i - 1].right);
    };
    noOverlap();
    const narrowLabels = $$(el, '.x-label').length;
    el.parentElement!.style.width = '900px';
    await until(() => Number(svg.getAttribute('width')) > 800);
    noOverlap();
    expect($$(el, '.x-label').length).to.be.greaterThan(narrowLabels);
  });

  it('large numbers: compact ticks with the unit after', async () => {
    const el = await mount(fakeUsageApi({ scale: 1000 }));
    const ticks = $$(el, '.tick').map((t) => t.textContent!);
    expect(ticks.at(-1)).to.match(/^\d+(\.\d)?[KM] requests$/);
  });

  it('interval: chosen from the range (≤ 62 days per day, ≤ 370 per week, else per month), or as set', async () => {
    expect([autoInterval(1), autoInterval(62), autoInterval(63), autoInterval(370), autoInterval(371)]).to.deep.equal(['day', 'day', 'week', 'week', 'month']);
    expect(rangeDays('2026-01-01', '2026-03-03')).to.equal(62);
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2026-01-01', to: '2026-03-03' }, 'day'],
      [{ from: '2026-01-01', to: '2026-03-04' }, 'week'],
      [{ from: '2026-01-01', to: '2027-01-05' }, 'week'],
      [{ from: '2026-01-01', to: '2027-01-06' }, 'month'],
      // No range: the catalogue's first and last days (1 January to 31 March: 90 days).
      [{}, 'week'],
      [{ ...MARCH, interval: 'month' }, 'month'],
    ];
    for (const [attrs, interval] of cases) {
      const api = fakeUsageApi();
      const el = await mount(api, attrs);
      expect(seriesCalls(api)[0].query!.interval, JSON.stringify(attrs)).to.equal(interval);
      expect($<HTMLSelectElement>(el, '[part~="interval-select"]')!.value).to.equal(interval);
      el.remove();
    }
  });

  it('the interval picker redraws per week and per month', async () => {
    const api = fakeUsageApi();
    const el = await mount(api);
    const select = $<HTMLSelectElement>(el, '[part~="interval-select"]')!;
    select.value = 'week';
    select.dispatchEvent(new Event('change'));
    await until(() => bars(el).length === 6);
    expect(seriesCalls(api).at(-1)!.query!.interval).to.equal('week');
    expect(bars(el)[1].getAttribute('aria-label')).to.match(/^Week of March 2, 2026: /);
    select.value = 'month';
    select.dispatchEvent(new Event('change'));
    await until(() => bars(el).length === 1);
    expect(bars(el)[0].getAttribute('aria-label')).to.match(/^March 2026: /);
    await expect(el).to.be.accessible();
  });

  it('metrics: a picker when there are several and none is set; none for one metric or a set one', async () => {
    const api = fakeUsageApi();
    const el = await mount(api);
    const select = $<HTMLSelectElement>(el, '[part~="metric-select"]')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['API requests', 'Storage', 'Build minutes']);
    select.value = 'storage';
    select.dispatchEvent(new Event('change'));
    await until(() => text($(el, '[part~="heading"]')) === 'Storage');
    expect(seriesCalls(api).at(-1)!.query!.metric).to.equal('storage');
    expect(bars(el)[0].getAttribute('aria-label')).to.match(/ GB$/);

    const one = await mount(fakeUsageApi({ metrics: [USAGE_METRICS[1]] }));
    expect($(one, '[part~="metric-select"]')).to.equal(null);
    const set = await mount(fakeUsageApi(), { ...MARCH, metric: 'build_minutes' });
    expect($(set, '[part~="metric-select"]')).to.equal(null);
    expect(text($(set, '[part~="heading"]'))).to.equal('Build minutes');
  });

  it('passes invoiced and q to the series request', async () => {
    const api = fakeUsageApi();
    await mount(api, { ...MARCH, invoiced: 'no', q: ' eu-west ' });
    expect(seriesCalls(api)[0].query).to.include({ invoiced: 'no', q: 'eu-west' });
  });

  it('keyboard: one tab stop; arrows move focus and the tooltip, Home and End, Escape hides it', async () => {
    const page = await fixture<HTMLElement>(html`<div><button>before</button></div>`);
    const el = document.createElement('acct-usage-chart');
    el.setAttribute('from', MARCH.from);
    el.setAttribute('to', MARCH.to);
    el.setAttribute('metric', 'api_requests');
    el.api = fakeUsageApi();
    page.append(el);
    await until(() => bars(el).length === 31);
    await waitForIdle(el);
    page.querySelector('button')!.focus();
    const where: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement;
      where.push(active ? `${active.localName}[${active.getAttribute('part')}]` : String(document.activeElement?.localName));
    }
    expect(where, 'the interval picker, then the table toggle').to.have.length(3);
    expect(where.slice(0, 2), where.join()).to.deep.equal(['select[interval-select]', 'button[table-toggle]']);
    // Tab: the interval picker, "Show as table", then the chart's one stop (the newest bar).
    expect(focusedIndex(el), where.join()).to.equal(30);
    await el.updateComplete;
    expect(text(tooltip(el))).to.match(/^March 31, 2026 \d[\d,]* requests$/);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(focusedIndex(el)).to.equal(29);
    expect(text(tooltip(el))).to.match(/^March 30, 2026/);
    expect(bars(el)[29].getAttribute('tabindex')).to.equal('0');
    expect(bars(el)[30].getAttribute('tabindex')).to.equal('-1');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(focusedIndex(el)).to.equal(0);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(focusedIndex(el), 'stays on the first').to.equal(0);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focusedIndex(el)).to.equal(1);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focusedIndex(el)).to.equal(30);
    expect(tooltip(el)).not.to.equal(null);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(tooltip(el)).to.equal(null);
    expect(focusedIndex(el), 'focus stays').to.equal(30);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(tooltip(el), 'leaving the chart hides it').to.equal(null);
    await sendKeys({ press: 'Tab' });
    expect(focusedIndex(el), 'back on the same stop').to.equal(30);
  });

  it('right to left: time runs from the right, the arrows are mirrored, numbers stay left to right', async () => {
    const el = await mount(fakeUsageApi(), { ...MARCH, metric: 'api_requests' }, 'rtl');
    const all = bars(el);
    const x = (i: number) => all[i].getBoundingClientRect().left;
    expect(x(0)).to.be.greaterThan(x(30));
    expect(x(0)).to.be.greaterThan(x(1));
    const plot = $(el, '[part~="chart"]')!.getBoundingClientRect();
    const tick = $$(el, '.tick')[0].getBoundingClientRect();
    expect(tick.left, 'the y axis is on the right').to.be.greaterThan(plot.left + plot.width / 2);
    const rightmostBar = Math.max(...all.map((b) => b.querySelector('.bar')!.getBoundingClientRect().right));
    for (const label of $$(el, '.tick')) expect(label.getBoundingClientRect().left, 'ticks right of the bars').to.be.at.least(rightmostBar);
    expect(getComputedStyle($$(el, '.tick')[0]).unicodeBidi).to.equal('isolate');
    all[0].focus();
    await el.updateComplete;
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(focusedIndex(el), 'ArrowLeft goes forward in time').to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focusedIndex(el)).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a tooltip shows on pointer hover and goes when the pointer leaves', async () => {
    const el = await mount(fakeUsageApi());
    bars(el)[4].dispatchEvent(new PointerEvent('pointerenter'));
    await el.updateComplete;
    expect(text(tooltip(el))).to.match(/^March 5, 2026/);
    expect(tooltip(el)!.getAttribute('style'), 'placed through the CSSOM').to.match(/left: \d/);
    bars(el)[4].dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(tooltip(el)).to.equal(null);
  });

  it('"Show as table": a table of the same points and numbers', async () => {
    const el = await mount(fakeUsageApi(), { ...MARCH, interval: 'week' });
    const names = bars(el).map((b) => b.getAttribute('aria-label'));
    const toggle = $<HTMLButtonElement>(el, '[part~="table-toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(hasState(el, 'table')).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '[part~="chart"]')).to.equal(null);
    const rows = $$(el, '[part~="table"] tbody tr');
    expect(rows.map((r) => `${text(r.querySelector('th'))}: ${text(r.querySelector('td'))} requests`)).to.deep.equal(names);
    expect(text($(el, '[part~="table"] thead'))).to.equal('Week Quantity (requests)');
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(bars(el)).to.have.length(names.length);
  });

  it('empty: no usage in the period; no metrics at all', async () => {
    const el = await mount(fakeUsageApi({ empty: true }));
    expect(hasState(el, 'empty')).to.equal(true);
    expect(text($(el, '[part~="empty"]'))).to.equal('No usage in this period.');
    expect($(el, '[part~="interval-select"]'), 'the filters stay').not.to.equal(null);
    expect($(el, '[part~="table-toggle"]')).to.equal(null);
    await expect(el).to.be.accessible();
    const none = await mount(fakeUsageApi({ metrics: [], firstOn: null, lastOn: null }));
    expect(hasState(none, 'empty')).to.equal(true);
    expect(text($(none, '[part~="empty"]'))).to.equal('This account has no metered usage.');
    await expect(none).to.be.accessible();
  });

  it('loading, then an error with Retry, then the chart', async () => {
    const api = fakeUsageApi({ seriesErrors: [new ApiError('server', 'boom', { status: 500 }), undefined] });
    const errors: unknown[] = [];
    const el = await place(api, MARCH);
    el.addEventListener('acct-error', (e) => errors.push(e));
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.equal(true);
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await until(() => hasState(el, 'error'));
    expect(text($(el, '[part~="error"]'))).to.contain('Something went wrong on our side');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
    await until(() => bars(el).length === 31);
  });

  it('refreshes on the usage invalidation, past the cache', async () => {
    const api = fakeUsageApi();
    await mount(api);
    const before = seriesCalls(api).length;
    api.invalidate(['invoices']);
    await new Promise((r) => setTimeout(r, 20));
    expect(seriesCalls(api).length).to.equal(before);
    api.invalidate(['usage']);
    await until(() => seriesCalls(api).length === before + 1);
    expect(seriesCalls(api).at(-1)!.fresh).to.equal(true);
  });

  it('ignores a malformed attribute with a warning, keeping the default', async () => {
    const warned: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warned.push(args);
    try {
      const api = fakeUsageApi();
      await mount(api, { from: '2026-02-30', to: '2026-03-31', interval: 'hourly' });
      expect(seriesCalls(api)[0].query).to.deep.include({ to: '2026-03-31' });
      expect(seriesCalls(api)[0].query).not.to.have.property('from');
      expect(warned.map(String).join(' ')).to.contain('from="2026-02-30"').and.to.contain('interval="hourly"');
    } finally {
      console.warn = original;
    }
  });

  it('100 mounts and removals leave no ResizeObserver, IntersectionObserver or invalidation listener behind (R17)', async () => {
    const api = fakeUsageApi();
    let subscribed = 0;
    const onInvalidate = api.onInvalidate.bind(api);
    api.onInvalidate = (listener) => {
      subscribed++;
      const off = onInvalidate(listener);
      return () => {
        subscribed--;
        off();
      };
    };
    const OriginalIO = window.IntersectionObserver;
    let intersecting = 0;
    window.IntersectionObserver = class extends OriginalIO {
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        super(callback, options);
        intersecting++;
      }
      override disconnect() {
        intersecting--;
        super.disconnect();
      }
    };
    const spy = spyOnLeaks();
    try {
      const page = await fixture<HTMLElement>(html`<div></div>`);
      for (let i = 0; i < 100; i++) {
        const el = document.createElement('acct-usage-chart');
        el.setAttribute('from', MARCH.from);
        el.setAttribute('to', MARCH.to);
        el.api = api;
        page.append(el);
        if (i % 10 === 0) await until(() => bars(el).length === 31);
        else await el.updateComplete;
        el.remove();
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(spy.observers(), 'ResizeObservers').to.equal(0);
      expect(intersecting, 'IntersectionObservers').to.equal(0);
      expect(subscribed, 'invalidation listeners').to.equal(0);
    } finally {
      spy.restore();
      window.IntersectionObserver = OriginalIO;
    }
  });

  it('niceTicks: 4-6 round ticks covering the maximum; label stride keeps labels apart', () => {
    for (const max of [1, 3, 7, 9.5, 10, 42, 99, 101, 1234, 9999, 10001, 123456, 0.37, 7_500_000]) {
      const ticks = niceTicks(max);
      expect(ticks.length, String(max)).to.be.within(4, 6);
      expect(ticks[0]).to.equal(0);
      expect(ticks.at(-1)!, String(max)).to.be.at.least(max);
      const step = ticks[1];
      expect(ticks.at(-1)! - step, `${max}: no empty tick above`).to.be.lessThan(max);
    }
    expect(niceTicks(0)).to.deep.equal([0, 1]);
    expect(labelStride(31, 20, 40)).to.equal(3);
    expect(labelStride(31, 60, 40)).to.equal(1);
  });
});

describe('acct-usage-chart over HTTP', () => {
  let counter = 0;
  const good = { interval: 'day', from: '2026-03-01', to: '2026-03-31', series: [makeSeries(USAGE_METRICS[0], '2026-03-01', '2026-03-31', 'day')] };
  const CATALOGUE = { metrics: [USAGE_METRICS[0]], columns: [], first_on: '2026-03-01', last_on: '2026-03-31' };

  async function scripted(series: unknown) {
    const base = `/mock-api/usage-chart-${Date.now().toString(36)}-${(counter++).toString(36)}`;
    const routes = {
      'GET /usage/catalogue': [{ body: CATALOGUE }],
      'GET /usage/series': [{ body: series }],
    };
    const response = await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify({ routes }) });
    expect(response.status).to.equal(204);
    return new HttpAccountApi({ baseUrl: base, token: 'tok_test', retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 1000 });
  }

  it('a series that fails the schema shows the error state, never a chart', async () => {
    const bad = structuredClone(good);
    (bad.series[0].points[3] as { quantity: unknown }).quantity = '12';
    const api = await scripted(bad);
    const el = await place(api, MARCH);
    await until(() => hasState(el, 'error'), 10_000);
    expect(text($(el, '[part~="error"]'))).to.contain('The server sent data we could not read');
    expect(bars(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a well-formed series over HTTP draws', async () => {
    const api = await scripted(good);
    const el = await place(api, MARCH);
    await until(() => bars(el).length === 31, 10_000);
  });
});

