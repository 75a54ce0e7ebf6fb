import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { safeLinkUrl } from '../../src/core/safe-url.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import { ApiError } from '../../src/api/errors.js';
import { createFixture, toSummary, type FixtureName } from '../../src/api/fixtures/generate.js';
import type { RequestOptions } from '../../src/api/account-api.js';
import type { Money } from '../../src/api/schemas/common.js';
import type { InvoiceDetail } from '../../src/api/schemas/invoice.js';
import { formatMoney } from '../../src/core/money.js';
import { formatCalendarDate } from '../../src/core/dates.js';
import { AcctErrorEvent, AcctPayRequestEvent } from '../../src/events/index.js';
import { waitForIdle } from '../helpers/wait.js';

/** Fixed, so statuses (open / overdue) and dates are the same on every run. */
const TODAY = new Date('2026-05-20T12:00:00Z');
const OVERDUE_ID = 'in_1_000037';
const NEWEST_ID = 'in_1_000039';
const PAID_ID = 'in_1_000035';

function memoryApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ today: TODAY, ...options });
}

function invoiceOf(api: MemoryAccountApi, id: string): InvoiceDetail {
  const invoice = api.data.invoices.find((inv) => inv.id === id);
  if (!invoice) throw new Error(`fixture has no ${id}`);
  return invoice;
}

async function renderDetail(api: MemoryAccountApi | undefined, id: string | undefined, locale?: string): Promise<AcctInvoiceDetail> {
  const el = await fixture<AcctInvoiceDetail>(
    html`<acct-invoice-detail .api=${api} invoice-id=${id ?? ''} locale=${locale ?? 'en'}></acct-invoice-detail>`,
  );
  await waitForIdle(el);
  return el;
}

