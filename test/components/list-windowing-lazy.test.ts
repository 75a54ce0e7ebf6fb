import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { createFixture, toSummary } from '../../src/api/fixtures/generate.js';
import type { InvoiceSummary } from '../../src/api/schemas/invoice.js';
import type { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import type { AcctPaymentHistory } from '../../src/components/payment-history/payment-history.js';
import '../../src/components/payment-history/acct-payment-history.js';
import { windowingLoader } from '../../src/core/list-table.js';
import { waitForIdle } from '../helpers/wait.js';
import { accountApi, capturingConsoleErrors } from './account-helpers.js';
import { $, bodyRows, hasState, mount, nextFrame, TODAY, until } from './invoice-list-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// Nothing in this file imports src/core/windowing.ts: the first test checks that the page has not
// fetched it (the tests run in order, in one page), the second that it then has.

let large: InvoiceSummary[] | undefined;
function invoices(count: number): InvoiceSummary[] {
  large ??= createFixture('large', TODAY).invoices.map(toSummary);
  return large.slice(0, count);
}

/** Whether the page has fetched the windowing module (the test server serves every module as its own file). */
const windowingFetched = () =>
  performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname === '/src/core/windowing.ts');

/** Counts the loads of the windowing code; `hold` keeps each one pending until `release()`. */
function spyOnLoads({ hold = false, fail = false } = {}) {
  const original = windowingLoader.load;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const spy = { calls: 0, release, restore: () => (windowingLoader.load = original) };
  windowingLoader.load = async () => {
    spy.calls++;
    if (hold) await released;
    if (fail) throw new TypeError('Failed to fetch dynamically imported module: windowing.js');
    return original();
  };
  return spy;
}

/** Mounts without waiting for updateComplete (which waits for the windowing code). */
async function mountUnsettled(rows: InvoiceSummary[]): Promise<AcctInvoiceList> {
  const host = await fixture<HTMLDivElement>(html`<div style="width: 60rem"></div>`);
  render(html`<acct-invoice-list .invoices=${rows}></acct-invoice-list>`, host);
  const el = host.firstElementChild as AcctInvoiceList;
  await until(() => bodyRows(el).length > 0);
  return el;
}

