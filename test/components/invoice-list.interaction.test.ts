import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { toSummary } from '../../src/api/fixtures/generate.js';
import type { AcctInvoiceViewEvent, AcctPayRequestEvent, AcctSelectionChangeEvent } from '../../src/events/index.js';
import type { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, bodyRows, hasState, memoryApi, mount, record, until } from './invoice-list-helpers.js';

function focused(el: AcctInvoiceList): HTMLElement | null {
  return el.shadowRoot!.activeElement as HTMLElement | null;
}

function selectAll(el: AcctInvoiceList): HTMLInputElement {
  return $<HTMLInputElement>(el, '.head input[type="checkbox"]')!;
}

/** Focus the filter (the first stop), then Tab `times`. */
async function tabFromFilter(el: AcctInvoiceList, times: number) {
  $<HTMLInputElement>(el, '[part="filter"] input:checked')!.focus();
  for (let i = 0; i < times; i++) await sendKeys({ press: 'Tab' });
}

describe('acct-invoice-list: selection, keyboard and actions', () => {
  it('only payable rows (open/overdue with an amount due) have a checkbox, named after the invoice', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    const boxes = $$<HTMLInputElement>(el, '.body input[type="checkbox"]');
    const payable = api.data.invoices.slice(0, 5).filter((i) => ['open', 'overdue'].includes(i.status) && i.amount_due.amount > 0);
    expect(payable.length).to.be.greaterThan(1);
    expect(boxes.map((b) => b.getAttribute('aria-label'))).to.deep.equal(payable.map((i) => `Select invoice ${i.number}`));
    expect(selectAll(el).getAttribute('aria-label')).to.equal('Select all open invoices');
    expect($(el, '[part="pay-button"]')!.hasAttribute('disabled')).to.be.true;
  });

  it('Tab reaches a row checkbox and Space selects it; the summary announces count and total', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    const changes = record<AcctSelectionChangeEvent>(el, 'acct-selection-change');
    await tabFromFilter(el, 2);
    expect(focused(el)!.getAttribute('aria-label')).to.equal(`Select invoice ${api.data.invoices[0].number}`);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.selectedInvoices.map((i) => i.id)).to.deep.equal([api.data.invoices[0].id]);
    expect(bodyRows(el)[0].classList.contains('selected')).to.be.true;
    expect(selectAll(el).indeterminate).to.be.true;
    expect($(el, '[part="summary"] [role="status"]')!.textContent!.trim()).to.equal('1 invoice selected, total $998.99');
    expect(changes).to.have.length(1);
    expect(changes[0].detail.total).to.deep.equal({ amount: 99899, currency: 'USD' });
    await expect(el).to.be.accessible();
  });

  it('select-all by keyboard: checked over the loaded payable rows, then unchecked', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    await tabFromFilter(el, 1);
    expect(focused(el)).to.equal(selectAll(el));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    const boxes = $$<HTMLInputElement>(el, '.body input[type="checkbox"]');
    expect(boxes.every((b) => b.checked)).to.be.true;
    expect(el.selectedInvoices).to.have.length(boxes.length);
    expect(selectAll(el).checked).to.be.true;
    expect(selectAll(el).indeterminate).to.be.false;
    const total = el.selectedInvoices.reduce((sum, i) => sum + i.amount_due.amount, 0);
    expect($(el, '[part="summary"] [role="status"]')!.textContent).to.contain(`${boxes.length} invoices selected, total $`);
    expect(total).to.equal(api.data.invoices.filter((i) => ['open', 'overdue'].includes(i.status)).reduce((s, i) => s + i.amount_due.amount, 0));
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.selectedInvoices).to.have.length(0);
    expect(boxes.some((b) => b.checked)).to.be.false;
    expect($(el, '[part="summary"] [role="status"]')!.textContent!.trim()).to.equal('No invoices selected.');
  });

  it('Enter on "Pay selected" dispatches acct-pay-request with the invoices and their total', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    const requests = record<AcctPayRequestEvent>(document, 'acct-pay-request');
    await tabFromFilter(el, 2);
    await sendKeys({ press: 'Space' });
    // Row 1: checkbox, Pay, View, PDF; then row 2's checkbox.
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    expect(focused(el)!.getAttribute('aria-label')).to.equal(`Select invoice ${api.data.invoices[1].number}`);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect($(el, '[part="summary"] [role="status"]')!.textContent!.trim()).to.equal('2 invoices selected, total $2,273.25');

    $<HTMLButtonElement>(el, '[part="pay-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(requests).to.have.length(1);
    const { invoices, total } = requests[0].detail;
    expect(invoices.map((i) => i.id)).to.deep.equal([api.data.invoices[0].id, api.data.invoices[1].id]);
    expect(invoices[0]).to.deep.equal(toSummary(api.data.invoices[0]));
    // The fixture's own figures: $998.99 + $1,274.26.
    expect(api.data.invoices[0].amount_due.amount + api.data.invoices[1].amount_due.amount).to.equal(227325);
    expect(total).to.deep.equal({ amount: 227325, currency: 'USD' });
  });

  it('a row\'s Pay (keyboard: after its checkbox) dispatches acct-pay-request with that invoice alone, in full', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    const requests = record<AcctPayRequestEvent>(document, 'acct-pay-request');
    const shown = api.data.invoices.slice(0, 5);
    const payable = shown.filter((i) => ['open', 'overdue'].includes(i.status) && i.amount_due.amount > 0);
    expect(payable.length).to.be.within(2, 4);
    // Only unpaid rows have one, named after their invoice; the row's other actions stay.
    const buttons = $$<HTMLButtonElement>(el, '[part="row-pay-button"]');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal(payable.map((i) => `Pay invoice ${i.number}`));
    expect(buttons.every((b) => b.textContent!.trim() === 'Pay' && b.type === 'button')).to.be.true;
    for (const [index, row] of bodyRows(el).entries()) {
      expect(!!row.querySelector('[part="row-pay-button"]')).to.equal(payable.includes(shown[index]));
    }

    await tabFromFilter(el, 3);
    expect(focused(el)!.getAttribute('aria-label')).to.equal(`Pay invoice ${shown[0].number}`);
    await sendKeys({ press: 'Enter' });
    expect(requests).to.have.length(1);
    expect(requests[0].bubbles && requests[0].composed).to.be.true;
    expect(requests[0].detail.invoices).to.deep.equal([toSummary(shown[0])]);
    expect(requests[0].detail.total).to.deep.equal(shown[0].amount_due);
    // Paying one row neither needs nor changes the selection.
    expect(el.selectedInvoices).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    expect(requests).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('clearSelection() unselects everything and tells the host', async () => {
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
    selectAll(el).click();
    await el.updateComplete;
    const changes = record<AcctSelectionChangeEvent>(el, 'acct-selection-change');
    el.clearSelection();
    await el.updateComplete;
    expect(el.selectedInvoices).to.deep.equal([]);
    expect($$<HTMLInputElement>(el, '.body input[type="checkbox"]').some((b) => b.checked)).to.be.false;
    expect(changes).to.have.length(1);
    expect(changes[0].detail).to.deep.equal({ invoices: [], total: null });
  });

  it('mixed currencies: Pay is disabled and the reason is given', async () => {
    const api = memoryApi();
    const [usd, other] = api.data.invoices.slice(0, 2).map(toSummary);
    const eur = { ...other, total: { ...other.total, currency: 'EUR' }, amount_due: { ...other.amount_due, currency: 'EUR' } };
    const el = await mount(html`<acct-invoice-list .api=${api} .invoices=${[usd, eur]}></acct-invoice-list>`);
    const changes = record<AcctSelectionChangeEvent>(el, 'acct-selection-change');
    selectAll(el).click();
    await el.updateComplete;
    expect(el.selectedInvoices).to.have.length(2);
    const pay = $<HTMLButtonElement>(el, '[part="pay-button"]')!;
    expect(pay.disabled).to.be.true;
    expect($(el, '#mixed-currencies')!.textContent).to.contain('different currencies');
    expect(pay.getAttribute('aria-describedby')).to.equal('mixed-currencies');
    expect(changes[0].detail.total).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('View dispatches acct-invoice-view with the invoice; no aria-expanded without inline-detail', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list page-size="5" .api=${api}></acct-invoice-list>`);
    const views = record<AcctInvoiceViewEvent>(document, 'acct-invoice-view');
    const view = $$<HTMLButtonElement>(el, '[part="view-button"]')[2];
    expect(view.getAttribute('aria-label')).to.equal(`View invoice ${api.data.invoices[2].number}`);
    expect(view.hasAttribute('aria-expanded')).to.be.false;
    view.click();
    expect(views).to.have.length(1);
    expect(views[0].cancelable).to.be.true;
    expect(views[0].detail.invoiceId).to.equal(api.data.invoices[2].id);
    expect(views[0].detail.invoice).to.deep.equal(toSummary(api.data.invoices[2]));
  });

  it('inline-detail: View toggles the detail below the row and aria-expanded', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list inline-detail page-size="5" .api=${api}></acct-invoice-list>`);
    const view = $$<HTMLButtonElement>(el, '[part="view-button"]')[0];
    expect(view.getAttribute('aria-expanded')).to.equal('false');
    view.click();
    await el.updateComplete;
    expect(view.getAttribute('aria-expanded')).to.equal('true');
    const detailCell = el.shadowRoot!.getElementById(view.getAttribute('aria-controls')!)!;
    expect(detailCell.closest('[role="row"]')).to.equal(bodyRows(el)[0]);
    const detail = detailCell.querySelector('acct-invoice-detail')!;
    expect(detail.getAttribute('invoice-id')).to.equal(api.data.invoices[0].id);
    await until(() => customElements.get('acct-invoice-detail') !== undefined);
    await waitForIdle(el);
    await expect(el).to.be.accessible();

    view.click();
    await el.updateComplete;
    expect(view.getAttribute('aria-expanded')).to.equal('false');
    expect(view.hasAttribute('aria-controls')).to.be.false;
    expect($(el, 'acct-invoice-detail')).to.be.null;
  });

  it('inline-detail: a host that prevents acct-invoice-view keeps the row collapsed', async () => {
    const el = await mount(html`<acct-invoice-list inline-detail .api=${memoryApi()}></acct-invoice-list>`);
    el.addEventListener('acct-invoice-view', (e) => e.preventDefault());
    const view = $$<HTMLButtonElement>(el, '[part="view-button"]')[0];
    view.click();
    await el.updateComplete;
    expect(view.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, 'acct-invoice-detail')).to.be.null;
  });

  it('host-supplied invoices without an api: shown read-only, no request, no configuration error', async () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const invoices = memoryApi().data.invoices.slice(0, 5).map(toSummary);
      const el = await mount(html`<acct-invoice-list .invoices=${invoices}></acct-invoice-list>`);
      await new Promise((r) => setTimeout(r, 150));
      await el.updateComplete;
      expect(hasState(el, 'populated')).to.be.true;
      expect(hasState(el, 'readonly')).to.be.true;
      expect(hasState(el, 'unconfigured')).to.be.false;
      expect(bodyRows(el)).to.have.length(5);
      expect($$(el, 'input[type="checkbox"]')).to.have.length(0);
      expect($(el, '[part="load-more"]')).to.be.null;
      expect($(el, '[role="table"]')!.getAttribute('aria-rowcount')).to.equal('6');
      expect(logged).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('host-supplied invoices with an api: loads only the account, for capabilities', async () => {
    const api = memoryApi();
    const invoices = api.data.invoices.slice(0, 5).map(toSummary);
    const el = await mount(html`<acct-invoice-list .api=${api} .invoices=${invoices}></acct-invoice-list>`);
    expect(api.calls.map((c) => c.operation)).to.deep.equal(['getAccount']);
    expect($$(el, '.body input[type="checkbox"]').length).to.be.greaterThan(0);
    expect(hasState(el, 'readonly')).to.be.false;
  });
});
