/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import type { SalesOrderDocument } from '../../server/licenses.js';
import { renderInvoicePdf, renderSalesOrderPdf } from '../../server/pdf.js';
import { createFixture } from '../../src/api/fixtures/generate.js';
import type { InvoiceDetail } from '../../src/api/schemas/index.js';
import { formatMoney } from '../../src/core/money.js';

const TODAY = new Date('2026-03-15T00:00:00Z');

/** Windows-1252 for 0x80-0x9F (Node 20's TextDecoder treats windows-1252 as Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const winAnsi = {
  decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(''),
};

/**
 * The text drawn on the pages: pdf-lib writes each string as `<WinAnsi hex> Tj` inside
 * Flate-compressed content streams (WinAnsi is Windows-1252 for the characters drawn here).
 */
async function pageText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const strings: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const filter = object.dict.get(PDFName.of('Filter'));
    const raw = Buffer.from(object.contents);
    const content = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) strings.push(winAnsi.decode(Buffer.from(match[1], 'hex')));
  }
  return strings.join('\n');
}

/** An invoice far longer than one page: 150 lines in three groups. */
function longInvoice(): InvoiceDetail {
  const base = createFixture('typical', TODAY).invoices[0];
  const groups = [0, 1, 2].map((g) => {
    const lines = Array.from({ length: 50 }, (_, i) => ({
      id: `li_long_${g}_${i}`,
      description: `Consulting hours, project ${g + 1}, task ${i + 1} — a description long enough to wrap onto a second line in the table`,
      quantity: 1.5,
      unit: 'h',
      unit_price: { amount: 12_000, currency: 'USD' },
      amount: { amount: 18_000, currency: 'USD' },
    }));
    return { id: `grp_long_${g}`, title: `Project ${g + 1}`, lines, subtotal: { amount: 50 * 18_000, currency: 'USD' } };
  });
  return { ...base, number: 'INV-LONG-0001', groups };
}

describe('invoice PDF', () => {
  const typical = createFixture('typical', TODAY);
  const invoice = typical.invoices[0];

  test('is a PDF that loads back, A4, with title and producer', async () => {
    const bytes = await renderInvoicePdf(invoice, typical.account);
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    assert.equal(doc.getTitle(), `Invoice ${invoice.number}`);
    assert.equal(doc.getProducer(), 'Account Elements reference server');
    const { width, height } = doc.getPage(0).getSize();
    assert.deepEqual([Math.round(width), Math.round(height)], [595, 842]);
  });

  test('shows the invoice number, the formatted amounts, the groups and the summary', async () => {
    const bytes = await renderInvoicePdf(invoice, typical.account);
    const text = await pageText(bytes);
    assert.match(text, new RegExp(`Invoice ${invoice.number}`));
    assert.ok(text.includes(formatMoney(invoice.total, 'en-US')), `total ${formatMoney(invoice.total, 'en-US')}`);
    assert.ok(text.includes(formatMoney(invoice.amount_due, 'en-US')));
    assert.ok(text.includes(formatMoney(invoice.summary.amount_due, 'en-US')));
    for (const label of ['Previous balance', 'Payments received', 'Overdue', 'Current charges', 'Total balance due', 'Amount due', 'Northwind Traders']) {
      assert.ok(text.includes(label), label);
    }
    for (const group of invoice.groups) {
      assert.ok(text.includes(group.title), group.title);
      assert.ok(text.includes(formatMoney(group.subtotal, 'en-US')), `subtotal of ${group.title}`);
      for (const line of group.lines) assert.ok(text.includes(formatMoney(line.amount, 'en-US')), line.description);
    }
    for (const tax of invoice.taxes) assert.ok(text.includes(tax.label));
    // Units in the plural the quantity needs, as the elements show them (issue 9, new user 3).
    for (const quantity of ['8 seats', '279 invoices', '1 pass', '2 seats', '74 GB']) assert.ok(text.includes(quantity), quantity);
    assert.ok(!/\b8 seat\b(?!s)/.test(text), 'not "8 seat"');
    // A byte search finds the number too (the Info dictionary keeps a plain copy).
    assert.ok(Buffer.from(bytes).includes(invoice.number));
  });

  test('a long invoice continues onto further pages with page numbers', async () => {
    const long = longInvoice();
    const bytes = await renderInvoicePdf(long, typical.account);
    const doc = await PDFDocument.load(bytes);
    assert.ok(doc.getPageCount() > 1, `${doc.getPageCount()} pages`);
    const text = await pageText(bytes);
    assert.ok(text.includes(`Page ${doc.getPageCount()} of ${doc.getPageCount()}`));
    assert.ok(text.includes('(continued)'));
    assert.ok(text.includes('task 50'), 'the last line is printed');
    assert.ok(text.includes('1.5 h'));
    assert.ok(text.includes('$9,000.00'), 'each group subtotal');
  });

  test('Japanese text renders as ? instead of throwing; yen amounts stay exact', async () => {
    const jpy = createFixture('jpy', TODAY);
    const bytes = await renderInvoicePdf(jpy.invoices[0], jpy.account);
    const text = await pageText(bytes);
    assert.ok(text.includes('?'.repeat([...jpy.account.name].length)), 'the account name');
    assert.ok(text.includes(formatMoney(jpy.invoices[0].total, 'en-US')), formatMoney(jpy.invoices[0].total, 'en-US'));
    assert.equal((await PDFDocument.load(bytes)).getTitle(), `Invoice ${jpy.invoices[0].number}`);
  });

  test('hostile strings and emoji render as plain text', async () => {
    const hostile = createFixture('hostile', TODAY);
    for (const inv of hostile.invoices) {
      const bytes = await renderInvoicePdf(inv, hostile.account);
      assert.ok((await PDFDocument.load(bytes)).getPageCount() >= 1);
    }
    const emoji = { ...hostile.invoices[0], number: 'INV-🔥(1)\\', memo: 'Thanks 🙏\u0000\nnext line ﬁne café' };
    const text = await pageText(await renderInvoicePdf(emoji, { name: 'Zoë 😀 GmbH\t' }));
    assert.ok(text.includes('Invoice INV-?(1)\\'));
    assert.ok(text.includes('Zoë ? GmbH'));
    assert.ok(text.includes('Thanks ? next line fine café'), 'controls become spaces, ligatures fold');
    const scripted = hostile.invoices.find((inv) => inv.number.includes('<script>'))!;
    assert.ok((await pageText(await renderInvoicePdf(scripted, hostile.account))).includes(`Invoice ${scripted.number}`));
  });

  test('the same invoice renders to the same bytes', async () => {
    const a = await renderInvoicePdf(invoice, typical.account);
    const b = await renderInvoicePdf(invoice, typical.account);
    assert.deepEqual(Buffer.from(a), Buffer.from(b));
  });

  test('render time of a typical invoice (reported, not asserted)', async (t) => {
    await renderInvoicePdf(invoice, typical.account); // warm up fonts and Intl
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) await renderInvoicePdf(typical.invoices[i], typical.account);
    const long = longInvoice();
    const longStart = performance.now();
    await renderInvoicePdf(long, typical.account);
    t.diagnostic(`typical invoice: ${((performance.now() - start) / runs).toFixed(1)} ms per PDF; 150-line invoice: ${(performance.now() - longStart).toFixed(1)} ms`);
  });
});

