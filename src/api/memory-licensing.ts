/**
 * MemoryAccountApi's licenses, quotes, orders and ledger: the same rules as the reference server
 * (src/api/licensing.ts), on the fixture's data. Kept apart from memory-api.ts, which holds the
 * request plumbing (latency, failures, idempotency, the shared cache).
 */
import { ApiError, kindForStatus } from './errors.js';
import type { AccountFixture } from './fixtures/generate.js';
import { methodSnapshot } from './fixtures/test-gateway.js';
import { QUOTE_TTL_MS, orderNumber, quoteAmounts, quoteRefusal } from './licensing.js';
import { purchaseInvoice, type PurchaseInvoice } from './purchase-invoice.js';
import type { InvoiceDetail } from './schemas/invoice.js';
import type { LicenseOrder, LicenseOverview, LicenseQuote, NewLicenseOrder, NewLicenseQuote } from './schemas/license.js';
import type { Payment } from './schemas/payment.js';
import type { PaymentMethod } from './schemas/payment-method.js';
import type { FieldError } from './schemas/problem.js';
import type { Transaction, TransactionPage } from './schemas/transaction.js';
import { TRANSACTION_FILTERS } from './licensing-vocabulary.js';

/** What the licensing twin needs of MemoryAccountApi. */
export interface LicensingHost {
  readonly data: AccountFixture;
  /** Today's date (`YYYY-MM-DD`), as the fixture's world sees it. */
  today(): string;
  /** A fresh id number. */
  nextId(): number;
  /** How long bought licenses take to appear. */
  readonly provisioningMs: number;
  /** A saved method, or the 422 `payment_method_not_found`. */
  method(id: string): PaymentMethod;
  /** The test gateway's verdict on a card method: `succeeded` or a decline code; `bank` for a bank account. */
  outcome(method: PaymentMethod): string;
  /** Makes a bank payment settle later (MemoryAccountApi's ACH settlement). */
  settleLater(paymentId: string): void;
}

interface StoredQuote {
  quote: LicenseQuote;
  orderId: string | null;
}

export class MemoryLicensing {
  readonly #host: LicensingHost;
  readonly #quotes = new Map<string, StoredQuote>();
  /** Invoices an order made, by invoice id: the ledger lists them as license purchases. */
  readonly #orderOfInvoice = new Map<string, LicenseOrder>();

  constructor(host: LicensingHost) {
    this.#host = host;
  }

