import { expect } from '@open-wc/testing';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { ApiError } from '../../src/api/errors.js';
import { Account, InvoiceDetail, InvoicePage } from '../../src/api/schemas/index.js';
import type { InvoiceQuery, ResourceName } from '../../src/api/account-api.js';
import type { InvoiceSummary } from '../../src/api/schemas/invoice.js';
import { rejection } from '../helpers/rejection.js';

const TODAY = new Date('2026-11-22T09:30:00Z');


/** Follows `next_cursor` to the end and returns every row in order. */
async function walk(api: MemoryAccountApi, query: InvoiceQuery): Promise<InvoiceSummary[]> {
  const rows: InvoiceSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: InvoicePage = await api.listInvoices({ ...query, cursor });
    expect(InvoicePage.safeParse(page).success).to.equal(true);
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

describe('MemoryAccountApi: reads', () => {
  it('getAccount returns the fixture account, valid against the schema', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
    const account = await api.getAccount();
    expect(Account.safeParse(account).success).to.equal(true);
    expect(account.id).to.equal('acct_typical');
  });

  it('hands out copies: changing a result does not change the next one', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const first = await api.getAccount();
    first.balance.amount = -1;
    expect((await api.getAccount({ fresh: true })).balance.amount).not.to.equal(-1);
    const id = api.data.invoices[0].id;
    const invoice = await api.getInvoice(id);
    invoice.groups.length = 0;
    expect((await api.getInvoice(id, { fresh: true })).groups.length).to.be.greaterThan(0);
  });

  it('getInvoice returns a valid detail; an unknown id is not-found', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const id = api.data.invoices[3].id;
    const detail = await api.getInvoice(id);
    expect(InvoiceDetail.safeParse(detail).success).to.equal(true);
    expect(detail.id).to.equal(id);
    const error = await rejection(api.getInvoice('in_nope'));
    expect(error.kind).to.equal('not-found');
    expect(error.status).to.equal(404);
  });

  it('defaults to the typical fixture', () => {
    expect(new MemoryAccountApi({ today: TODAY }).data.invoices).to.have.length(40);
  });

  it('takes your own data', async () => {
    const api = new MemoryAccountApi({ fixture: { ...new MemoryAccountApi({ fixture: 'empty' }).data, invoices: [] } });
    expect((await api.listInvoices()).data).to.deep.equal([]);
  });
});

describe('MemoryAccountApi: pages and filters', () => {
  it('a cursor walk over the large fixture visits every invoice exactly once, in order', async () => {
    const api = new MemoryAccountApi({ fixture: 'large', today: TODAY });
    const rows = await walk(api, { limit: 100 });
    expect(rows).to.have.length(10_000);
    expect(new Set(rows.map((r) => r.id)).size).to.equal(10_000);
    expect(rows.map((r) => r.id)).to.deep.equal(api.data.invoices.map((i) => i.id));
    expect(api.calls).to.have.length(100);
  });

  it('pages default to 25 rows and carry the total count', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const page = await api.listInvoices();
    expect(page.data).to.have.length(25);
    expect(page.total_count).to.equal(40);
    expect(page.next_cursor).to.be.a('string');
    const last = await api.listInvoices({ cursor: page.next_cursor });
    expect(last.data).to.have.length(15);
    expect(last.next_cursor).to.equal(null);
    // As on the server, only the first page is counted.
    expect(last.total_count).to.equal(null);
  });

  it('a limit outside 1-100 or not a whole number is a 400 naming limit, as the server answers', async () => {
    const api = new MemoryAccountApi({ fixture: 'large', today: TODAY });
    expect((await api.listInvoices({ limit: 100 })).data).to.have.length(100);
    expect((await api.listInvoices({ limit: 1 })).data).to.have.length(1);
    for (const limit of [1000, 101, 0, -1, 2.7, Number.NaN]) {
      const error = await rejection(api.listInvoices({ limit }));
      expect([error.kind, error.status, error.fieldErrors.map((e) => e.field)], String(limit)).to.deep.equal(['validation', 400, ['limit']]);
    }
  });

  it('open includes overdue invoices and nothing else', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const open = await walk(api, { status: 'open', limit: 3 });
    const statuses = new Set(open.map((r) => r.status));
    expect([...statuses].sort()).to.deep.equal(['open', 'overdue']);
    expect(open.map((r) => r.id)).to.deep.equal(api.data.invoices.filter((i) => i.status === 'open' || i.status === 'overdue').map((i) => i.id));
  });

  it('paid lists only paid invoices, all of them', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const paid = await walk(api, { status: 'paid', limit: 10 });
    expect(paid.length).to.be.greaterThan(10);
    expect(paid.every((r) => r.status === 'paid')).to.equal(true);
    expect(paid.length).to.equal(api.data.invoices.filter((i) => i.status === 'paid').length);
  });

  it('all lists every invoice', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    expect(await walk(api, { status: 'all', limit: 100 })).to.have.length(40);
  });

  it('a cursor it did not issue is a validation error', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    for (const cursor of ['not base64!', btoa('-1'), btoa('abc'), btoa('3x'), btoa('1.5'), btoa('100000')]) {
      const error = await rejection(api.listInvoices({ cursor }));
      expect(error.kind, cursor).to.equal('validation');
      expect(error.status, cursor).to.equal(400);
    }
  });
});

