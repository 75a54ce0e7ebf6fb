import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Account, InvoiceDetail, InvoiceSummary, PAYABLE_STATUSES } from '../../src/api/schemas/index.js';
import { createFixture, FIXTURE_NAMES, toSummary, type AccountFixture, type FixtureName } from '../../src/api/fixtures/generate.js';

const TODAY = new Date('2026-11-22T09:30:00Z');
const DAY_MS = 86_400_000;

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);

/** A zod issue list as one readable line, so a failure says which field broke. */
function schemaProblems(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }): string {
  return result.success ? '' : result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/**
 * Every invariant a fixture account must keep, whatever its name or `today`. Collects all
 * broken ones (a plain list is also ~10× faster than chai across the 10,000 invoices of `large`).
 */
function inconsistencies(fixture: AccountFixture, today: Date): string[] {
  const problems: string[] = [];
  const same = (actual: unknown, expected: unknown, what: string) => {
    if (actual !== expected) problems.push(`${what}: ${String(actual)} ≠ ${String(expected)}`);
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const { account, invoices } = fixture;
  const currency = account.currency;
  same(schemaProblems(Account.safeParse(account)), '', 'account schema');

  const ids = new Set<string>();
  for (const invoice of invoices) {
    const where = invoice.id;
    same(schemaProblems(InvoiceDetail.safeParse(invoice)), '', `${where} schema`);
    same(schemaProblems(InvoiceSummary.safeParse(toSummary(invoice))), '', `${where} summary schema`);
    check(!ids.has(invoice.id), `${where} id is unique`);
    ids.add(invoice.id);

    const monies = [
      invoice.total, invoice.amount_due, invoice.subtotal,
      ...Object.values(invoice.summary),
      ...invoice.taxes.map((t) => t.amount),
      ...invoice.groups.flatMap((g) => [g.subtotal, ...g.lines.flatMap((l) => [l.amount, ...(l.unit_price ? [l.unit_price] : [])])]),
    ];
    for (const money of monies) {
      same(money.currency, currency, `${where} currency`);
      check(Number.isSafeInteger(money.amount), `${where} amount ${money.amount} is a safe integer`);
    }

    for (const group of invoice.groups) {
      same(group.subtotal.amount, sum(group.lines.map((l) => l.amount.amount)), `${where} ${group.id} subtotal = sum of lines`);
      for (const line of group.lines) {
        if (line.unit_price && line.quantity !== null) {
          same(line.amount.amount, line.quantity * line.unit_price.amount, `${where} ${line.id} amount = quantity × unit price`);
        }
      }
    }
    const taxes = sum(invoice.taxes.map((t) => t.amount.amount));
    same(invoice.subtotal.amount, sum(invoice.groups.map((g) => g.subtotal.amount)), `${where} subtotal = sum of groups`);
    same(invoice.total.amount, invoice.subtotal.amount + taxes, `${where} total = subtotal + taxes`);

    const s = invoice.summary;
    same(s.current_charges.amount, invoice.subtotal.amount, `${where} summary current charges = subtotal`);
    same(s.tax.amount, taxes, `${where} summary tax = taxes`);
    same(s.overdue.amount, Math.max(0, s.previous_balance.amount - s.payments_received.amount), `${where} summary overdue = previous − payments`);
    same(s.amount_due.amount, s.overdue.amount + s.current_charges.amount + s.tax.amount, `${where} summary amount due`);

    check(invoice.amount_due.amount >= 0 && invoice.amount_due.amount <= invoice.total.amount, `${where} 0 ≤ amount due ≤ total`);
    const payable = PAYABLE_STATUSES.includes(invoice.status);
    if (invoice.status === 'paid' || invoice.status === 'void') same(invoice.amount_due.amount, 0, `${where} ${invoice.status} owes nothing`);
    if (payable) check(invoice.amount_due.amount > 0, `${where} ${invoice.status} owes something`);
    if (payable && invoice.due_on) {
      // Overdue from the day after the due date (the server's and MemoryAccountApi's rule).
      same(invoice.status === 'overdue', invoice.due_on < today.toISOString().slice(0, 10), `${where} overdue exactly when past due`);
    }
    if (invoice.due_on) check(invoice.due_on > invoice.issued_on, `${where} due after issue`);
    check(invoice.issued_on <= isoDay(today), `${where} not issued in the future`);
    if (invoice.period) {
      check(invoice.period.start <= invoice.period.end, `${where} period start ≤ end`);
      check(invoice.period.end < invoice.issued_on, `${where} billed after its period`);
    }
  }

  // Newest first; each invoice bills the days since the one before, without gaps or overlaps.
  for (let i = 1; i < invoices.length; i++) {
    const [newer, older] = [invoices[i - 1], invoices[i]];
    check(newer.issued_on > older.issued_on, `${newer.id} (${newer.issued_on}) issued after ${older.id} (${older.issued_on})`);
    if (newer.period && older.period) {
      same(daysBetween(older.period.end, newer.period.start), 1, `periods of ${older.id} and ${newer.id} meet`);
    }
  }

  same(account.balance.amount, sum(invoices.map((i) => i.amount_due.amount)), 'balance = sum of amounts due');
  const newestPaid = invoices.find((i) => i.status === 'paid');
  same(account.last_payment?.amount.amount, newestPaid?.total.amount, 'last payment = newest paid invoice');
  if (invoices.length > 0) check((account.next_invoice?.date ?? '') > invoices[0].issued_on, 'next invoice after the newest');
  else same(account.next_invoice, null, 'no next invoice without history');
  return problems;
}

function expectConsistent(name: string, fixture: AccountFixture, today: Date): void {
  const problems = inconsistencies(fixture, today);
  expect(problems.length, `${name} on ${today.toISOString()}:\n${problems.slice(0, 10).join('\n')}`).to.equal(0);
}

describe('fixtures: every named account', () => {
  const built = new Map<FixtureName, AccountFixture>();
  const get = (name: FixtureName) => {
    if (!built.has(name)) built.set(name, createFixture(name, TODAY));
    return built.get(name)!;
  };

  for (const name of FIXTURE_NAMES) {
    it(`${name}: validates against the schemas and its figures add up`, () => {
      expectConsistent(name, get(name), TODAY);
    });
  }

  it('are deterministic for a given today', () => {
    for (const name of FIXTURE_NAMES.filter((n) => n !== 'large')) {
      expect(createFixture(name, TODAY), name).to.deep.equal(get(name));
    }
  });

  it('typical: about 40 invoices over about two years, with open, overdue and paid ones', () => {
    const { account, invoices } = get('typical');
    expect(invoices.length).to.be.within(36, 44);
    const span = daysBetween(invoices.at(-1)!.issued_on, invoices[0].issued_on);
    expect(span, 'days from oldest to newest invoice').to.be.within(650, 790);
    const statuses = new Set(invoices.map((i) => i.status));
    for (const status of ['open', 'overdue', 'paid']) expect(statuses.has(status), status).to.equal(true);
    expect(account.capabilities).to.include('invoices:pay');
    expect(account.currency).to.equal('USD');
  });

  it('large: 10,000 invoices', () => {
    expect(get('large').invoices).to.have.length(10_000);
  });

  it('empty: no invoices, nothing owed, no history', () => {
    const { account, invoices } = get('empty');
    expect(invoices).to.have.length(0);
    expect(account.balance.amount).to.equal(0);
    expect(account.last_payment).to.equal(null);
  });

  it('viewer: may read invoices but not pay them', () => {
    const { account } = get('viewer');
    expect(account.capabilities).to.include('invoices:read');
    expect(account.capabilities).not.to.include('invoices:pay');
  });

  it('jpy and kwd: bill in currencies with 0 and 3 decimals', () => {
    expect(get('jpy').account.currency).to.equal('JPY');
    expect(get('kwd').account.currency).to.equal('KWD');
    // Amounts that are not multiples of 10 fils exercise the third decimal.
    expect(get('kwd').invoices.some((i) => i.total.amount % 10 !== 0)).to.equal(true);
  });

  it('every account is billed at its own address, in its own country, on invoices and saved methods alike', () => {
    const countries = { typical: 'US', large: 'US', jpy: 'JP', kwd: 'KW' } as const;
    for (const [name, country] of Object.entries(countries) as Array<[FixtureName, string]>) {
      const { account, invoices, paymentMethods } = get(name);
      for (const invoice of invoices.slice(0, 3)) {
        expect(invoice.bill_to?.country, `${name} bill-to`).to.equal(country);
        expect(invoice.bill_to?.name, `${name} bill-to name`).to.equal(account.name.replace(/<[^>]*>/g, '').trim() || invoice.bill_to?.name);
        expect(invoice.bill_to?.lines.join(' '), `${name}: the country is named by the reader's language, not in the lines`).not.to.match(/United States|Japan|Kuwait$/);
      }
      for (const method of paymentMethods) if (method.billing_address) expect(method.billing_address.country, `${name} ${method.id}`).to.equal(country);
    }
    expect(get('kwd').invoices[0].bill_to?.lines.join(' ')).to.contain('Kuwait City');
    expect(get('jpy').invoices[0].bill_to?.lines[0]).to.match(/^〒100-0005/);
  });

  it('hostile: keeps its script-bearing strings and its unknown status', () => {
    const { account, invoices } = get('hostile');
    expect(account.name).to.contain('<img');
    expect(account.contact_url).to.match(/^javascript:/);
    expect(invoices.some((i) => i.number.includes('<script>'))).to.equal(true);
    expect(invoices.some((i) => i.pdf_url?.startsWith('javascript:'))).to.equal(true);
    expect(invoices.some((i) => i.groups.some((g) => g.title.includes('<svg')))).to.equal(true);
    expect(invoices.some((i) => i.status === 'disputed')).to.equal(true);
  });
});

describe('fixtures: any today (property)', () => {
  const anyToday = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

  it('every small fixture stays consistent', () => {
    fc.assert(
      fc.property(anyToday, fc.constantFrom(...FIXTURE_NAMES.filter((n) => n !== 'large')), (today, name) => {
        expectConsistent(name, createFixture(name, today), today);
      }),
      { numRuns: 150 },
    );
  });

  it('monthly fixtures issue one invoice per calendar month, even after a 31st', () => {
    fc.assert(
      fc.property(anyToday, fc.constantFrom<FixtureName>('jpy', 'kwd', 'hostile'), (today, name) => {
        const months = createFixture(name, today).invoices.map((i) => i.issued_on.slice(0, 7));
        expect(new Set(months).size, `${name} ${today.toISOString()}: ${months.join(' ')}`).to.equal(months.length);
      }),
      { numRuns: 300 },
    );
  });
});