  overview(): LicenseOverview {
    const { licensing } = this.#host.data;
    return structuredClone({
      term: licensing.term,
      licenses: licensing.licenses,
      ordering: { invoice_allowed: licensing.invoiceAllowed, provisioning_minutes: Math.max(1, Math.ceil(this.#host.provisioningMs / 60_000)) },
    });
  }

  quote(request: NewLicenseQuote): LicenseQuote {
    const { licensing } = this.#host.data;
    const license = licensing.licenses.find((l) => l.product_id === request.product_id);
    const known = license || ['prod_workspace', 'prod_analytics', 'prod_residency'].includes(request.product_id);
    if (!known) throw problem(404, 'not_found', 'No such product.');
    const today = this.#host.today();
    const refusal = quoteRefusal(license, licensing.term, request.additional_quantity, today);
    if (refusal) throw problem(refusal.status, refusal.code, refusal.detail, [{ field: 'additional_quantity', message: refusal.detail, code: refusal.code }]);
    const now = Date.now();
    // The same open quote for the same request: quoting twice gives one price.
    for (const stored of this.#quotes.values()) {
      const q = stored.quote;
      if (!stored.orderId && q.product_id === request.product_id && q.additional_quantity === request.additional_quantity && q.current_quantity === license!.quantity + license!.pending_quantity && Date.parse(q.expires_at) > now && q.period.start === today) {
        return structuredClone(q);
      }
    }
    const quote: LicenseQuote = {
      id: `lq_memory_${this.#host.nextId()}`,
      product_id: license!.product_id,
      product_name: license!.product_name,
      license_id: license!.id,
      current_quantity: license!.quantity + license!.pending_quantity,
      additional_quantity: request.additional_quantity,
      ...quoteAmounts({ license: license!, term: licensing.term!, additional: request.additional_quantity, today, taxBasisPoints: licensing.tax.basisPoints }),
      tax_label: licensing.tax.label,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + QUOTE_TTL_MS).toISOString(),
    };
    this.#quotes.set(quote.id, { quote, orderId: null });
    return structuredClone(quote);
  }

  /** Lets a test age a quote past its expiry (the server's clock option). */
  expireQuote(id: string): void {
    const stored = this.#quotes.get(id);
    if (stored) stored.quote.expires_at = new Date(Date.now() - 1000).toISOString();
  }

  order(request: NewLicenseOrder): LicenseOrder {
    const host = this.#host;
    const { data } = host;
    const stored = this.#quotes.get(request.quote_id);
    if (!stored) throw problem(422, 'quote_not_found', 'This quote does not exist: ask for a new one.', [{ field: 'quote_id', message: 'unknown quote', code: 'quote_not_found' }]);
    if (stored.orderId) {
      const order = data.licensing.orders.find((o) => o.id === stored.orderId)!;
      throw problem(409, 'quote_already_ordered', `This quote was ordered already (order ${order.number}).`, undefined, { order_id: order.id, order_number: order.number });
    }
    const { quote } = stored;
    if (Date.parse(quote.expires_at) <= Date.now()) {
      const fresh = this.quote({ product_id: quote.product_id, additional_quantity: quote.additional_quantity });
      throw problem(409, 'quote_expired', 'This quote has expired; here is today’s price.', undefined, { quote: fresh });
    }
    const license = data.licensing.licenses.find((l) => l.id === quote.license_id)!;
    const refusal = quoteRefusal(license, data.licensing.term, quote.additional_quantity, host.today());
    if (refusal) throw problem(refusal.status, refusal.code, refusal.detail);
    if (request.payment.type === 'invoice' && !data.licensing.invoiceAllowed) {
      throw problem(422, 'invoice_payment_not_allowed', 'This account pays license orders with a saved payment method.', [{ field: 'payment', message: 'not allowed', code: 'invoice_payment_not_allowed' }]);
    }
    const method = request.payment.type === 'payment_method' ? host.method(request.payment.payment_method_id) : null;
    const outcome = method ? host.outcome(method) : 'invoice';
    if (method && outcome !== 'succeeded' && outcome !== 'bank') {
      throw new ApiError('declined', 'The card was declined.', { status: 402, problem: { status: 402, code: outcome, title: 'Payment declined', detail: 'The card was declined.' } });
    }

    const now = new Date();
    const id = `ord_memory_${host.nextId()}`;
    const number = orderNumber(data.licensing.orders.length + 1);
    const due = quote.due_today;
    let invoice: InvoiceDetail | null = null;
    let payment: Payment | null = null;
    if (due.amount > 0) {
      invoice = this.#invoice(quote, number, method ? (outcome === 'bank' ? 'processing' : 'paid') : 'open', now);
      data.invoices.unshift(invoice);
      data.account.balance = { amount: data.account.balance.amount + due.amount, currency: due.currency };
      if (method) {
        payment = {
          id: `py_memory_${host.nextId()}`,
          created_at: now.toISOString(),
          amount: due,
          status: outcome === 'bank' ? 'processing' : 'succeeded',
          payment_method: methodSnapshot(method),
          allocations: [{ invoice_id: invoice.id, invoice_number: invoice.number, amount: due }],
          failure: null,
          settled_at: outcome === 'bank' ? null : now.toISOString(),
        };
        data.payments.unshift(payment);
        data.account.balance = { amount: data.account.balance.amount - due.amount, currency: due.currency };
        if (outcome === 'bank') host.settleLater(payment.id);
        else data.account.last_payment = { amount: due, paid_at: payment.created_at, method_label: payment.payment_method?.label };
      }
    }
    const order: LicenseOrder = {
      id,
      number,
      status: 'pending_provisioning',
      created_at: now.toISOString(),
      quote_id: quote.id,
      product_id: quote.product_id,
      product_name: quote.product_name,
      additional_quantity: quote.additional_quantity,
      period: quote.period,
      total: quote.total,
      due_today: due,
      payment_type: request.payment.type,
      payment_id: payment?.id ?? null,
      payment_label: payment?.payment_method?.label ?? null,
      invoice_id: invoice?.id ?? null,
      invoice_number: invoice?.number ?? null,
      sales_order_url: `https://files.example.com/orders/${id}/sales-order.pdf?signature=demo`,
      provisioning_expected_at: new Date(now.getTime() + host.provisioningMs).toISOString(),
      provisioned_at: null,
    };
    data.licensing.orders.unshift(order);
    if (invoice) this.#orderOfInvoice.set(invoice.id, order);
    license.pending_quantity += quote.additional_quantity;
    license.status = 'pending_provisioning';
    stored.orderId = id;
    return structuredClone(order);
  }

  /** Orders whose licenses are due are provisioned (the server's provisioning sweep). */
  provision(): void {
    const now = Date.now();
    for (const order of this.#host.data.licensing.orders) {
      if (order.status !== 'pending_provisioning' || Date.parse(order.provisioning_expected_at) > now) continue;
      order.status = 'provisioned';
      order.provisioned_at = new Date(now).toISOString();
      const license = this.#host.data.licensing.licenses.find((l) => l.product_id === order.product_id);
      if (!license) continue;
      license.quantity += order.additional_quantity;
      license.pending_quantity = Math.max(0, license.pending_quantity - order.additional_quantity);
      if (license.pending_quantity === 0) license.status = 'active';
    }
  }

  /** Makes a pending order due now (the server's `POST /__test/provision`): the next call provisions it. */
  provisionNow(orderId: string): void {
    const order = this.#host.data.licensing.orders.find((o) => o.id === orderId);
    if (order?.status === 'pending_provisioning') order.provisioning_expected_at = new Date().toISOString();
  }

  getOrder(id: string): LicenseOrder | undefined {
    const order = this.#host.data.licensing.orders.find((o) => o.id === id);
    return order && structuredClone(order);
  }

  /** The whole ledger, oldest first, with the running balance. */
  ledger(): Transaction[] {
    const { invoices, payments, account } = this.#host.data;
    const currency = account.currency;
    type Entry = Omit<Transaction, 'balance_after'> & { rank: number };
    const entries: Entry[] = [];
    for (const invoice of invoices) {
      if (invoice.status === 'void' || invoice.status === 'draft') continue;
      const order = this.#orderOfInvoice.get(invoice.id);
      entries.push({
        id: `tx_${invoice.id}`,
        type: order ? 'license_purchase' : 'invoice',
        occurred_at: order ? order.created_at : `${invoice.issued_on}T00:00:00Z`,
        description: order ? `${order.additional_quantity} × ${order.product_name}` : `Invoice ${invoice.number}`,
        amount: invoice.total,
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        order_id: order?.id ?? null,
        order_number: order?.number ?? null,
        period: order?.period ?? null,
        document_url: order ? order.sales_order_url : invoice.pdf_url ?? null,
        rank: 0,
      });
    }
    for (const payment of payments) {
      if (payment.status !== 'succeeded' && payment.status !== 'processing' && payment.status !== 'refunded') continue;
      const first = payment.allocations[0];
      entries.push({
        id: `tx_${payment.id}`,
        type: 'payment',
        occurred_at: payment.created_at,
        description: payment.payment_method ? `Payment, ${payment.payment_method.label}` : 'Payment',
        amount: { amount: -payment.amount.amount, currency: payment.amount.currency },
        invoice_id: first?.invoice_id ?? null,
        invoice_number: first?.invoice_number ?? null,
        payment_id: payment.id,
        rank: 1,
      });
      if (payment.status === 'refunded') {
        entries.push({
          id: `tx_${payment.id}_refund`,
          type: 'refund',
          occurred_at: payment.settled_at ?? payment.created_at,
          description: 'Refund',
          amount: payment.amount,
          payment_id: payment.id,
          rank: 2,
        });
      }
    }
    for (const credit of this.#host.data.addons.credits) {
      entries.push({
        id: `tx_${credit.id}`,
        type: 'credit',
        occurred_at: credit.created_at,
        description: credit.reference,
        amount: { amount: -credit.original.amount, currency: credit.original.currency },
        rank: 1,
      });
    }
    entries.sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at) || a.rank - b.rank || a.id.localeCompare(b.id));
    let balance = 0;
    return entries.map(({ rank: _rank, ...entry }) => {
      balance += entry.amount.amount;
      return { ...entry, balance_after: { amount: balance, currency } };
    });
  }

