/// <reference types="node" />
/**
 * Invoice and sales order PDFs with pdf-lib and the standard Helvetica fonts (nothing to embed, small files).
 * Helvetica only encodes WinAnsi: every string goes through `encodable()` first, so a Japanese
 * account name or an emoji becomes '?' instead of an exception.
 */
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceDetail, InvoiceLine, Money } from '../src/api/schemas/index.js';
import { formatMoney } from '../src/core/money.js';
import { formatCalendarDate, formatTimestamp } from '../src/core/dates.js';
import { countryName } from '../src/core/country-name.js';
import { quantityWithUnit } from '../src/core/units.js';
import type { SalesOrderDocument } from './licenses.js';

const LOCALE = 'en-US';
const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 50;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_SPACE = 40;
const SIZE = { title: 20, heading: 12, body: 9.5, small: 8 };
const LEADING = 1.3;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.8, 0.8, 0.83);

/** Line-item table columns: description (left) and three right-aligned numbers (right edges). */
const COLUMNS = {
  description: { x: MARGIN, width: 235 },
  quantity: { right: MARGIN + 330 },
  unitPrice: { right: MARGIN + 415 },
  amount: { right: PAGE.width - MARGIN },
};

const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  overdue: 'Overdue',
  paid: 'Paid',
  void: 'Void',
  draft: 'Draft',
  uncollectible: 'Uncollectible',
};

const money = (value: Money) => formatMoney(value, LOCALE);
const date = (value: string) => formatCalendarDate(value, LOCALE, 'medium');
const quantityFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });

/** Text the font can encode: controls become spaces, accents are dropped if need be, the rest '?'. */
function encodable(text: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (charset.has(code)) out += char;
    else {
      // "ﬁ" → "fi", narrow no-break space → space, "ő" → "o"; anything else is unrepresentable.
      const folded = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += folded && [...folded].every((c) => charset.has(c.codePointAt(0)!)) ? folded : '?';
    }
  }
  return out;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  charset: ReadonlySet<number>;
}

interface TextStyle {
  font?: 'regular' | 'bold';
  size?: number;
  color?: ReturnType<typeof rgb>;
}

/** A top-down cursor over as many A4 pages as the content needs. */
class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  /** Drawn at the top of every page after the first (the table header while lines are printed). */
  continuation: (() => void) | null = null;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN;
    if (this.pages.length > 1) this.continuation?.();
  }

  /** Starts a new page unless `height` more points fit above the footer. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  font(style: TextStyle): PDFFont {
    return style.font === 'bold' ? this.fonts.bold : this.fonts.regular;
  }

  clean(text: string): string {
    return encodable(text, this.fonts.charset);
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(this.clean(text), style.size ?? SIZE.body);
  }

  /** Draws one line of text with its baseline `size` below the cursor row (does not move it). */
  text(text: string, x: number, style: TextStyle = {}, align: 'left' | 'right' = 'left'): void {
    const size = style.size ?? SIZE.body;
    const clean = this.clean(text);
    const font = this.font(style);
    const left = align === 'right' ? x - font.widthOfTextAtSize(clean, size) : x;
    this.page.drawText(clean, { x: left, y: this.y - size, size, font, color: style.color ?? INK });
  }

  /** Splits text into lines no wider than `width`, breaking inside words only when one is too long. */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of this.clean(text).split(/ +/)) {
      const candidate = current ? `${current} ${word}` : word;
      if (this.width(candidate, style) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      let rest = word;
      while (this.width(rest, style) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && this.width(rest.slice(0, cut), style) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      current = rest;
    }
    if (current || lines.length === 0) lines.push(current);
    return lines;
  }

  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? SIZE.body) * LEADING;
  }

  advance(points: number): void {
    this.y -= points;
  }

  rule(thickness = 0.5, color = RULE): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE.width - MARGIN, y: this.y },
      thickness,
      color,
    });
  }
}