describe('sales order PDF', () => {
  const order: SalesOrderDocument = {
    number: 'SO-000042',
    created_at: '2026-03-15T14:30:00.000Z',
    status: 'pending_provisioning',
    account_name: 'Northwind Traders',
    authorized_by: 'Demo admin',
    quote_id: 'lq_1234',
    product_name: 'Workspace',
    additional_quantity: 3,
    unit_label: 'seat',
    unit_price: { amount: 14_400, currency: 'USD' },
    period: { start: '2026-03-15', end: '2026-11-06', months: 7, days: 22 },
    proration_policy: 'prorate_by_day',
    subtotal: { amount: 27_581, currency: 'USD' },
    tax: { amount: 2_275, currency: 'USD' },
    tax_label: 'Sales tax',
    tax_basis_points: 825,
    total: { amount: 29_856, currency: 'USD' },
    payment_type: 'payment_method',
    payment_label: 'Visa •••• 4242',
    invoice_number: 'INV-2026-L0042',
    invoice_due_on: '2026-03-15',
    provisioned_at: null,
  };

  test('names the order, the buyer, the licenses and their prorated period, the amounts, the payment and who authorized it', async () => {
    const bytes = await renderSalesOrderPdf(order);
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    assert.equal(doc.getTitle(), 'Sales order SO-000042');
    const text = await pageText(bytes);
    for (const expected of [
      'Sales order SO-000042',
      'Northwind Traders',
      'Workspace',
      '3 seats',
      '$144.00',
      '7 months and 22 days',
      'Mar 15, 2026 - Nov 6, 2026',
      'prorated by day',
      '$275.81',
      'Sales tax (8.25%)',
      '$22.75',
      '$298.56',
      'Charged to Visa •••• 4242 (invoice INV-2026-L0042)',
      'Authorized by Demo admin on behalf of Northwind Traders',
      'lq_1234',
      'Page 1 of 1',
    ]) {
      assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    }
    assert.ok(Buffer.from(bytes).includes('/OrderNumber (SO-000042)'));
  });

  test('an invoiced order says which invoice and when it is due; a short period in days; hostile names render as text', async () => {
    const invoiced = { ...order, payment_type: 'invoice', payment_label: null, invoice_due_on: '2026-04-14', period: { ...order.period, months: 0, days: 9 } };
    const text = await pageText(await renderSalesOrderPdf(invoiced));
    assert.ok(text.includes('Invoiced: invoice INV-2026-L0042, due Apr 14, 2026'), text);
    assert.ok(text.includes('9 days'));
    const hostile = { ...order, account_name: '<img src=x onerror="window.__xss=1">株式会社', product_name: '"><svg onload=1>Workspace 😀' };
    const hostileText = await pageText(await renderSalesOrderPdf(hostile));
    assert.ok(hostileText.includes('<img src=x onerror="window.__xss=1">????'));
    assert.ok(hostileText.includes('"><svg onload=1>Workspace ?'));
  });

  test('the same order renders to the same bytes', async () => {
    assert.deepEqual(Buffer.from(await renderSalesOrderPdf(order)), Buffer.from(await renderSalesOrderPdf(order)));
  });
});