  transactions(query: { type?: string | null; from?: string | null; to?: string | null; cursor?: string | null }, limit: number): TransactionPage {
    const type = query.type ?? 'all';
    if (!(TRANSACTION_FILTERS as readonly string[]).includes(type)) throw badField('type', `expected one of ${TRANSACTION_FILTERS.join(', ')}`, 'invalid_value');
    for (const name of ['from', 'to'] as const) {
      const value = query[name];
      if (value != null && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))) badField(name, 'expected a date (YYYY-MM-DD)', 'invalid_format');
    }
    const scope = JSON.stringify([type, query.from ?? null, query.to ?? null]);
    const rows = this.ledger()
      .reverse()
      .filter((t) => (type === 'all' || t.type === type) && (!query.from || t.occurred_at.slice(0, 10) >= query.from) && (!query.to || t.occurred_at.slice(0, 10) <= query.to));
    let start = 0;
    if (query.cursor) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(atob(query.cursor));
      } catch {
        // Not ours.
      }
      const [s, offset] = Array.isArray(decoded) ? decoded : [];
      if (s !== scope || !Number.isSafeInteger(offset) || offset < 0 || offset > rows.length) throw badField('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
      start = offset;
    }
    return structuredClone({
      data: rows.slice(start, start + limit),
      next_cursor: start + limit < rows.length ? btoa(JSON.stringify([scope, start + limit])) : null,
      total_count: query.cursor ? null : rows.length,
    });
  }

  /** The invoice an order makes: one line for the licenses over the prorated period, and the tax. */
  #invoice(quote: LicenseQuote, orderNumberText: string, status: string, now: Date): InvoiceDetail {
    const { data } = this.#host;
    return memoryPurchaseInvoice({
      id: `in_memory_${this.#host.nextId()}`,
      number: `INV-${now.toISOString().slice(0, 4)}-L${String(data.licensing.orders.length + 1).padStart(4, '0')}`,
      status,
      now,
      title: `${quote.product_name} — order ${orderNumberText}`,
      line: { description: `${quote.product_name} licenses, prorated`, quantity: quote.additional_quantity, unitPrice: quote.unit_price },
      subtotal: quote.subtotal,
      tax: quote.tax,
      total: quote.total,
      taxLabel: quote.tax_label ?? null,
      taxBasisPoints: data.licensing.tax.basisPoints,
      period: { start: quote.period.start, end: quote.period.end },
      memo: `Sales order ${orderNumberText}`,
    });
  }
}

/** A purchase's invoice as the memory API serves it: with a demo PDF link. */
export function memoryPurchaseInvoice(p: PurchaseInvoice): InvoiceDetail {
  return { ...purchaseInvoice(p), pdf_url: `https://files.example.com/invoices/${p.id}.pdf?signature=demo` };
}

function problem(status: number, code: string, detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...(errors ? { errors } : {}), ...extra } });
}

function badField(field: string, message: string, code: string): never {
  throw problem(400, 'validation_failed', `Invalid ${field}: ${message}`, [{ field, message, code }]);
}