function drawHeader(layout: Layout, invoice: InvoiceDetail, accountName: string): void {
  const top = layout.y;
  const name = layout.wrap(accountName, CONTENT_WIDTH / 2 - 10, { font: 'bold', size: SIZE.heading });
  for (const line of name) {
    layout.text(line, MARGIN, { font: 'bold', size: SIZE.heading });
    layout.advance(layout.lineHeight({ size: SIZE.heading }));
  }
  const leftBottom = layout.y;

  layout.y = top;
  layout.text(`Invoice ${invoice.number}`, PAGE.width - MARGIN, { font: 'bold', size: SIZE.title }, 'right');
  layout.advance(SIZE.title * LEADING);
  const status = STATUS_LABELS[invoice.status] ?? invoice.status;
  const facts: Array<[string, string]> = [
    ['Status', status],
    ['Issued', date(invoice.issued_on)],
    ...(invoice.due_on ? [['Due', date(invoice.due_on)] as [string, string]] : []),
    ...(invoice.period ? [['Period', `${date(invoice.period.start)} - ${date(invoice.period.end)}`] as [string, string]] : []),
  ];
  for (const [label, value] of facts) {
    layout.text(value, PAGE.width - MARGIN, {}, 'right');
    layout.text(label, PAGE.width - MARGIN - 170, { color: MUTED });
    layout.advance(layout.lineHeight());
  }
  layout.y = Math.min(layout.y, leftBottom);

  if (invoice.bill_to) {
    layout.advance(12);
    layout.text('Bill to', MARGIN, { size: SIZE.small, color: MUTED });
    layout.advance(layout.lineHeight({ size: SIZE.small }));
    // The PDF is in English (its labels are): the country by its English name.
    const country = invoice.bill_to.country ? [countryName(invoice.bill_to.country, 'en')] : [];
    for (const line of [invoice.bill_to.name, ...invoice.bill_to.lines, ...country]) {
      for (const wrapped of layout.wrap(line, CONTENT_WIDTH / 2)) {
        layout.ensureSpace(layout.lineHeight());
        layout.text(wrapped, MARGIN, line === invoice.bill_to.name ? { font: 'bold' } : {});
        layout.advance(layout.lineHeight());
      }
    }
  }
  layout.advance(16);
}

/** Label on the left, amount right-aligned; used by the summary and the totals. */
function drawAmountRow(layout: Layout, label: string, amount: Money, style: TextStyle = {}, labelX = MARGIN): void {
  const height = layout.lineHeight(style) + 2;
  layout.ensureSpace(height);
  layout.text(label, labelX, style);
  layout.text(money(amount), COLUMNS.amount.right, style, 'right');
  layout.advance(height);
}

function drawSummary(layout: Layout, invoice: InvoiceDetail): void {
  const { summary } = invoice;
  layout.ensureSpace(7 * layout.lineHeight() + 30);
  layout.text('Statement summary', MARGIN, { font: 'bold', size: SIZE.heading });
  layout.advance(layout.lineHeight({ size: SIZE.heading }) + 2);
  layout.rule();
  layout.advance(4);
  drawAmountRow(layout, 'Previous balance', summary.previous_balance);
  drawAmountRow(layout, 'Payments received', summary.payments_received);
  drawAmountRow(layout, 'Overdue', summary.overdue);
  drawAmountRow(layout, 'Current charges', summary.current_charges);
  drawAmountRow(layout, 'Tax', summary.tax);
  layout.rule();
  layout.advance(4);
  drawAmountRow(layout, 'Total balance due', summary.amount_due, { font: 'bold' });
  layout.advance(16);
}

function drawTableHeader(layout: Layout): void {
  const style: TextStyle = { font: 'bold', size: SIZE.small, color: MUTED };
  layout.text('Description', COLUMNS.description.x, style);
  layout.text('Quantity', COLUMNS.quantity.right, style, 'right');
  layout.text('Unit price', COLUMNS.unitPrice.right, style, 'right');
  layout.text('Amount', COLUMNS.amount.right, style, 'right');
  layout.advance(layout.lineHeight(style) + 2);
  layout.rule();
  layout.advance(4);
}

function lineRow(layout: Layout, invoice: InvoiceDetail, line: InvoiceLine): { description: string[]; height: number } {
  const description = layout.wrap(line.description, COLUMNS.description.width);
  // A line's own period is worth a row only when it differs from the invoice's.
  const period = line.period && invoice.period;
  if (line.period && !(period && line.period.start === period.start && line.period.end === period.end)) description.push(`${date(line.period.start)} - ${date(line.period.end)}`);
  return { description, height: description.length * layout.lineHeight() + 4 };
}

