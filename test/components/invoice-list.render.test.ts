import { expect, html } from '@open-wc/testing';
import { createFixture, toSummary } from '../../src/api/fixtures/generate.js';
import type { InvoiceSummary } from '../../src/api/schemas/invoice.js';
import { deepQueryAll } from '../helpers/wait.js';
import {
  $,
  $$,
  bodyRows,
  column,
  hasState,
  ignoreResizeObserverLoopNotices,
  memoryApi,
  mount,
  nextFrame,
  TODAY,
  until,
} from './invoice-list-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

let large: InvoiceSummary[] | undefined;
/** The 10,000-invoice fixture, generated once for this file (generating it costs more than rendering it). */
function largeInvoices(): InvoiceSummary[] {
  large ??= createFixture('large', TODAY).invoices.map(toSummary);
  return large;
}

describe('acct-invoice-list: rendering', () => {
  it('hostile server strings render as text; no element or javascript: link comes from server data', async () => {
    delete window.__xss;
    const api = memoryApi({ fixture: 'hostile' });
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    await nextFrame();
    expect(deepQueryAll(el, 'img, svg, script, iframe, object')).to.have.length(0);
    expect(window.__xss).to.be.undefined;
    const scripted = api.data.invoices.find((i) => i.number.includes('<script>'))!;
    expect(column(el, 0)).to.include(scripted.number);
    // Every pdf_url is javascript:…, so no row has a PDF link.
    expect($$(el, '[part="pdf-link"]')).to.have.length(0);
    expect($$(el, 'a').some((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).to.be.false;
    // An unknown status is a neutral badge with the raw value.
    const disputed = $$(el, '[part="status"]').find((b) => b.textContent === 'disputed')!;
    expect(disputed.className.trim()).to.equal('badge neutral');
    await expect(el).to.be.accessible();
  });

  it('PDF links only for https: or same-origin URLs, opening safely in a new tab', async () => {
    const base = toSummary(createFixture('typical', TODAY).invoices[0]);
    const urls = ['https://cdn.example.com/a.pdf', '/files/b.pdf', 'http://evil.example.com/c.pdf', 'data:application/pdf;base64,AA', null];
    const invoices = urls.map((pdf_url, i) => ({ ...base, id: `in_${i}`, number: `INV-${i}`, pdf_url }));
    const el = await mount(html`<acct-invoice-list .invoices=${invoices}></acct-invoice-list>`);
    const links = $$<HTMLAnchorElement>(el, '[part="pdf-link"]');
    expect(links.map((a) => a.href)).to.deep.equal(['https://cdn.example.com/a.pdf', new URL('/files/b.pdf', location.href).href]);
    expect(links[0].getAttribute('aria-label')).to.equal('Download invoice INV-0 as PDF');
    expect(links[0].target).to.equal('_blank');
    expect(links[0].rel).to.equal('noopener noreferrer');
  });

  const money: Array<[string, string, string, string]> = [
    ['jpy', 'en', '¥241,132', 'Mar 12, 2026'],
    ['jpy', 'de', '241.132 ¥', '12.03.2026'],
    ['kwd', 'en', 'KWD 33.165', 'Mar 12, 2026'],
    ['kwd', 'de', '33,165 KWD', '12.03.2026'],
  ];
  for (const [fixture, locale, total, date] of money) {
    it(`${fixture.toUpperCase()} in "${locale}": ${total}`, async () => {
      const api = memoryApi({ fixture: fixture as 'jpy' | 'kwd' });
      const el = await mount(html`<acct-invoice-list locale=${locale} page-size="5" .api=${api}></acct-invoice-list>`);
      // 241132 yen (no minor unit); 33165 fils = 33.165 dinars (three decimals).
      expect(api.data.invoices[0].total.amount).to.equal(fixture === 'jpy' ? 241132 : 33165);
      expect(column(el, 3)[0]).to.equal(total);
      expect(column(el, 1)[0]).to.equal(date);
      await expect(el).to.be.accessible();
    });
  }

  describe('virtualized', () => {
    let restore: () => void;
    beforeEach(() => (restore = ignoreResizeObserverLoopNotices()));
    afterEach(() => restore());

    it('10,000 host-supplied invoices: virtualized, few row elements, full aria-rowcount', async () => {
      const invoices = largeInvoices();
      const start = performance.now();
      const el = await mount(html`<acct-invoice-list .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const firstRender = performance.now() - start;
      expect(hasState(el, 'virtualized')).to.be.true;
      const table = $(el, '[role="table"]')!;
      expect(table.getAttribute('aria-rowcount')).to.equal('10001');
      expect(table.classList.contains('virtual')).to.be.true;
      const rendered = bodyRows(el).length;
      expect(rendered).to.be.greaterThan(5);
      expect(rendered).to.be.lessThan(200);
      const scroller = table;
      expect(scroller.clientHeight).to.be.lessThan(600);
      expect(scroller.scrollHeight).to.be.greaterThan(100_000);
      expect(firstRender).to.be.lessThan(1500);
      await expect(el).to.be.accessible();

      scroller.scrollTop = scroller.scrollHeight;
      await until(() => bodyRows(el).some((r) => r.getAttribute('aria-rowindex') === '10001'));
      expect(bodyRows(el).length).to.be.lessThan(200);
      const last = bodyRows(el).find((r) => r.getAttribute('aria-rowindex') === '10001')!;
      expect(last.textContent).to.contain(invoices[9999].number);
    });

    it('removing a virtualized list detaches the virtualizer; re-inserting it follows the scroll again', async () => {
      const el = await mount(html`<acct-invoice-list .invoices=${largeInvoices()}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const removed: string[] = [];
      const original = window.removeEventListener;
      window.removeEventListener = function (this: Window, type: string, ...rest: unknown[]) {
        removed.push(type);
        return original.call(this, type, ...(rest as [EventListener]));
      } as typeof window.removeEventListener;
      const parent = el.parentElement!;
      try {
        el.remove();
      } finally {
        window.removeEventListener = original;
      }
      expect(removed).to.include('scroll');

      parent.append(el);
      await el.updateComplete;
      const table = $(el, '[role="table"]')!;
      // The first layout after re-insertion may still move the scroll position: scroll until rows follow.
      await until(() => {
        table.scrollTop = table.scrollHeight / 2;
        return bodyRows(el).some((r) => Number(r.getAttribute('aria-rowindex')) > 4000);
      });
    });

    it('10,000 rows with an api that allows paying: select-all covers every payable row', async () => {
      const api = memoryApi();
      const invoices = largeInvoices();
      const el = await mount(html`<acct-invoice-list .api=${api} .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      $<HTMLInputElement>(el, '.head input[type="checkbox"]')!.click();
      await el.updateComplete;
      const payable = invoices.filter((i) => ['open', 'overdue'].includes(i.status) && i.amount_due.amount > 0);
      expect(el.selectedInvoices).to.have.length(payable.length);
      expect(bodyRows(el).length).to.be.lessThan(200);
    });
  });

  it('up to 200 rows render plainly (no scroll container)', async () => {
    const invoices = largeInvoices().slice(0, 200);
    const el = await mount(html`<acct-invoice-list .invoices=${invoices}></acct-invoice-list>`);
    expect(hasState(el, 'virtualized')).to.be.false;
    expect(bodyRows(el)).to.have.length(200);
    expect(bodyRows(el)[199].getAttribute('aria-rowindex')).to.equal('201');
  });

  it('narrow hosts show rows as cards with the column names in the cells, same roles', async () => {
    const el = await mount(html`<acct-invoice-list style="width: 22rem" page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
    const row = bodyRows(el)[0];
    const label = row.querySelector<HTMLElement>('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    expect(label.getAttribute('aria-hidden')).to.equal('true');
    expect(row.getAttribute('role')).to.equal('row');
    expect(el.shadowRoot!.querySelector('[role="table"]')!.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();

    el.style.width = '60rem';
    await nextFrame();
    expect(getComputedStyle(label).display).to.equal('none');
  });

  it('works right-to-left: the actions sit at the inline end', async () => {
    const el = await mount(html`<div dir="rtl"><acct-invoice-list style="width: 60rem" page-size="5" .api=${memoryApi()}></acct-invoice-list></div>`);
    const list = el.querySelector('acct-invoice-list')!;
    const row = bodyRows(list)[0];
    const cells = row.querySelectorAll<HTMLElement>('[role="cell"]');
    const first = cells[0].getBoundingClientRect();
    const actions = row.querySelector<HTMLElement>('.actions')!.getBoundingClientRect();
    expect(actions.left).to.be.lessThan(first.left);
    await expect(el).to.be.accessible();
  });
});