describe('MemoryAccountApi: latency, abort and failures', () => {
  it('waits the configured latency', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 60 });
    const started = performance.now();
    await api.getAccount();
    expect(performance.now() - started).to.be.at.least(55);
  });

  it('latency may depend on the operation', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: (operation) => (operation === 'getAccount' ? 0 : Infinity) });
    await api.getAccount();
    const controller = new AbortController();
    const pending = api.listInvoices({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(pending)).kind).to.equal('aborted');
  });

  it('aborting during the latency rejects with aborted, at once', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 5_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = api.listInvoices({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await rejection(pending)).kind).to.equal('aborted');
    expect(performance.now() - started).to.be.below(1_000);
  });

  it('an already aborted signal rejects without calling the backend', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    expect((await rejection(api.getAccount({ signal: AbortSignal.abort() }))).kind).to.equal('aborted');
    expect(api.calls).to.have.length(0);
  });

  it('injects failures per operation and call index; a failure is not reused', async () => {
    const api = new MemoryAccountApi({
      today: TODAY,
      fail: (operation, index) => (operation === 'listInvoices' && index === 0 ? new ApiError('server', 'Injected', { status: 503 }) : undefined),
    });
    const error = await rejection(api.listInvoices());
    expect(error.kind).to.equal('server');
    expect(error.status).to.equal(503);
    expect((await api.listInvoices()).data).to.have.length(25);
    expect(api.calls.map((c) => c.operation)).to.deep.equal(['listInvoices', 'listInvoices']);
    await api.getAccount();
  });
});

describe('MemoryAccountApi: request sharing and invalidation', () => {
  it('two concurrent identical calls reach the backend once', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 20 });
    const [a, b] = await Promise.all([api.listInvoices({ status: 'open' }), api.listInvoices({ status: 'open' })]);
    expect(a).to.deep.equal(b);
    expect(api.calls).to.deep.equal([{ operation: 'listInvoices', args: [{ status: 'open' }] }]);
  });

  it('different calls are not shared', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 20 });
    await Promise.all([api.listInvoices({ status: 'open' }), api.listInvoices({ status: 'paid' }), api.getAccount()]);
    expect(api.calls).to.have.length(3);
  });

  it('one caller aborting does not abort the other', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 30 });
    const controller = new AbortController();
    const aborted = api.getAccount({ signal: controller.signal });
    const kept = api.getAccount();
    controller.abort();
    expect((await rejection(aborted)).kind).to.equal('aborted');
    expect((await kept).id).to.equal('acct_typical');
    expect(api.calls).to.have.length(1);
  });

  it('fresh asks the backend again', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    await api.getAccount();
    await api.getAccount({ fresh: true });
    expect(api.calls).to.have.length(2);
  });

  it('invalidate notifies every onInvalidate listener until it unsubscribes', () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const seen: Array<ResourceName[]> = [];
    const other: Array<ResourceName[]> = [];
    const unsubscribe = api.onInvalidate((resources) => seen.push([...resources]));
    api.onInvalidate((resources) => other.push([...resources]));
    api.invalidate(['invoices', 'account']);
    unsubscribe();
    api.invalidate(['invoices']);
    expect(seen).to.deep.equal([['invoices', 'account']]);
    expect(other).to.deep.equal([['invoices', 'account'], ['invoices']]);
  });
});