function drawLine(layout: Layout, invoice: InvoiceDetail, line: InvoiceLine): void {
  const row = lineRow(layout, invoice, line);
  layout.ensureSpace(row.height);
  if (line.quantity !== null) {
    // "8 seats", "1 seat": the elements' unit words (English here, the PDF's language); unknown units as given.
    const formatted = quantityFormat.format(line.quantity);
    const quantity = line.unit ? quantityWithUnit(formatted, line.quantity, line.unit) : formatted;
    layout.text(quantity, COLUMNS.quantity.right, {}, 'right');
  }
  if (line.unit_price) layout.text(money(line.unit_price), COLUMNS.unitPrice.right, {}, 'right');
  layout.text(money(line.amount), COLUMNS.amount.right, {}, 'right');
  row.description.forEach((text, i) => {
    layout.text(text, COLUMNS.description.x, i === 0 ? {} : { color: MUTED, size: SIZE.small });
    layout.advance(layout.lineHeight());
  });
  layout.advance(4);
}

function drawLineItems(layout: Layout, invoice: InvoiceDetail): void {
  layout.ensureSpace(80);
  layout.text('Charges', MARGIN, { font: 'bold', size: SIZE.heading });
  layout.advance(layout.lineHeight({ size: SIZE.heading }) + 4);
  drawTableHeader(layout);
  layout.continuation = () => {
    layout.text(`Invoice ${invoice.number} (continued)`, MARGIN, { size: SIZE.small, color: MUTED });
    layout.advance(layout.lineHeight({ size: SIZE.small }) + 8);
    drawTableHeader(layout);
  };
  for (const group of invoice.groups) {
    const title = layout.wrap(group.title, CONTENT_WIDTH, { font: 'bold' });
    const first = group.lines[0];
    // Keep a group's title with its first line.
    layout.ensureSpace(title.length * layout.lineHeight() + 4 + (first ? lineRow(layout, invoice, first).height : 0));
    for (const text of title) {
      layout.text(text, MARGIN, { font: 'bold' });
      layout.advance(layout.lineHeight());
    }
    layout.advance(4);
    for (const line of group.lines) drawLine(layout, invoice, line);
    const subtotalLabel = layout.wrap(`Subtotal: ${group.title}`, 200, { font: 'bold', size: SIZE.small })[0];
    drawAmountRow(layout, subtotalLabel, group.subtotal, { font: 'bold', size: SIZE.small }, COLUMNS.quantity.right - 150);
    layout.advance(8);
  }
  layout.continuation = null;
}

function drawTotals(layout: Layout, invoice: InvoiceDetail): void {
  const labelX = COLUMNS.quantity.right - 150;
  layout.ensureSpace((3 + invoice.taxes.length) * (layout.lineHeight() + 2) + 12);
  layout.rule();
  layout.advance(6);
  drawAmountRow(layout, 'Subtotal', invoice.subtotal, {}, labelX);
  for (const tax of invoice.taxes) drawAmountRow(layout, tax.rate ? `${tax.label} (${tax.rate})` : tax.label, tax.amount, {}, labelX);
  drawAmountRow(layout, 'Total', invoice.total, { font: 'bold' }, labelX);
  drawAmountRow(layout, 'Amount due', invoice.amount_due, { font: 'bold', size: SIZE.heading }, labelX);
  if (invoice.memo) {
    layout.advance(16);
    for (const text of layout.wrap(invoice.memo, CONTENT_WIDTH)) {
      layout.ensureSpace(layout.lineHeight());
      layout.text(text, MARGIN, { color: MUTED });
      layout.advance(layout.lineHeight());
    }
  }
}

function drawFooters(layout: Layout, invoice: InvoiceDetail): void {
  const count = layout.pages.length;
  layout.pages.forEach((page, i) => {
    layout.page = page;
    layout.y = MARGIN;
    layout.text(`Invoice ${invoice.number}`, MARGIN, { size: SIZE.small, color: MUTED });
    layout.text(`Page ${i + 1} of ${count}`, PAGE.width - MARGIN, { size: SIZE.small, color: MUTED }, 'right');
  });
}

