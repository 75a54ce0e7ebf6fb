import { expect, html } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import '../../src/components/transaction-history/acct-transaction-history.js';
import type { AcctTransactionHistory } from '../../src/components/transaction-history/transaction-history.js';
import { csvField, textCell, transactionsCsv } from '../../src/components/transaction-history/transaction-csv.js';
import type { Transaction } from '../../src/api/schemas/transaction.js';
import { $, accountApi, hasState, mountIdle, text, until } from './account-helpers.js';

function rows(el: Element): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="rowgroup"].body [role="row"]')];
}

describe('acct-transaction-history', () => {
  it('lists the ledger newest first with the running balance ending at the account’s balance', async () => {
    const api = accountApi();
    const el = await mountIdle<AcctTransactionHistory>(html`<acct-transaction-history page-size="10" .api=${api}></acct-transaction-history>`);
    expect(rows(el)).to.have.length(10);
    const balance = (api.data.account.balance.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(text(rows(el)[0].querySelectorAll('[role="cell"]')[4])).to.contain(balance);
    expect(hasState(el, 'populated')).to.equal(true);
  });

  it('the type filter and the dates ask the server again; no match says so', async () => {
    const api = accountApi();
    const el = await mountIdle<AcctTransactionHistory>(html`<acct-transaction-history .api=${api}></acct-transaction-history>`);
    const select = $<HTMLSelectElement>(el, '[part~="type-filter"]')!;
    select.value = 'payment';
    select.dispatchEvent(new Event('change'));
    await until(() => rows(el).length > 0 && rows(el).every((row) => text(row).includes('Payment')));
    const last = api.calls.filter((c) => c.operation === 'listTransactions').at(-1)!;
    expect((last.args[0] as { type: string }).type).to.equal('payment');
    select.value = 'refund';
    select.dispatchEvent(new Event('change'));
    await until(() => hasState(el, 'empty'));
    expect(text($(el, '[part~="empty"]'))).to.contain('No transactions match');
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
    await until(() => hasState(el, 'populated'));
    const from = $<HTMLInputElement>(el, '[part~="from-filter"]')!;
    from.value = '2026-03-01';
    from.dispatchEvent(new Event('change'));
    const to = $<HTMLInputElement>(el, '[part~="to-filter"]')!;
    to.value = '2026-03-10';
    to.dispatchEvent(new Event('change'));
    await until(() => {
      const q = api.calls.filter((c) => c.operation === 'listTransactions').at(-1)!.args[0] as { from?: string; to?: string };
      return q.from === '2026-03-01' && q.to === '2026-03-10';
    });
    await expect(el).to.be.accessible();
  });

  it('a license purchase shows its sales order link and prorated months', async () => {
    const api = accountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 3 }, { idempotencyKey: 'q' });
    await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, { idempotencyKey: 'o' });
    const el = await mountIdle<AcctTransactionHistory>(html`<acct-transaction-history type="license_purchase" .api=${api}></acct-transaction-history>`);
    expect(rows(el)).to.have.length(1);
    expect(text(rows(el)[0])).to.contain('License purchase').and.match(/Sales order SO-\d{6}/).and.match(/Prorated: \d+ months?/);
    expect($<HTMLAnchorElement>(el, '[part~="document-link"]')!.hasAttribute('download')).to.equal(true);
  });

  it('exports every filtered row as CSV with a BOM, through the pages, and says how many', async () => {
    const api = accountApi();
    const el = await mountIdle<AcctTransactionHistory>(html`<acct-transaction-history type="payment" .api=${api}></acct-transaction-history>`);
    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      $<HTMLButtonElement>(el, '[part~="export-button"]')!.click();
      await until(() => text($(el, '[part~="export-status"]')).startsWith('Exported'));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0].download).to.match(/^transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await (await fetch(clicked[0].href)).arrayBuffer());
    // UTF-8's byte-order mark (text() would decode it away).
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const payments = (await api.listTransactions({ type: 'payment', limit: 100 })).total_count!;
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).to.have.length(payments + 1);
    expect(lines[0]).to.equal('Date,Type,Description,Reference,Amount,Currency,Balance,Prorated period');
    expect(text($(el, '[part~="export-status"]'))).to.contain(`Exported ${payments} transactions`);
  });

  it('a failed export says so and keeps the list', async () => {
    let calls = 0;
    const api = accountApi({ fail: (op) => (op === 'listTransactions' && ++calls > 1 ? new ApiError('server', 'boom', { status: 500 }) : undefined) });
    const el = await mountIdle<AcctTransactionHistory>(html`<acct-transaction-history .api=${api}></acct-transaction-history>`);
    $<HTMLButtonElement>(el, '[part~="export-button"]')!.click();
    await until(() => text($(el, '[part~="export-status"]')).includes('The export failed'));
    expect(rows(el).length).to.be.greaterThan(0);
    expect($(el, '[part~="export-status"]')!.getAttribute('role')).to.equal('alert');
  });
});

describe('transaction CSV', () => {
  it('neutralises formulas in text, quotes what needs quoting, keeps negative amounts numbers', () => {
    expect(textCell('=HYPERLINK("x")')).to.equal(`'=HYPERLINK("x")`);
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(textCell(`${lead}1`)).to.equal(`'${lead}1`);
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    const row: Transaction = {
      id: 't',
      type: 'payment',
      occurred_at: '2026-03-01T10:00:00Z',
      description: '=cmd|/c calc',
      amount: { amount: -1250, currency: 'USD' },
      balance_after: { amount: 0, currency: 'KWD' },
      invoice_number: 'INV-1',
    };
    const csv = transactionsCsv([row], { date: 'Date', type: 'Type', description: 'Description', reference: 'Reference', amount: 'Amount', currency: 'Currency', balance: 'Balance', period: 'Period' }, (t) => t);
    expect(csv.split('\r\n')[1]).to.equal(`2026-03-01T10:00:00Z,payment,'=cmd|/c calc,INV-1,-12.50,USD,0.000,`);
  });
});