const root = (el: AcctInvoiceDetail) => el.shadowRoot!;
const part = (el: AcctInvoiceDetail, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const hasState = (el: Element, state: string) => el.matches(`:state(${state})`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The label → value pairs of a figures list (summary or totals), values as displayed. */
function figures(list: HTMLElement | null): Array<[string, string]> {
  return Array.from(list?.querySelectorAll('.figure') ?? []).map((row) => [
    text(row.querySelector('dt')),
    row.querySelector('dd')!.textContent!.trim(),
  ]);
}

/**
 * The displayed digits of a non-negative amount are exactly its minor units (`$1,371.31` ↔ 137131,
 * `KWD 33.165` ↔ 33165, `￥2,411` ↔ 2411) in every locale: nothing was rounded or recomputed.
 */
function expectSameMinorUnits(displayed: string, money: Money) {
  expect(Number(displayed.replace(/\D/g, '')), `${displayed} shows ${money.amount} ${money.currency}`).to.equal(Math.abs(money.amount));
}

function expectFiguresOf(el: AcctInvoiceDetail, invoice: InvoiceDetail, locale: string) {
  const money = (m: Money) => formatMoney(m, locale);
  const s = invoice.summary;
  const summary = figures(part(el, 'summary'));
  expect(summary.map(([, v]) => v)).to.deep.equal(
    [s.previous_balance, s.payments_received, s.overdue, s.current_charges, s.tax, s.amount_due].map(money),
  );
  summary.forEach(([, v], i) => expectSameMinorUnits(v, [s.previous_balance, s.payments_received, s.overdue, s.current_charges, s.tax, s.amount_due][i]));
  const totals = figures(part(el, 'totals'));
  const expectedTotals = [invoice.subtotal, ...invoice.taxes.map((t) => t.amount), invoice.total, invoice.amount_due];
  expect(totals.map(([, v]) => v)).to.deep.equal(expectedTotals.map(money));
  totals.forEach(([, v], i) => expectSameMinorUnits(v, expectedTotals[i]));

  const tables = Array.from(root(el).querySelectorAll('table'));
  expect(tables).to.have.length(invoice.groups.length);
  invoice.groups.forEach((group, g) => {
    const table = tables[g];
    expect(text(table.querySelector('caption'))).to.equal(group.title);
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    expect(rows).to.have.length(group.lines.length);
    group.lines.forEach((line, l) => {
      const cells = rows[l].querySelectorAll('th, td');
      expect(cells[3].textContent!.trim()).to.equal(money(line.amount));
      expectSameMinorUnits(cells[3].textContent!.trim(), line.amount);
      if (line.unit_price) expect(cells[2].textContent!.trim()).to.equal(money(line.unit_price));
    });
    const subtotal = table.querySelector('tfoot td.num')!.textContent!.trim();
    expect(subtotal).to.equal(money(group.subtotal));
  });
}

describe('acct-invoice-detail', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>).__xss;
  });

  describe('loading', () => {
    it('shows a busy skeleton with :state(loading) and passes axe', async () => {
      const api = memoryApi({ latencyMs: Number.POSITIVE_INFINITY });
      const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail>`);
      await el.updateComplete;
      expect(hasState(el, 'loading')).to.be.true;
      expect(hasState(el, 'populated')).to.be.false;
      const base = part(el, 'base')!;
      expect(base.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelector('.skeleton')).to.exist;
      expect(text(root(el).querySelector('[role="status"]'))).to.equal('Loading invoice…');
      await expect(el).to.be.accessible();
    });
  });

  describe('populated', () => {
    it('shows the server figures to the minor unit, grouped tables, status, dates and actions', async () => {
      const api = memoryApi();
      const invoice = invoiceOf(api, OVERDUE_ID);
      const el = await renderDetail(api, OVERDUE_ID);
      expect(hasState(el, 'populated')).to.be.true;
      expect(hasState(el, 'loading')).to.be.false;
      expect(hasState(el, 'readonly')).to.be.false;

      const title = part(el, 'title')!;
      expect(title.localName).to.equal('h2');
      expect(text(title)).to.equal(`Invoice ${invoice.number}`);
      const status = part(el, 'status')!;
      expect(text(status)).to.equal('Status: Overdue');
      expect(status.classList.contains('danger')).to.be.true;

      const facts = text(root(el).querySelector('.facts'));
      expect(facts).to.contain(`Issued${formatCalendarDate(invoice.issued_on, 'en')}`);
      expect(facts).to.contain(`Due${formatCalendarDate(invoice.due_on!, 'en')}`);
      expect(facts).to.contain(formatCalendarDate(invoice.period!.start, 'en'));
      expect(text(root(el).querySelector('.bill-to'))).to.contain(invoice.bill_to!.name);
      expect(text(root(el).querySelector('.bill-to'))).to.contain('United States');

      const labels = figures(part(el, 'summary')).map(([label]) => label);
      expect(labels).to.deep.equal(['Previous balance', 'Payments received', 'Overdue', 'Current charges', 'Tax', 'Total balance due']);
      expect(figures(part(el, 'totals')).map(([label]) => label)).to.deep.equal(['Subtotal', 'Sales tax (8.25%)', 'Total', 'Amount due']);
      expectFiguresOf(el, invoice, 'en');

      const headers = Array.from(root(el).querySelectorAll('table')[0].querySelectorAll('thead th')).map(text);
      expect(headers).to.deep.equal(['Description', 'Quantity', 'Unit price', 'Amount']);
      const firstLine = invoice.groups[0].lines[0];
      const qty = text(root(el).querySelector('tbody td.num'));
      expect(qty).to.contain(`${firstLine.quantity} ${firstLine.unit}`);

      const pdf = part(el, 'pdf-link') as HTMLAnchorElement;
      expect(pdf.href).to.equal(invoice.pdf_url);
      expect(pdf.target).to.equal('_blank');
      expect(pdf.rel).to.equal('noopener noreferrer');
      expect(part(el, 'pay-button')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('right-aligns money in tabular numerals', async () => {
      const el = await renderDetail(memoryApi(), OVERDUE_ID);
      const amount = root(el).querySelector('tbody td.num:last-child')!;
      const style = getComputedStyle(amount);
      expect(style.textAlign).to.equal('end');
      expect(style.fontVariantNumeric).to.equal('tabular-nums');
    });

    it('shows the memo and no Pay button for a paid invoice', async () => {
      const api = memoryApi();
      const el = await renderDetail(api, PAID_ID);
      expect(text(part(el, 'memo'))).to.equal('Thank you for your business.');
      expect(text(part(el, 'status'))).to.equal('Status: Paid');
      expect(part(el, 'status')!.classList.contains('success')).to.be.true;
      expect(part(el, 'pay-button')).to.be.null;
      expect(hasState(el, 'readonly')).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('maps every status to a badge; an unknown one stays neutral with its raw text', async () => {
      const data = createFixture('typical', TODAY);
      const cases: Array<[string, string, string | null]> = [
        ['open', 'Open', null],
        ['overdue', 'Overdue', 'danger'],
        ['paid', 'Paid', 'success'],
        ['void', 'Void', null],
        ['draft', 'Draft', null],
        ['uncollectible', 'Uncollectible', 'warning'],
        ['in_review', 'in_review', null],
      ];
      cases.forEach(([status], i) => (data.invoices[i].status = status));
      // The data's own today: an open invoice past due would read overdue (as on the server).
      const api = new MemoryAccountApi({ fixture: data, today: TODAY });
      for (const [i, [, label, tone]] of cases.entries()) {
        const el = await renderDetail(api, data.invoices[i].id);
        const badge = part(el, 'status')!;
        expect(text(badge)).to.equal(`Status: ${label}`);
        for (const t of ['danger', 'success', 'warning']) expect(badge.classList.contains(t), `${label} ${t}`).to.equal(t === tone);
      }
    });

    it('shows the server subtotal even when the groups disagree, and warns the host', async () => {
      const data = createFixture('typical', TODAY);
      const invoice = data.invoices.find((inv) => inv.id === OVERDUE_ID)!;
      invoice.subtotal = { ...invoice.subtotal, amount: invoice.subtotal.amount + 1 };
      const warnings: unknown[][] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        const el = await renderDetail(new MemoryAccountApi({ fixture: data }), OVERDUE_ID);
        expect(figures(part(el, 'totals'))[0][1]).to.equal(formatMoney(invoice.subtotal, 'en'));
        expect(String(warnings[0]?.[0])).to.contain('group subtotals add up to');
      } finally {
        console.warn = original;
      }
    });

    it('reflects invoice-id, and compact drops the card chrome', async () => {
      const el = await renderDetail(memoryApi(), OVERDUE_ID);
      el.invoiceId = NEWEST_ID;
      el.compact = true;
      await el.updateComplete;
      expect(el.getAttribute('invoice-id')).to.equal(NEWEST_ID);
      expect(el.hasAttribute('compact')).to.be.true;
      await waitForIdle(el);
      const style = getComputedStyle(part(el, 'base')!);
      expect(style.borderTopWidth).to.equal('0px');
      expect(style.paddingTop).to.equal('0px');
      await expect(el).to.be.accessible();
    });

    it('moves the quantity and unit price under the description in a narrow host', async () => {
      const api = memoryApi();
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 20rem"><acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail></div>`,
      );
      const el = wrapper.querySelector('acct-invoice-detail')!;
      await waitForIdle(el);
      const unitPriceColumn = root(el).querySelector('th.unit-price')!;
      const quantityColumn = root(el).querySelector('th.quantity')!;
      const inline = root(el).querySelector('.inline-quantity')!;
      expect(getComputedStyle(unitPriceColumn).display).to.equal('none');
      expect(getComputedStyle(quantityColumn).display).to.equal('none');
      expect(getComputedStyle(inline).display).to.equal('block');
      expect(text(inline)).to.match(/^\d+ \S+ at \$/);
      wrapper.style.inlineSize = '60rem';
      await new Promise((r) => requestAnimationFrame(r));
      expect(getComputedStyle(unitPriceColumn).display).to.equal('table-cell');
      expect(getComputedStyle(quantityColumn).display).to.equal('table-cell');
      expect(getComputedStyle(inline).display).to.equal('none');
    });

    it('reloads with fresh: true when invoices are invalidated, keeping the invoice on screen', async () => {
      const api = memoryApi({ latencyMs: 30 });
      const options: Array<RequestOptions | undefined> = [];
      const getInvoice = api.getInvoice.bind(api);
      api.getInvoice = (id, o) => {
        options.push(o);
        return getInvoice(id, o);
      };
      const el = await renderDetail(api, OVERDUE_ID);
      api.invalidate(['invoices']);
      await el.updateComplete;
      expect(hasState(el, 'loading')).to.be.true;
      expect(part(el, 'title'), 'still shown while reloading').to.exist;
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      await waitForIdle(el);
      expect(options).to.have.length(2);
      expect(options[1]?.fresh).to.be.true;
      expect(part(el, 'base')!.hasAttribute('aria-busy')).to.be.false;
    });
    it('still follows invalidations after being moved in the DOM', async () => {
      const api = memoryApi();
      const wrapper = await fixture<HTMLDivElement>(html`<div><acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail><p></p></div>`);
      const el = wrapper.querySelector('acct-invoice-detail')!;
      await waitForIdle(el);
      wrapper.append(el);
      await waitForIdle(el);
      const gets = () => api.calls.filter((c) => c.operation === 'getInvoice').length;
      expect(gets()).to.equal(1);
      api.invalidate(['invoices']);
      await waitForIdle(el);
      expect(gets()).to.equal(2);
    });
  });

  describe('latest', () => {
    it('shows the newest invoice: one list call with limit 1, then the invoice', async () => {
      const api = memoryApi();
      const el = await renderDetail(api, 'latest');
      expect(text(part(el, 'title'))).to.equal(`Invoice ${invoiceOf(api, NEWEST_ID).number}`);
      const invoiceCalls = api.calls.filter((c) => c.operation !== 'getAccount');
      expect(invoiceCalls).to.deep.equal([
        { operation: 'listInvoices', args: [{ limit: 1 }] },
        { operation: 'getInvoice', args: [NEWEST_ID] },
      ]);
      expectFiguresOf(el, invoiceOf(api, NEWEST_ID), 'en');
      await expect(el).to.be.accessible();
    });

    it('says so when the account has no invoices', async () => {
      const el = await renderDetail(memoryApi({ fixture: 'empty' }), 'latest');
      expect(hasState(el, 'empty')).to.be.true;
      expect(text(root(el))).to.equal('There are no invoices yet.');
      await expect(el).to.be.accessible();
    });
  });

  describe('not found', () => {
    it('names the invoice, offers Retry, and does not retry by itself', async () => {
      const api = memoryApi();
      const errors: AcctErrorEvent[] = [];
      const el = await fixture<AcctInvoiceDetail>(
        html`<acct-invoice-detail .api=${api} invoice-id="in_missing" @acct-error=${(e: AcctErrorEvent) => errors.push(e)}></acct-invoice-detail>`,
      );
      await waitForIdle(el);
      expect(hasState(el, 'not-found')).to.be.true;
      const message = part(el, 'error')!;
      expect(message.getAttribute('role')).to.equal('alert');
      expect(text(message)).to.contain('We could not find invoice in_missing.');
      await sleep(200);
      const gets = () => api.calls.filter((c) => c.operation === 'getInvoice').length;
      expect(gets()).to.equal(1);
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error.kind).to.equal('not-found');
      await expect(el).to.be.accessible();

      part(el, 'retry-button')!.click();
      await waitForIdle(el);
      expect(gets()).to.equal(2);
      expect(hasState(el, 'not-found')).to.be.true;
      expect(errors).to.have.length(2);
    });
  });

  describe('errors', () => {
    it('shows the error with its reference and Retry, reports acct-error once, and recovers', async () => {
      const api = memoryApi({
        fail: (operation, index) =>
          operation === 'getInvoice' && index === 0 ? new ApiError('server', 'boom', { status: 503, requestId: 'req_42' }) : undefined,
      });
      const errors: AcctErrorEvent[] = [];
      const el = await fixture<AcctInvoiceDetail>(
        html`<acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID} @acct-error=${(e: AcctErrorEvent) => errors.push(e)}></acct-invoice-detail>`,
      );
      await waitForIdle(el);
      expect(hasState(el, 'error')).to.be.true;
      const message = part(el, 'error')!;
      expect(text(message)).to.contain('Something went wrong on our side.');
      expect(text(message)).to.contain('Reference: req_42');
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error.status).to.equal(503);
      await el.updateComplete;
      expect(errors, 'not reported again on a later render').to.have.length(1);
      await expect(el).to.be.accessible();

      part(el, 'retry-button')!.click();
      await waitForIdle(el);
      expect(hasState(el, 'populated')).to.be.true;
      expect(hasState(el, 'error')).to.be.false;
      expectFiguresOf(el, invoiceOf(api, OVERDUE_ID), 'en');
    });

    it('shows an invalid response with the bad path and Retry', async () => {
      const api = memoryApi({
        fail: (operation) =>
          operation === 'getInvoice' ? new ApiError('invalid-response', 'bad data', { path: 'groups[0].subtotal.amount' }) : undefined,
      });
      const el = await renderDetail(api, OVERDUE_ID);
      expect(hasState(el, 'error')).to.be.true;
      const message = text(part(el, 'error'));
      expect(message).to.contain('The server sent data we could not read.');
      expect(message).to.contain('Unexpected value at groups[0].subtotal.amount');
      expect(part(el, 'retry-button')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('still shows the invoice when the account fails, without Pay, with a Retry for it', async () => {
      const api = memoryApi({
        fail: (operation, index) => (operation === 'getAccount' && index === 0 ? new ApiError('network', 'offline') : undefined),
      });
      const errors: AcctErrorEvent[] = [];
      const el = await fixture<AcctInvoiceDetail>(
        html`<acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID} @acct-error=${(e: AcctErrorEvent) => errors.push(e)}></acct-invoice-detail>`,
      );
      await waitForIdle(el);
      expect(hasState(el, 'populated')).to.be.true;
      expect(part(el, 'pay-button')).to.be.null;
      expect(text(root(el).querySelector('.permissions-note'))).to.contain('We could not check whether you can pay this invoice.');
      expect(errors.map((e) => e.detail.error.kind)).to.deep.equal(['network']);
      await expect(el).to.be.accessible();
      part(el, 'retry-button')!.click();
      await el.updateComplete;
      expect(part(el, 'title'), 'the invoice stays while permissions load again').to.exist;
      await waitForIdle(el);
      expect(part(el, 'pay-button')).to.exist;
      expect(api.calls.filter((c) => c.operation === 'getInvoice'), 'the invoice is not loaded again').to.have.length(1);
    });
  });

  describe('permissions', () => {
    it('a billing viewer sees the invoice and the PDF but no Pay button (:state(readonly))', async () => {
      const api = memoryApi({ fixture: 'viewer' });
      const el = await renderDetail(api, OVERDUE_ID);
      expect(hasState(el, 'readonly')).to.be.true;
      expect(hasState(el, 'populated')).to.be.true;
      expect(part(el, 'pay-button')).to.be.null;
      expect(part(el, 'pdf-link')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('no invoice selected', () => {
    it('asks to choose an invoice and calls nothing', async () => {
      for (const id of [undefined, '  ']) {
        const api = memoryApi();
        const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail .api=${api} invoice-id=${id ?? ''}></acct-invoice-detail>`);
        if (id === undefined) el.removeAttribute('invoice-id');
        await waitForIdle(el);
        expect(hasState(el, 'no-id')).to.be.true;
        expect(text(root(el))).to.equal('Choose an invoice to see its details.');
        expect(root(el).querySelector('[role="alert"]')).to.be.null;
        expect(api.calls).to.deep.equal([]);
        await expect(el).to.be.accessible();
      }
    });
  });

  describe('configuration missing', () => {
    it('says what to set, on screen and once in the console', async () => {
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail invoice-id=${OVERDUE_ID}></acct-invoice-detail>`);
        expect(hasState(el, 'loading'), 'waits for a provider first').to.be.true;
        await waitForIdle(el);
        expect(hasState(el, 'unconfigured')).to.be.true;
        expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
        expect(text(part(el, 'error'))).to.contain('Set api-base and token');
        await el.updateComplete;
        expect(errors).to.have.length(1);
        expect(String(errors[0][0])).to.contain('"api-base"').and.contain('"token"');
        await expect(el).to.be.accessible();
      } finally {
        console.error = original;
      }
    });

    it('treats api-base without a token as missing configuration', async () => {
      const original = console.error;
      console.error = () => undefined;
      try {
        const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail api-base="/mock-api/none" invoice-id="x"></acct-invoice-detail>`);
        await waitForIdle(el);
        expect(hasState(el, 'unconfigured')).to.be.true;
      } finally {
        console.error = original;
      }
    });
  });

  describe('currencies and locales', () => {
    const cases: Array<[FixtureName, string, string]> = [
      ['jpy', 'in_4_000022', 'en'],
      ['jpy', 'in_4_000022', 'de'],
      ['kwd', 'in_5_000021', 'en'],
      ['kwd', 'in_5_000021', 'de'],
    ];
    for (const [fixtureName, id, locale] of cases) {
      it(`${fixtureName.toUpperCase()} in ${locale}: exact minor units, locale formatting, axe`, async () => {
        const api = memoryApi({ fixture: fixtureName });
        const invoice = invoiceOf(api, id);
        const el = await renderDetail(api, id, locale);
        expectFiguresOf(el, invoice, locale);
        const total = figures(part(el, 'totals')).at(-2)![1];
        const decimal = locale === 'de' ? ',' : '.';
        if (fixtureName === 'jpy') expect(total).not.to.contain(decimal);
        else expect(total).to.match(new RegExp(`\\${decimal}\\d{3}(\\D|$)`));
        expect(text(root(el).querySelector('.facts'))).to.contain(formatCalendarDate(invoice.issued_on, locale));
        // The bill-to's country in the reader's language, as saved addresses show it.
        const country = new Intl.DisplayNames([locale], { type: 'region' }).of(fixtureName === 'jpy' ? 'JP' : 'KW')!;
        expect(text(root(el).querySelector('.bill-to'))).to.contain(country);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('dark scheme and right-to-left', () => {
    afterEach(() => {
      document.documentElement.style.colorScheme = '';
      document.documentElement.dir = '';
    });

    it('passes axe in dark mode (populated, overdue badge, error)', async () => {
      document.documentElement.style.colorScheme = 'dark';
      const el = await renderDetail(memoryApi(), OVERDUE_ID);
      expect(getComputedStyle(el).color).to.equal('rgb(230, 232, 235)');
      await expect(el).to.be.accessible();
      const failing = await renderDetail(memoryApi({ fail: () => new ApiError('server', 'boom', { status: 500 }) }), OVERDUE_ID);
      await expect(failing).to.be.accessible();
    });

    it('mirrors in right-to-left pages: money stays at the end edge', async () => {
      document.documentElement.dir = 'rtl';
      const el = await renderDetail(memoryApi(), OVERDUE_ID);
      const cell = el.shadowRoot!.querySelector('tbody td.num:last-child')!;
      const row = cell.closest('tr')!;
      expect(cell.getBoundingClientRect().left - row.getBoundingClientRect().left).to.be.lessThan(2);
      await expect(el).to.be.accessible();
    });
  });

  describe('hostile server data', () => {
    it('renders script-bearing strings as text, creates no elements from them, and links no javascript: URL', async () => {
      const api = memoryApi({ fixture: 'hostile' });
      const el = await renderDetail(api, 'latest');
      const invoice = api.data.invoices[0];
      expect(text(part(el, 'title'))).to.equal(`Invoice ${invoice.number}`);
      expect(text(part(el, 'title'))).to.contain('<script>');
      expect(text(root(el).querySelector('caption'))).to.contain('"><svg onload=');
      expect(text(root(el).querySelector('tbody th'))).to.contain('<img src=x onerror=');
      expect(root(el).querySelector('script, img, svg, iframe, object')).to.be.null;
      expect(part(el, 'pdf-link')).to.be.null;
      expect(root(el).querySelector('a')).to.be.null;
      await sleep(50);
      expect((window as unknown as Record<string, unknown>).__xss).to.be.undefined;
      await expect(el).to.be.accessible();
    });

    it('shows an unknown status neutral with its raw text', async () => {
      const el = await renderDetail(memoryApi({ fixture: 'hostile' }), 'in_6_000004');
      expect(text(part(el, 'status'))).to.equal('Status: disputed');
      expect(part(el, 'pay-button'), 'only open and overdue invoices can be paid').to.be.null;
    });

    it('links only https: and same-origin URLs', () => {
      expect(safeLinkUrl('https://files.example.com/a.pdf')).to.equal('https://files.example.com/a.pdf');
      expect(safeLinkUrl('/files/a.pdf')).to.equal(`${location.origin}/files/a.pdf`);
      expect(safeLinkUrl('javascript:window.__xss=1')).to.be.undefined;
      expect(safeLinkUrl(' JavaScript:alert(1)')).to.be.undefined;
      expect(safeLinkUrl('data:text/html,<script>1</script>')).to.be.undefined;
      expect(safeLinkUrl('http://elsewhere.example/a.pdf')).to.be.undefined;
      expect(safeLinkUrl('https://[bad')).to.be.undefined;
      expect(safeLinkUrl(null)).to.be.undefined;
    });
  });

  describe('keyboard', () => {
    it('Tab reaches Pay and the PDF link; Enter and Space on Pay request payment with this invoice', async () => {
      const api = memoryApi();
      const invoice = invoiceOf(api, OVERDUE_ID);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><button id="before">before</button><acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail></div>`,
      );
      const el = wrapper.querySelector('acct-invoice-detail')!;
      await waitForIdle(el);
      const events: AcctPayRequestEvent[] = [];
      wrapper.addEventListener('acct-pay-request', (e) => events.push(e));
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(part(el, 'pay-button'));
      await sendKeys({ press: 'Enter' });
      expect(events).to.have.length(1);
      await sendKeys({ press: 'Space' });
      expect(events).to.have.length(2);
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(part(el, 'pdf-link'));
      for (const event of events) {
        expect(event).to.be.instanceOf(AcctPayRequestEvent);
        expect(event.bubbles && event.composed).to.be.true;
        expect(event.detail).to.deep.equal({ invoices: [toSummary(invoice)], total: invoice.amount_due });
      }
    });
  });

  describe('requests', () => {
    it('changing invoice-id aborts the previous request: slow A then fast B shows B', async () => {
      let getCalls = 0;
      const api = memoryApi({ latencyMs: (operation) => (operation === 'getInvoice' ? (getCalls++ === 0 ? 300 : 10) : 0) });
      const signals = new Map<string, AbortSignal | undefined>();
      const getInvoice = api.getInvoice.bind(api);
      api.getInvoice = (id, options) => {
        signals.set(id, options?.signal);
        return getInvoice(id, options);
      };
      const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail>`);
      await sleep(20);
      el.invoiceId = NEWEST_ID;
      await waitForIdle(el);
      expect(signals.get(OVERDUE_ID)?.aborted).to.be.true;
      expect(text(part(el, 'title'))).to.equal(`Invoice ${invoiceOf(api, NEWEST_ID).number}`);
      await sleep(350);
      expect(text(part(el, 'title'))).to.equal(`Invoice ${invoiceOf(api, NEWEST_ID).number}`);
      expect(hasState(el, 'populated')).to.be.true;
    });

    it('removing the element mid-load aborts its requests without errors; re-inserting loads again', async () => {
      const api = memoryApi({ latencyMs: 200 });
      const signals: Array<AbortSignal | undefined> = [];
      const getInvoice = api.getInvoice.bind(api);
      api.getInvoice = (id, options) => {
        signals.push(options?.signal);
        return getInvoice(id, options);
      };
      const consoleErrors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => consoleErrors.push(args);
      const uncaught: unknown[] = [];
      const onError = (e: ErrorEvent | PromiseRejectionEvent) => uncaught.push(e);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      const acctErrors: Event[] = [];
      try {
        const wrapper = await fixture<HTMLDivElement>(html`<div><acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID}></acct-invoice-detail></div>`);
        const el = wrapper.querySelector('acct-invoice-detail')!;
        el.addEventListener('acct-error', (e) => acctErrors.push(e));
        await sleep(20);
        el.remove();
        expect(signals[0]?.aborted).to.be.true;
        await sleep(300);
        expect(consoleErrors).to.deep.equal([]);
        expect(uncaught).to.deep.equal([]);
        expect(acctErrors).to.deep.equal([]);

        wrapper.append(el);
        await waitForIdle(el);
        expect(hasState(el, 'populated')).to.be.true;
        expect(signals).to.have.length(2);
      } finally {
        console.error = original;
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onError);
      }
    });
  });

  describe('heading-level', () => {
    it('sets the title level and puts section headings one below', async () => {
      const api = memoryApi();
      const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail .api=${api} invoice-id=${OVERDUE_ID} heading-level="3"></acct-invoice-detail>`);
      await waitForIdle(el);
      expect(part(el, 'title')!.localName).to.equal('h3');
      expect(Array.from(root(el).querySelectorAll('h4')).map(text)).to.deep.equal(['Bill to', 'Account summary', 'Charges']);
      el.headingLevel = 6;
      await el.updateComplete;
      expect(part(el, 'title')!.localName).to.equal('h6');
      expect(root(el).querySelectorAll('h6')).to.have.length(4);
    });

    it('warns about an invalid level and keeps 2', async () => {
      for (const value of ['0', '7', 'two', '2.5']) {
        const warnings: unknown[][] = [];
        const original = console.warn;
        console.warn = (...args: unknown[]) => warnings.push(args);
        try {
          const el = await fixture<AcctInvoiceDetail>(
            html`<acct-invoice-detail .api=${memoryApi()} invoice-id=${OVERDUE_ID} heading-level=${value}></acct-invoice-detail>`,
          );
          await waitForIdle(el);
          expect(part(el, 'title')!.localName).to.equal('h2');
          expect(warnings).to.have.length(1);
          expect(String(warnings[0][0])).to.contain(`heading-level="${value}"`);
        } finally {
          console.warn = original;
        }
      }
    });
  });
});