/** PDF string literal body: printable ASCII only, with `\`, `(` and `)` escaped. */
function asciiLiteral(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Renders an invoice as an A4 PDF. Never throws for text the standard fonts cannot show. */
export async function renderInvoicePdf(invoice: InvoiceDetail, account: { name: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // Both Helvetica weights share the WinAnsi character set.
  const layout = new Layout(doc, { regular, bold, charset: new Set(regular.getCharacterSet()) });

  const title = layout.clean(`Invoice ${invoice.number}`);
  doc.setTitle(title);
  doc.setAuthor(layout.clean(account.name));
  doc.setSubject(layout.clean(`Invoice ${invoice.number} for ${account.name}`));
  doc.setProducer('Account Elements reference server');
  doc.setCreator('Account Elements reference server');
  // Deterministic output: the same invoice gives the same bytes.
  const issued = new Date(`${invoice.issued_on}T00:00:00Z`);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  // Page text is WinAnsi hex inside compressed streams; a plain literal copy in the Info
  // dictionary lets tools (and tests) find the number with a byte search.
  // (setTitle above created the Info dictionary.)
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('InvoiceNumber'), PDFString.of(asciiLiteral(invoice.number)));

  drawHeader(layout, invoice, account.name);
  drawSummary(layout, invoice);
  drawLineItems(layout, invoice);
  drawTotals(layout, invoice);
  drawFooters(layout, invoice);

  return doc.save({ useObjectStreams: false });
}

// ---------------------------------------------------------------------------------------------
// Sales orders

const PRORATION_WORDS: Record<string, string> = {
  prorate_by_day: 'prorated by day',
  prorate_by_month: 'prorated by month',
  full_price: 'full price for the term',
  at_renewal: 'charged from the renewal',
};

/** "4 months and 12 days", "1 month", "9 days". */
function monthsAndDaysText({ months, days }: { months: number; days: number }): string {
  const part = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (months && days) return `${part(months, 'month')} and ${part(days, 'day')}`;
  return months ? part(months, 'month') : part(days, 'day');
}

/** Two columns of label and value, the label muted (the facts of a document). */
function drawFacts(layout: Layout, facts: Array<[string, string]>, labelX: number, valueX: number, valueWidth: number): void {
  for (const [label, value] of facts) {
    const lines = layout.wrap(value, valueWidth);
    layout.ensureSpace(lines.length * layout.lineHeight());
    layout.text(label, labelX, { color: MUTED });
    for (const line of lines) {
      layout.text(line, valueX);
      layout.advance(layout.lineHeight());
    }
  }
}

function paymentText(order: SalesOrderDocument): string {
  if (order.payment_type === 'invoice') {
    const invoice = order.invoice_number ? `invoice ${order.invoice_number}` : 'invoice';
    return order.invoice_due_on ? `Invoiced: ${invoice}, due ${date(order.invoice_due_on)}` : `Invoiced: ${invoice}`;
  }
  const paid = order.payment_label ? `Charged to ${order.payment_label}` : 'Charged to the saved payment method';
  return order.invoice_number ? `${paid} (invoice ${order.invoice_number})` : paid;
}

/**
 * Renders a license order's sales order as an A4 PDF: the order, the buyer, the licenses and the
 * prorated period, the amounts, how it was paid, and the authorization the buyer acknowledged.
 */
export async function renderSalesOrderPdf(order: SalesOrderDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const layout = new Layout(doc, { regular, bold, charset: new Set(regular.getCharacterSet()) });

  doc.setTitle(layout.clean(`Sales order ${order.number}`));
  doc.setAuthor(layout.clean(order.account_name));
  doc.setSubject(layout.clean(`Sales order ${order.number} for ${order.account_name}`));
  doc.setProducer('Account Elements reference server');
  doc.setCreator('Account Elements reference server');
  // Deterministic output: the same order gives the same bytes.
  const created = new Date(order.created_at);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('OrderNumber'), PDFString.of(asciiLiteral(order.number)));

  const top = layout.y;
  for (const line of layout.wrap(order.account_name, CONTENT_WIDTH / 2 - 10, { font: 'bold', size: SIZE.heading })) {
    layout.text(line, MARGIN, { font: 'bold', size: SIZE.heading });
    layout.advance(layout.lineHeight({ size: SIZE.heading }));
  }
  const leftBottom = layout.y;
  layout.y = top;
  layout.text(`Sales order ${order.number}`, PAGE.width - MARGIN, { font: 'bold', size: SIZE.title }, 'right');
  layout.advance(SIZE.title * LEADING);
  const status = order.status === 'provisioned' ? 'Provisioned' : order.status === 'pending_provisioning' ? 'Being provisioned' : order.status;
  for (const [label, value] of [
    ['Date', formatTimestamp(order.created_at, LOCALE, 'medium')],
    ['Status', status],
    ['Quote', order.quote_id],
  ] as Array<[string, string]>) {
    layout.text(layout.wrap(value, 160)[0], PAGE.width - MARGIN, {}, 'right');
    layout.text(label, PAGE.width - MARGIN - 220, { color: MUTED });
    layout.advance(layout.lineHeight());
  }
  layout.y = Math.min(layout.y, leftBottom);
  layout.advance(16);

  layout.text('Buyer', MARGIN, { font: 'bold', size: SIZE.heading });
  layout.advance(layout.lineHeight({ size: SIZE.heading }) + 2);
  layout.rule();
  layout.advance(4);
  drawFacts(layout, [['Account', order.account_name]], MARGIN, MARGIN + 120, CONTENT_WIDTH - 120);
  layout.advance(16);

  layout.text('Licenses', MARGIN, { font: 'bold', size: SIZE.heading });
  layout.advance(layout.lineHeight({ size: SIZE.heading }) + 4);
  drawTableHeader(layout);
  const quantity = quantityWithUnit(quantityFormat.format(order.additional_quantity), order.additional_quantity, order.unit_label);
  const small: TextStyle = { size: SIZE.small };
  const description = [
    ...layout.wrap(order.product_name, COLUMNS.description.width),
    ...layout.wrap(`${date(order.period.start)} - ${date(order.period.end)}`, COLUMNS.description.width, small),
    ...layout.wrap(`${monthsAndDaysText(order.period)}, ${PRORATION_WORDS[order.proration_policy] ?? order.proration_policy}`, COLUMNS.description.width, small),
  ];
  layout.ensureSpace(description.length * layout.lineHeight() + 4);
  layout.text(quantity, COLUMNS.quantity.right, {}, 'right');
  layout.text(money(order.unit_price), COLUMNS.unitPrice.right, {}, 'right');
  layout.text(money(order.subtotal), COLUMNS.amount.right, {}, 'right');
  description.forEach((text, i) => {
    layout.text(text, COLUMNS.description.x, i === 0 ? {} : { color: MUTED, size: SIZE.small });
    layout.advance(layout.lineHeight());
  });
  layout.advance(8);
  layout.rule();
  layout.advance(6);
  const labelX = COLUMNS.quantity.right - 150;
  drawAmountRow(layout, 'Subtotal', order.subtotal, {}, labelX);
  const taxLabel = order.tax_label ?? 'Tax';
  drawAmountRow(layout, order.tax_basis_points ? `${taxLabel} (${order.tax_basis_points / 100}%)` : taxLabel, order.tax, {}, labelX);
  drawAmountRow(layout, 'Total', order.total, { font: 'bold', size: SIZE.heading }, labelX);
  layout.advance(16);

  layout.text('Payment', MARGIN, { font: 'bold', size: SIZE.heading });
  layout.advance(layout.lineHeight({ size: SIZE.heading }) + 2);
  layout.rule();
  layout.advance(4);
  for (const line of layout.wrap(paymentText(order), CONTENT_WIDTH)) {
    layout.ensureSpace(layout.lineHeight());
    layout.text(line, MARGIN);
    layout.advance(layout.lineHeight());
  }
  layout.advance(16);

  // The acknowledgement the buyer gave before placing the order.
  const acknowledgement = [
    { text: `Authorized by ${order.authorized_by} on behalf of ${order.account_name}`, style: { font: 'bold' } as TextStyle },
    { text: '"I am authorized to make purchases on behalf of my organization."', style: { color: MUTED } as TextStyle },
  ];
  for (const { text, style } of acknowledgement) {
    for (const line of layout.wrap(text, CONTENT_WIDTH, style)) {
      layout.ensureSpace(layout.lineHeight());
      layout.text(line, MARGIN, style);
      layout.advance(layout.lineHeight());
    }
  }

  const count = layout.pages.length;
  layout.pages.forEach((page, i) => {
    layout.page = page;
    layout.y = MARGIN;
    layout.text(`Sales order ${order.number}`, MARGIN, { size: SIZE.small, color: MUTED });
    layout.text(`Page ${i + 1} of ${count}`, PAGE.width - MARGIN, { size: SIZE.small, color: MUTED }, 'right');
  });

  return doc.save({ useObjectStreams: false });
}
