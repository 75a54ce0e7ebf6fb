import { expect, html } from '@open-wc/testing';
import { createFixture, toSummary } from '../../src/api/fixtures/generate.js';
import type { InvoiceSummary } from '../../src/api/schemas/invoice.js';
import { sendKeys } from '@web/test-runner-commands';
import type { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import { deepQueryAll, waitForIdle } from '../helpers/wait.js';
import { spyOnLeaks } from '../helpers/leak-spy.js';
import { applyLocale } from '../../src/core/localization.js';
import type { AcctPayRequestEvent } from '../../src/events/index.js';
import { $, $$, bodyRows, column, hasState, memoryApi, mount, nextFrame, TODAY, until } from './invoice-list-helpers.js';

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
  it('rows replaced in place (host-supplied data) leave no markers behind in the row group', async () => {
    const invoices = largeInvoices();
    const el = await mount(html`<acct-invoice-list .invoices=${invoices.slice(0, 150)}></acct-invoice-list>`);
    for (let round = 1; round <= 6; round++) {
      // Every other round drops most rows, which is when a keyed repeat removes parts.
      el.invoices = round % 2 ? invoices.slice(round * 10, round * 10 + 20) : invoices.slice(0, 150);
      await el.updateComplete;
    }
    const body = $(el, '.body')!;
    const rows = bodyRows(el).length;
    expect(rows).to.equal(150);
    const comments = Array.from(body.childNodes).filter((n) => n.nodeType === Node.COMMENT_NODE).length;
    expect(comments).to.be.at.most(2 * rows + 1);
  });

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

  describe('virtualized (windowed)', () => {
    /** Scrolls the table to `top` and waits until the rendered rows have followed. */
    async function scrollTo(el: AcctInvoiceList, top: number) {
      const table = $(el, '[role="table"]')!;
      table.scrollTop = top;
      let quiet = 0;
      let last = '';
      while (quiet < 2) {
        await nextFrame();
        await el.updateComplete;
        const now = `${table.scrollTop}:${rowIndexes(el).join()}`;
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
    }
    const rowIndexes = (el: AcctInvoiceList) => bodyRows(el).map((r) => Number(r.getAttribute('aria-rowindex')));

    /** Every rendered row carries the aria-rowindex of its invoice (+2: header row, 1-based). */
    function expectRowsMatchInvoices(el: AcctInvoiceList, invoices: InvoiceSummary[]) {
      for (const row of bodyRows(el)) {
        const invoice = invoices[Number(row.getAttribute('aria-rowindex')) - 2];
        expect(row.textContent).to.contain(invoice.number);
      }
    }

    it('10,000 host-supplied invoices: few row elements, full aria-rowcount, aria-rowindex per row; the end shows the last invoice', async () => {
      const invoices = largeInvoices();
      const start = performance.now();
      const el = await mount(html`<acct-invoice-list style="width: 60rem" .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const firstRender = performance.now() - start;
      expect(hasState(el, 'virtualized')).to.be.true;
      const table = $(el, '[role="table"]')!;
      expect(table.getAttribute('aria-rowcount')).to.equal('10001');
      expect(table.classList.contains('virtual')).to.be.true;
      expect(bodyRows(el).length).to.be.within(5, 59);
      expect(rowIndexes(el).slice(0, 3)).to.deep.equal([2, 3, 4]);
      expectRowsMatchInvoices(el, invoices);
      expect(table.clientHeight).to.be.lessThan(600);
      expect(table.scrollHeight).to.be.greaterThan(100_000);
      expect(firstRender).to.be.lessThan(1500);
      await expect(el).to.be.accessible();

      await scrollTo(el, table.scrollHeight);
      expect(bodyRows(el).length).to.be.lessThan(60);
      expect(rowIndexes(el)).to.include(10001);
      expectRowsMatchInvoices(el, invoices);
      const last = bodyRows(el).find((r) => r.getAttribute('aria-rowindex') === '10001')!;
      expect(last.textContent).to.contain(invoices[9999].number);
      // The last row is really at the bottom of the scrolled content, in view.
      expect(last.getBoundingClientRect().bottom).to.be.closeTo(table.getBoundingClientRect().bottom - 1, 2);
      await expect(el).to.be.accessible();
    });

    it('scrolling through 10,000 rows keeps the row group small (no comment nodes pile up)', async () => {
      const el = await mount(html`<acct-invoice-list style="width: 60rem" .invoices=${largeInvoices()}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const table = $(el, '[role="table"]')!;
      const body = $(el, '.body')!;
      for (let step = 1; step <= 50; step++) {
        table.scrollTop = (table.scrollHeight * step) / 50;
        await nextFrame();
      }
      await scrollTo(el, table.scrollHeight);
      const rows = bodyRows(el).length;
      expect(rows).to.be.lessThan(60);
      // Each row and gap is one element between two markers; the template adds a marker and two texts.
      expect(body.childNodes.length).to.be.at.most(3 * (rows + 2) + 3);
      const comments = Array.from(body.childNodes).filter((n) => n.nodeType === Node.COMMENT_NODE).length;
      expect(comments).to.be.at.most(2 * (rows + 2) + 1);
    });

    it('narrow hosts: card rows of their own heights; the end still shows the last invoice', async () => {
      const invoices = largeInvoices();
      const el = await mount(html`<acct-invoice-list style="width: 22rem" .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const table = $(el, '[role="table"]')!;
      const [first, second] = bodyRows(el);
      // Cards: taller than a table row, and 0.5rem apart (their margin is part of the measured size).
      expect(first.offsetHeight).to.be.greaterThan(100);
      expect(second.getBoundingClientRect().top - first.getBoundingClientRect().bottom).to.be.closeTo(8, 1);
      await scrollTo(el, table.scrollHeight / 2);
      expectRowsMatchInvoices(el, invoices);
      await scrollTo(el, table.scrollHeight);
      await scrollTo(el, table.scrollHeight);
      expect(rowIndexes(el)).to.include(10001);
      expect(bodyRows(el).length).to.be.lessThan(60);
    });

    it('an inline detail opened in a long list pushes the rows below it down; scrolling on stays correct', async () => {
      const invoices = largeInvoices();
      const api = memoryApi({ fixture: 'large' });
      const el = await mount(html`<acct-invoice-list style="width: 60rem" inline-detail .api=${api} .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const table = $(el, '[role="table"]')!;
      const heightBefore = table.scrollHeight;
      bodyRows(el)[1].querySelector<HTMLButtonElement>('[part="view-button"]')!.click();
      await until(() => !!bodyRows(el)[1].querySelector('acct-invoice-detail'));
      const detail = bodyRows(el)[1].querySelector('acct-invoice-detail')!;
      // The detail's module loads on first use: wait until it is an element that can load.
      await customElements.whenDefined('acct-invoice-detail');
      await waitForIdle(detail);
      await scrollTo(el, 0);
      const [, expanded, next] = bodyRows(el);
      expect(expanded.offsetHeight).to.be.greaterThan(200);
      expect(next.getBoundingClientRect().top).to.be.closeTo(expanded.getBoundingClientRect().bottom, 1);
      expect(table.scrollHeight).to.be.greaterThan(heightBefore);
      await scrollTo(el, table.scrollHeight);
      await scrollTo(el, table.scrollHeight);
      expect(rowIndexes(el)).to.include(10001);
      expectRowsMatchInvoices(el, invoices);
    });

    it('keyboard: a focused row stays rendered when scrolled away; Tab goes on to the next row, never to the page', async () => {
      const invoices = largeInvoices();
      const el = await mount(html`<acct-invoice-list .invoices=${invoices}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      const table = $(el, '[role="table"]')!;
      const focusedRow = () => (el.shadowRoot!.activeElement as HTMLElement | null)?.closest('[role="row"]')?.getAttribute('aria-rowindex');
      // The last rendered row's last control, then Tab: the next row comes into the window and gets focus.
      const lastRendered = Math.max(...rowIndexes(el));
      let index = lastRendered;
      bodyRows(el).find((r) => r.getAttribute('aria-rowindex') === String(index))!
        .querySelector<HTMLElement>('[part="pdf-link"], [part="view-button"]:last-child')!.focus();
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        const now = Number(focusedRow());
        expect(now, `Tab ${i + 1}`).to.be.oneOf([index, index + 1]);
        index = now;
      }
      expect(index).to.be.at.least(lastRendered + 5);
      // Scrolled far away, the focused row is still in the DOM and still focused.
      await scrollTo(el, table.scrollHeight / 2);
      expect(focusedRow()).to.equal(String(index));
      expect(rowIndexes(el)).to.include(index);
      expect(bodyRows(el).length).to.be.lessThan(60);
      await sendKeys({ press: 'Tab' });
      expect(Number(focusedRow())).to.equal(index + 1);
    });

    it('removing a long list leaves no listener or observer behind; re-inserting it follows the scroll again', async () => {
      const spy = spyOnLeaks();
      try {
        const el = await mount(html`<acct-invoice-list style="width: 60rem" .invoices=${largeInvoices()}></acct-invoice-list>`);
        await until(() => bodyRows(el).length > 0);
        expect(spy.listeners('scroll')).to.equal(1);
        expect(spy.observers()).to.equal(1);
        const parent = el.parentElement!;
        for (let cycle = 0; cycle < 3; cycle++) {
          el.remove();
          expect(spy.listeners('scroll'), 'scroll listeners').to.equal(0);
          expect(spy.listeners('focusin'), 'focusin listeners').to.equal(0);
          expect(spy.observers(), 'resize observers').to.equal(0);
          parent.append(el);
          await el.updateComplete;
          expect(spy.listeners('scroll')).to.equal(1);
          expect(spy.observers()).to.equal(1);
        }
        const table = $(el, '[role="table"]')!;
        await scrollTo(el, table.scrollHeight / 2);
        expect(rowIndexes(el).some((i) => i > 4000)).to.be.true;
      } finally {
        spy.restore();
      }
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
      expect(bodyRows(el).length).to.be.lessThan(60);
      expect($$<HTMLInputElement>(el, '.body input[type="checkbox"]').every((box) => box.checked)).to.be.true;
    });

    it('a row scrolled into the window has its Pay: it requests that invoice (keyboard)', async () => {
      const invoices = largeInvoices().slice(0, 300);
      const last = { ...invoices[299], status: 'overdue', amount_due: { ...invoices[299].total } };
      const el = await mount(html`<acct-invoice-list style="width: 60rem" .api=${memoryApi()} .invoices=${[...invoices.slice(0, 299), last]}></acct-invoice-list>`);
      await until(() => bodyRows(el).length > 0);
      expect(hasState(el, 'virtualized')).to.be.true;
      const requests: AcctPayRequestEvent[] = [];
      el.addEventListener('acct-pay-request', (e) => requests.push(e));
      const table = $(el, '[role="table"]')!;
      await scrollTo(el, table.scrollHeight);
      const row = bodyRows(el).find((r) => r.getAttribute('aria-rowindex') === '301')!;
      const pay = row.querySelector<HTMLButtonElement>('[part="row-pay-button"]')!;
      expect(pay.getAttribute('aria-label')).to.equal(`Pay invoice ${last.number}`);
      pay.focus();
      await sendKeys({ press: 'Enter' });
      expect(requests.map((e) => e.detail)).to.deep.equal([{ invoices: [last], total: last.total }]);
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

  it('Pay, View and PDF fit their cell in the longest language (German), as a table at 60rem and as cards at 390px', async () => {
    await applyLocale('de-DE');
    try {
      for (const width of ['60rem', '390px']) {
        const el = await mount(html`<acct-invoice-list locale="de-DE" style=${`width: ${width}`} page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
        await el.updateComplete;
        const pay = $$(el, '[part="row-pay-button"]');
        expect(pay.length, width).to.be.greaterThan(0);
        expect(pay[0].textContent!.trim()).to.equal('Bezahlen');
        for (const cell of $$(el, '.body .actions')) {
          const box = cell.getBoundingClientRect();
          for (const action of Array.from(cell.children)) {
            const rect = action.getBoundingClientRect();
            expect(rect.left, width).to.be.at.least(box.left - 0.5);
            expect(rect.right, width).to.be.at.most(box.right + 0.5);
          }
        }
        expect($(el, '[role="table"]')!.scrollWidth, width).to.be.at.most(el.clientWidth + 1);
        el.remove();
      }
    } finally {
      await applyLocale('en');
    }
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
