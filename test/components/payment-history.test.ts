import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { PageQuery } from '../../src/api/account-api.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { Payment } from '../../src/api/schemas/payment.js';
import type { AcctPaymentHistory } from '../../src/components/payment-history/payment-history.js';
import '../../src/components/payment-history/acct-payment-history.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import { deepQueryAll, waitForIdle } from '../helpers/wait.js';
import { $, $$, accountApi, capturingConsoleErrors, hasState, mountIdle, record, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctPaymentHistory>(template, idle);

const bodyRows = (el: Element) => $$(el, '.body [role="row"]');

/** The text of one cell per body row (0 payment, 1 date, 2 method, 3 amount, 4 status, 5 invoices), without the card label. */
function column(el: Element, index: number): string[] {
  return bodyRows(el).map((row) => {
    const cell = row.querySelectorAll(':scope > [role="cell"]')[index];
    const label = text(cell.querySelector('.cell-label'));
    return text(cell).replace(label, '').trim();
  });
}

function listQueries(api: MemoryAccountApi): PageQuery[] {
  return api.calls.filter((c) => c.operation === 'listPayments').map((c) => c.args[0] as PageQuery);
}

/** One payment of each status the element treats specially, at the top of the history. */
function everyStatus(api: MemoryAccountApi): Payment[] {
  const [processing, failed, refunded, unknown] = api.data.payments;
  Object.assign(processing, { status: 'processing', payment_method: { id: 'pm_acct_typical_bank', type: 'bank_account', label: 'Test Bank •••• 6789' } });
  Object.assign(failed, { status: 'failed', allocations: [], failure: { code: 'insufficient_funds', message: 'The card has insufficient funds.' } });
  Object.assign(refunded, { status: 'refunded' });
  Object.assign(unknown, { status: 'disputed', failure: { code: 'x', message: 'not shown: not a failed payment' } });
  return [processing, failed, refunded, unknown];
}

describe('acct-payment-history: traceable payments (issue 9, new user 4 and 15)', () => {
  it('a declined payment lists the invoices it was to pay (muted); two "Visa •••• 4242" cards are told apart by their expiry', async () => {
    const api = accountApi();
    const [invoice] = api.data.invoices.filter((inv) => inv.status === 'open' || inv.status === 'overdue');
    const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(invoice.amount_due.amount / 100);
    const year = new Date().getUTCFullYear() + 3;
    const declining = await api.addPaymentMethod({ type: 'card', card: { number: '4000000000000002', exp_month: 3, exp_year: year, cvc: '123' } }, { idempotencyKey: 'k-declining' });
    const twin = await api.addPaymentMethod({ type: 'card', card: { number: '4242424242424242', exp_month: 7, exp_year: year, cvc: '123' } }, { idempotencyKey: 'k-twin' });
    const error = await api.createPayment({ invoice_ids: [invoice.id], payment_method_id: declining.id }, { idempotencyKey: 'k-pay-1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    await api.createPayment({ invoice_ids: [invoice.id], payment_method_id: twin.id }, { idempotencyKey: 'k-pay-2' });
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    const [paid, failed] = bodyRows(el);
    expect(column(el, 4)[1]).to.contain('Failed');
    expect(column(el, 5).slice(0, 2)).to.deep.equal([`${invoice.number} ${amount}`, `${invoice.number} ${amount}`]);
    expect(failed.querySelector('[part="allocations"]')!.classList.contains('muted'), 'the failed one muted').to.be.true;
    expect(paid.querySelector('[part="allocations"]')!.classList.contains('muted')).to.be.false;
    const pad = (month: number) => String(month).padStart(2, '0');
    expect(column(el, 2).slice(0, 2)).to.deep.equal([`Visa •••• 4242 Expires ${pad(7)}/${year}`, `Visa •••• 0002 Expires ${pad(3)}/${year}`]);
    expect(column(el, 2)[2], 'the fixture card').to.equal('Visa •••• 4242 Expires 12/2029');
    await expect(el).to.be.accessible();
  });
});

describe('acct-payment-history: states', () => {
  it('loading: skeleton rows under the column headers, aria-busy, :state(loading)', async () => {
    const el = await mount(html`<acct-payment-history .api=${accountApi({ latencyMs: Infinity })}></acct-payment-history>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[role="table"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '.skeleton-row')).to.have.length(4);
    expect(text($(el, '[role="status"]'))).to.equal('Loading payments…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('populated: newest first; id, date, method, amount, a Succeeded badge and the invoices paid', async () => {
    const api = accountApi();
    const payments = api.data.payments;
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect($$(el, '[role="columnheader"]').map((h) => text(h))).to.deep.equal(['Payment', 'Date', 'Method', 'Amount', 'Status', 'Invoices']);
    expect(bodyRows(el)).to.have.length(25);
    const table = $(el, '[role="table"]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal(String(payments.length + 1));
    expect(table.getAttribute('aria-busy')).to.equal('false');
    expect(column(el, 0).slice(0, 3)).to.deep.equal(payments.slice(0, 3).map((p) => p.id));
    const first = payments[0];
    const dollars = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
    expect(column(el, 1)[0]).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(first.created_at)));
    expect(column(el, 2)[0]).to.equal('Visa •••• 4242 Expires 12/2029');
    expect(column(el, 3)[0]).to.equal(dollars(first.amount.amount));
    const badge = bodyRows(el)[0].querySelector('[part="status"]')!;
    expect(text(badge)).to.equal('Succeeded');
    expect(badge.className).to.contain('success');
    expect(column(el, 5)[0]).to.equal(`${first.allocations[0].invoice_number} ${dollars(first.allocations[0].amount.amount)}`);
    expect(text(el.shadowRoot!.querySelector('.footer'))).to.contain(`Showing 25 of ${payments.length}`);
    expect(listQueries(api)).to.deep.equal([{ limit: 25 }]);
    await expect(el).to.be.accessible();
  });

  it('statuses: processing, failed with its reason, refunded, and an unknown status as a neutral badge with the raw text', async () => {
    const api = accountApi();
    everyStatus(api);
    const el = await mount(html`<acct-payment-history page-size="5" .api=${api}></acct-payment-history>`);
    const badges = bodyRows(el).map((row) => row.querySelector('[part="status"]')!);
    expect(badges.slice(0, 4).map((b) => [text(b), b.className.replace('badge', '').trim()])).to.deep.equal([
      ['Processing', 'warning'],
      ['Failed', 'danger'],
      ['Refunded', 'muted'],
      ['disputed', 'neutral'],
    ]);
    expect(column(el, 2)[0]).to.equal('Test Bank •••• 6789');
    // Only the failed payment explains itself; its reason is in the user's language.
    expect($$(el, '[part="failure"]').map((f) => text(f))).to.deep.equal(['Insufficient funds.']);
    expect(column(el, 4)[1]).to.equal('Failed Insufficient funds.');
    // No allocations: a dash that reads "None".
    expect(column(el, 5)[1]).to.equal('—None');
    await expect(el).to.be.accessible();
  });

  it('an unknown failure code shows the server message (as text)', async () => {
    const api = accountApi();
    Object.assign(api.data.payments[0], { status: 'failed', failure: { code: 'do_not_honor', message: 'The issuer refused the payment.' } });
    const el = await mount(html`<acct-payment-history page-size="5" .api=${api}></acct-payment-history>`);
    expect(text($(el, '[part="failure"]'))).to.equal('The issuer refused the payment.');
  });

  it('a payment split over several invoices lists each with its amount', async () => {
    const api = accountApi();
    api.data.payments[0].allocations = [
      { invoice_id: 'in_a', invoice_number: 'INV-A', amount: { amount: 1000, currency: 'USD' } },
      { invoice_id: 'in_b', invoice_number: 'INV-B', amount: { amount: 250, currency: 'USD' } },
    ];
    const el = await mount(html`<acct-payment-history page-size="5" .api=${api}></acct-payment-history>`);
    const items = Array.from(bodyRows(el)[0].querySelectorAll('[part="allocations"] li')).map((li) => text(li));
    expect(items).to.deep.equal(['INV-A $10.00', 'INV-B $2.50']);
  });

  it('empty: "No payments yet."', async () => {
    const el = await mount(html`<acct-payment-history .api=${accountApi({ fixture: 'empty' })}></acct-payment-history>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"]'))).to.equal('No payments yet.');
    expect($(el, '[role="table"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('error: an alert with Retry and one acct-error; Retry reloads fresh', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'listPayments' && i === 0 ? new ApiError('server', 'boom', { status: 500, requestId: 'req_ph' }) : undefined) });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('req_ph');
    await expect(el).to.be.accessible();
    el.requestUpdate();
    await el.updateComplete;
    expect(errors.filter((e) => e.target === el)).to.have.length(1);
    const fresh: boolean[] = [];
    const original = api.listPayments.bind(api);
    api.listPayments = (query, options) => {
      fresh.push(!!options?.fresh);
      return original(query, options);
    };
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    expect(fresh).to.deep.equal([true]);
  });

  it('a custom api resolving with no page is an invalid-response error, not a crash', async () => {
    const api = accountApi();
    api.listPayments = () => Promise.resolve({} as never);
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    expect(text($(el, '[role="alert"]'))).to.contain('could not read');
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctPaymentHistory;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-payment-history></acct-payment-history>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(text($(el, '[role="alert"]'))).to.contain('not connected to an account');
    await expect(el).to.be.accessible();
  });

  it('hostile strings in every field render as text', async () => {
    delete window.__xss;
    const api = accountApi({ fixture: 'hostile' });
    const evil = '<img src=x onerror="window.__xss=1">';
    api.data.payments.unshift({
      id: `${evil}py`,
      created_at: '2026-03-01T10:00:00Z',
      amount: { amount: 1999, currency: 'USD' },
      status: 'failed',
      payment_method: { id: null, type: 'wallet', label: `<script>window.__xss=1</script>Wallet` },
      allocations: [{ invoice_id: 'in_x', invoice_number: `"><svg onload="window.__xss=1">INV`, amount: { amount: 1999, currency: 'USD' } }],
      failure: { code: 'other', message: evil },
      settled_at: null,
    });
    api.data.payments[1].status = `${evil}status`;
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    await new Promise((r) => requestAnimationFrame(r));
    expect(deepQueryAll(el, 'img, svg, script, iframe, object')).to.have.length(0);
    expect(window.__xss).to.be.undefined;
    expect(column(el, 0)[0]).to.equal(`${evil}py`);
    expect(column(el, 2)[0]).to.equal('<script>window.__xss=1</script>Wallet');
    expect(text($(el, '[part="failure"]'))).to.equal(evil);
    expect(column(el, 4)[1]).to.equal(`${evil}status`);
    await expect(el).to.be.accessible();
  });

  it('invalid page-size warns and keeps the default', async () => {
    const original = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const api = accountApi();
      await mount(html`<acct-payment-history page-size="0" .api=${api}></acct-payment-history>`);
      expect(warnings.some((w) => w.includes('page-size="0"'))).to.be.true;
      expect(listQueries(api)).to.deep.equal([{ limit: 25 }]);
    } finally {
      console.warn = original;
    }
  });
});

describe('acct-payment-history: pages and layout', () => {
  it('"Load more" (Enter) appends the next page by cursor; on the last page the button goes and focus moves to the first new row', async () => {
    const api = accountApi();
    const total = api.data.payments.length;
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    const first = column(el, 0);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => bodyRows(el).length === total);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '27');
    expect(column(el, 0).slice(0, 25)).to.deep.equal(first);
    expect(column(el, 0)).to.deep.equal(api.data.payments.map((p) => p.id));
    const queries = listQueries(api);
    expect(queries).to.have.length(2);
    expect(queries[1].limit).to.equal(25);
    expect(queries[1].cursor).to.be.a('string');
    expect($(el, '[part="load-more"]')).to.be.null;
    expect(text(el.shadowRoot!.querySelector('.footer'))).to.contain(`Showing ${total} of ${total}`);
    expect(text($(el, '[role="status"]'))).to.equal(`${total} payments`);
    await expect(el).to.be.accessible();
  });

  it('a failed "Load more" keeps the rows and offers its own Retry, which continues from the same cursor', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'listPayments' && i === 1 ? new ApiError('timeout', 'slow') : undefined) });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-payment-history .api=${api}></acct-payment-history>`);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
    await until(() => $(el, '[role="alert"]') !== null);
    expect(bodyRows(el)).to.have.length(25);
    expect(hasState(el, 'populated')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('took too long');
    expect($(el, '[part="load-more"]')).to.be.null;
    await el.updateComplete;
    expect(errors.filter((e) => e.target === el)).to.have.length(1);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => bodyRows(el).length === api.data.payments.length);
    const queries = listQueries(api);
    expect(queries[2].cursor).to.equal(queries[1].cursor);
    expect($(el, '[role="alert"]')).to.be.null;
  });

  it('thousands of payments (large fixture): past 200 loaded rows the list is windowed and stays small in the DOM', async () => {
    const api = accountApi({ fixture: 'large' });
    expect(api.data.payments.length).to.be.greaterThan(5000);
    const el = await mount(html`<acct-payment-history page-size="100" .api=${api}></acct-payment-history>`);
    expect(hasState(el, 'virtualized')).to.be.false;
    for (const shown of [200, 300]) {
      $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
      await until(() => text(el.shadowRoot!.querySelector('.footer')).includes(`Showing ${shown} of`));
    }
    await el.updateComplete;
    expect(hasState(el, 'virtualized')).to.be.true;
    const table = $(el, '[role="table"]')!;
    expect(table.classList.contains('virtual')).to.be.true;
    expect(table.getAttribute('aria-rowcount')).to.equal(String(api.data.payments.length + 1));
    expect(bodyRows(el).length).to.be.lessThan(60);
    // The end of the loaded rows renders when scrolled to. Rows measured on the way can change the
    // scroll height, so keep scrolling to the end as a user would (under load a first scroll fell short).
    await until(() => {
      table.scrollTop = table.scrollHeight;
      return column(el, 0).includes(api.data.payments[299].id);
    }, 6000);
    expect(bodyRows(el).at(-1)!.getAttribute('aria-rowindex')).to.equal('301');
    await expect(el).to.be.accessible();
  });

  it('narrow hosts: every payment is a card with the column names in it; same roles; no horizontal scroll', async () => {
    const api = accountApi();
    everyStatus(api);
    const el = await mount(html`<acct-payment-history style="width: 22rem" page-size="5" .api=${api}></acct-payment-history>`);
    const label = bodyRows(el)[0].querySelector<HTMLElement>('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    expect($(el, '[role="table"]')!.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
    el.style.width = '60rem';
    await new Promise((r) => requestAnimationFrame(r));
    expect(getComputedStyle(label).display).to.equal('none');
  });

  it('payment ids of the reference server\'s length (py_ and 24 hex digits) stay on one line: at 390 px and as a table, no row is taller than one with a short id', async () => {
    const api = accountApi();
    // What POST /payments makes on the reference server (server/payments.ts newId('py')); the fixture's own ids are short.
    api.data.payments.slice(0, 3).forEach((payment, i) => (payment.id = `py_${'0f3a9c1b2d4e5f6a7b8c9d0e'.slice(i)}${'e0d9c8'.slice(0, i)}`));
    const el = await mount(html`<acct-payment-history style="width: 390px" page-size="5" .api=${api}></acct-payment-history>`);
    for (const width of ['390px', '56rem', '75rem']) {
      el.style.width = width;
      await new Promise((r) => requestAnimationFrame(r));
      const rows = bodyRows(el);
      const heights = rows.map((row) => Math.round(row.getBoundingClientRect().height));
      // Rows 0-2 have long ids, rows 3-4 the fixture's short ones (the same statuses and one invoice each).
      expect(heights.slice(0, 3), `row heights at ${width}`).to.deep.equal([heights[3], heights[3], heights[3]]);
      for (const row of rows) {
        const id = row.querySelector('.id bdi')!;
        expect(id.getClientRects().length, `${id.textContent} at ${width}`).to.equal(1);
      }
      expect($(el, '[role="table"]')!.scrollWidth, `no sideways scroll at ${width}`).to.be.at.most(el.clientWidth + 1);
    }
    await expect(el).to.be.accessible();
  });
});