describe('list windowing: loaded only for long lists', () => {
  it('lists of up to 200 rows never request the windowing code', async () => {
    const spy = spyOnLoads();
    try {
      const list = await mount(html`<acct-invoice-list .invoices=${invoices(200)}></acct-invoice-list>`);
      const history = await fixture<AcctPaymentHistory>(html`<acct-payment-history .api=${accountApi()}></acct-payment-history>`);
      await waitForIdle(history);
      expect(bodyRows(list)).to.have.length(200);
      expect(bodyRows(history).length).to.be.greaterThan(0);
      expect(hasState(list, 'virtualized')).to.be.false;
      expect(spy.calls, 'loads').to.equal(0);
      expect(windowingLoader.module).to.be.undefined;
      expect(windowingFetched(), 'windowing.ts fetched').to.be.false;
    } finally {
      spy.restore();
    }
  });

  it('past 200 rows the code loads once and the list ends windowed, few rows in the DOM; other lists reuse it', async () => {
    const spy = spyOnLoads();
    try {
      const el = await mount(html`<acct-invoice-list style="width: 60rem" .invoices=${invoices(1000)}></acct-invoice-list>`);
      expect(windowingFetched(), 'windowing.ts fetched').to.be.true;
      expect(spy.calls).to.equal(1);
      expect(hasState(el, 'virtualized')).to.be.true;
      const table = $(el, '[role="table"]')!;
      expect(table.getAttribute('aria-rowcount')).to.equal('1001');
      expect(bodyRows(el).length).to.be.within(5, 59);
      // Windowed: scrolling renders the rows scrolled to.
      table.scrollTop = table.scrollHeight / 2;
      await until(() => bodyRows(el).some((row) => Number(row.getAttribute('aria-rowindex')) > 400));
      expect(bodyRows(el).length).to.be.lessThan(60);
      await expect(el).to.be.accessible();

      // A second long list: windowed from its first render, no second load.
      const other = await fixture<AcctInvoiceList>(html`<acct-invoice-list .invoices=${invoices(500)}></acct-invoice-list>`);
      expect(spy.calls).to.equal(1);
      expect(bodyRows(other).length).to.be.lessThan(60);
      expect($(other, '.virtual-body')).to.exist;
    } finally {
      spy.restore();
    }
  });

  it('while the code loads: the final scroller with the first screenful; nothing moves and focus stays when the window takes over', async () => {
    windowingLoader.module = undefined;
    const spy = spyOnLoads({ hold: true });
    try {
      const el = await mountUnsettled(invoices(1000));
      await nextFrame();
      expect(spy.calls).to.equal(1);
      const table = $(el, '[role="table"]')!;
      expect(table.classList.contains('virtual')).to.be.true;
      expect(table.getAttribute('aria-rowcount')).to.equal('1001');
      const rows = bodyRows(el);
      expect(rows.length).to.be.within(5, Math.ceil(innerHeight / 49) + 4);
      expect(rows.map((row) => row.getAttribute('aria-rowindex')).slice(0, 3)).to.deep.equal(['2', '3', '4']);
      // The rest is one block of the estimated row height: the scroll height is the whole list's.
      const gap = $(el, '.virtual-body > .gap')!;
      expect(gap.getBoundingClientRect().height).to.be.closeTo((1000 - rows.length) * 49, 1);
      expect(table.scrollHeight).to.be.greaterThan(40_000);
      await expect(el).to.be.accessible();

      rows[3].querySelector<HTMLElement>('[part="view-button"]')!.focus();
      table.scrollTop = 60;
      const focused = el.shadowRoot!.activeElement;
      const box = table.getBoundingClientRect();
      const rowTop = rows[3].getBoundingClientRect().top;

      spy.release();
      await el.updateComplete;
      await nextFrame();
      await el.updateComplete;
      expect(windowingLoader.module).to.exist;
      expect(el.shadowRoot!.activeElement, 'focus').to.equal(focused);
      expect(table.scrollTop).to.be.closeTo(60, 1);
      expect(table.getBoundingClientRect().height).to.equal(box.height);
      expect(table.getBoundingClientRect().top).to.equal(box.top);
      expect(rows[3].isConnected).to.be.true;
      expect(rows[3].getBoundingClientRect().top).to.be.closeTo(rowTop, 1);
      // Now windowed: scrolling far renders the rows there.
      table.scrollTop = table.scrollHeight - table.clientHeight;
      await until(() => bodyRows(el).some((row) => row.getAttribute('aria-rowindex') === '1001'));
      expect(bodyRows(el).length).to.be.lessThan(60);
    } finally {
      spy.release();
      spy.restore();
    }
  });

  it('a focused row beyond the first screenful stays rendered (and focused) while the code loads', async () => {
    windowingLoader.module = undefined;
    const spy = spyOnLoads({ hold: true });
    try {
      const el = await mount(html`<acct-invoice-list .invoices=${invoices(150)}></acct-invoice-list>`);
      const button = bodyRows(el)[120].querySelector<HTMLElement>('[part="view-button"]')!;
      button.focus();
      // The host appends rows: the list passes 200 and waits for the windowing code.
      el.invoices = invoices(400);
      await until(() => $(el, '[role="table"]')!.classList.contains('virtual'));
      expect(bodyRows(el).length).to.be.lessThan(60);
      expect(button.isConnected).to.be.true;
      expect(el.shadowRoot!.activeElement).to.equal(button);
      spy.release();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(button);
    } finally {
      spy.release();
      spy.restore();
    }
  });

  it('a failed load renders every row plainly in the same scroller, with no error; the next change of rows loads it again', async () => {
    windowingLoader.module = undefined;
    const spy = spyOnLoads({ fail: true });
    try {
      let el!: AcctInvoiceList;
      const logged = await capturingConsoleErrors(async () => {
        el = await mount(html`<acct-invoice-list .invoices=${invoices(300)}></acct-invoice-list>`);
      });
      expect(logged.length, 'the failure is logged').to.be.greaterThan(0);
      expect(spy.calls).to.equal(1);
      const table = $(el, '[role="table"]')!;
      expect(table.classList.contains('virtual')).to.be.true;
      expect(bodyRows(el)).to.have.length(300);
      expect($(el, '[role="alert"]')).to.be.null;
      expect(table.clientHeight).to.be.lessThan(600);
      // Re-renders with the same rows do not try again.
      el.requestUpdate();
      await el.updateComplete;
      expect(spy.calls).to.equal(1);

      spy.restore();
      const again = spyOnLoads();
      try {
        el.invoices = invoices(320);
        await el.updateComplete;
        expect(again.calls).to.equal(1);
        expect(bodyRows(el).length).to.be.lessThan(60);
        expect($(el, '.virtual-body')).to.exist;
      } finally {
        again.restore();
      }
    } finally {
      spy.restore();
    }
  });
});

describe('list windowing under a strict CSP', () => {
  it("style-src 'self' (no 'unsafe-inline'): the gaps keep their heights; no style attribute is blocked", async () => {
    // A page of its own with the policy, loading the same modules from the test server.
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 60rem; height: 40rem"></iframe>`);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="style-src 'self'">
      <script type="module">
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.sample), true);
        await import('/src/components/invoice-list/acct-invoice-list.ts');
        window.ready = true;
      </script></head><body></body></html>`;
    await loaded;
    const win = frame.contentWindow as Window & { ready?: boolean; violations: string[] };
    await until(() => win.ready === true, 10_000);
    const el = win.document.createElement('acct-invoice-list') as AcctInvoiceList;
    el.invoices = invoices(1000);
    win.document.body.append(el);
    await el.updateComplete;
    await until(() => bodyRows(el).length > 0);
    const table = $(el, '[role="table"]')!;
    expect(table.scrollHeight).to.be.greaterThan(40_000);
    const gaps = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.virtual-body > .gap')];
    expect(gaps.length).to.be.greaterThan(0);
    for (const gap of gaps) expect(gap.getBoundingClientRect().height).to.be.greaterThan(0);
    table.scrollTop = table.scrollHeight / 2;
    await until(() => bodyRows(el).some((row) => Number(row.getAttribute('aria-rowindex')) > 400));
    expect(el.shadowRoot!.querySelectorAll('.virtual-body > .gap').length).to.equal(2);
    expect(win.violations).to.deep.equal([]);
  });
});
