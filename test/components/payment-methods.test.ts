import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AcctPaymentMethods } from '../../src/components/payment-methods/payment-methods.js';
import type { AcctPaymentMethodForm } from '../../src/components/payment-method-form/payment-method-form.js';
import type { AcctErrorEvent, AcctPaymentMethodChangeEvent } from '../../src/events/index.js';
import '../../src/components/payment-methods/acct-payment-methods.js';
import '../../src/components/provider/acct-provider.js';
import {
  $,
  $$,
  describeElement,
  FakeTokenizer,
  fieldError,
  focused,
  hasState,
  memoryApi,
  mount,
  record,
  setField,
  sleep,
  spyAdds,
  typeAndTab,
  until,
} from './payment-method-helpers.js';
import { waitForIdle } from '../helpers/wait.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const VISA = 'pm_acct_typical_visa';
const BANK = 'pm_acct_typical_bank';
const MASTERCARD = 'pm_acct_typical_mc';

function methods(api: MemoryAccountApi, options: { raw?: boolean } = {}) {
  return mount<AcctPaymentMethods>(html`<acct-payment-methods ?allow-raw-card-data=${options.raw} .api=${api}></acct-payment-methods>`);
}

function rows(el: AcctPaymentMethods): HTMLElement[] {
  return $$(el, '[part~="method"]');
}

function row(el: AcctPaymentMethods, id: string): HTMLElement {
  const found = rows(el).find((r) => r.dataset.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

/** The add form: a light-DOM child of the element, shown through its slot. */
function addForm(el: AcctPaymentMethods): AcctPaymentMethodForm | null {
  return el.querySelector('acct-payment-method-form');
}

function text(node: Element | null | undefined): string {
  return node?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
}

function button(el: AcctPaymentMethods, id: string, part: string): HTMLButtonElement {
  return row(el, id).querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;
}

function dialog(el: AcctPaymentMethods): HTMLDialogElement {
  return $<HTMLDialogElement>(el, 'dialog')!;
}

function status(el: AcctPaymentMethods): string {
  return text($(el, '[part="base"] > [role="status"]'));
}

/** Records change events with what the list showed at that moment. */
function recordChanges(el: AcctPaymentMethods) {
  const seen: Array<{ change: string; id: string; shown: string[]; defaultRow?: string }> = [];
  document.addEventListener('acct-payment-method-change', (event) => {
    const { change, paymentMethod } = (event as AcctPaymentMethodChangeEvent).detail;
    const shownRows = rows(el);
    seen.push({
      change,
      id: paymentMethod.id,
      shown: shownRows.map((r) => r.dataset.id!),
      defaultRow: shownRows.find((r) => /\bDefault\b/.test(text(r.querySelector('.name'))))?.dataset.id,
    });
  });
  return seen;
}

/** By keyboard from the billing name field: street, city, state and ZIP (the country is preset to the US), then Enter saves. */
async function typeAddressAndSave() {
    await typeAndTab('');
    await sendKeys({ type: '1 Main Street' });
    await typeAndTab('');
    await typeAndTab('');
    await typeAndTab('Springfield');
    await typeAndTab('OR');
    await sendKeys({ type: '97477' });
    await sendKeys({ press: 'Enter' });
}

/** The empty account, with a USD gateway (cards and bank accounts). */
function emptyApi(): MemoryAccountApi {
  const api = memoryApi({ fixture: 'empty' });
  api.data.gateway = { ...api.data.gateway, supported_types: ['card', 'bank_account'], mandate_text: 'I authorise debits.' };
  return api;
}

function setExpiry(api: MemoryAccountApi, id: string, monthsFromNow: number) {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + monthsFromNow);
  const card = api.data.paymentMethods.find((m) => m.id === id)!.card!;
  card.exp_month = date.getUTCMonth() + 1;
  card.exp_year = date.getUTCFullYear();
}

describe('acct-payment-methods: states', () => {
  it('loading: skeleton rows in a busy list, :state(loading), announced', async () => {
    const el = await mount<AcctPaymentMethods>(html`<acct-payment-methods .api=${memoryApi({ latencyMs: Infinity })}></acct-payment-methods>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="list"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '.skeleton-row')).to.have.length(2);
    expect(status(el)).to.equal('Loading payment methods…');
    await expect(el).to.be.accessible();
  });

  it('populated: card brand, last 4, expiry, Default and Expired badges, bank details, billing addresses, actions', async () => {
    const el = await methods(memoryApi());
    expect(hasState(el, 'populated')).to.be.true;
    expect(hasState(el, 'readonly')).to.be.false;
    expect(rows(el).map((r) => r.dataset.id)).to.deep.equal([VISA, BANK, MASTERCARD]);
    const visa = row(el, VISA);
    expect(text(visa.querySelector('.name'))).to.equal('Visa •••• 4242Visa ending in 4242 Default');
    expect(text(visa)).to.contain('Expires 12/2029');
    expect(text(visa)).to.contain('Billing address: 12 Harbour Street, Springfield, OR 97477, United States');
    expect(button(el, VISA, 'default-button')).to.equal(null);
    expect(button(el, VISA, 'delete-button').getAttribute('aria-label')).to.equal('Delete: Visa ending in 4242');
    expect(button(el, VISA, 'edit-button').getAttribute('aria-label')).to.equal('Edit billing address: Visa ending in 4242');
    expect(text(row(el, BANK))).to.contain('Test Bank •••• 6789');
    expect(text(row(el, BANK))).to.contain('Checking account · Northwind Traders');
    expect(button(el, BANK, 'default-button').getAttribute('aria-label')).to.equal('Set as default: Test Bank ending in 6789');
    const mastercard = row(el, MASTERCARD);
    expect(text(mastercard.querySelector('.badge.danger'))).to.equal('Expired');
    expect(text(mastercard)).to.contain('Expired 01/2025');
    expect(text($(el, '[part="add"]'))).to.equal('Add card Add bank account');
    await expect(el).to.be.accessible();
  });

  it('a card expiring within two months says "Expires soon"; autopay shows on its method', async () => {
    const api = memoryApi();
    setExpiry(api, VISA, 1);
    setExpiry(api, MASTERCARD, 3);
    api.data.account.autopay = { enabled: true, payment_method_id: BANK };
    const el = await methods(api);
    expect(text(row(el, VISA).querySelector('.badge.warning'))).to.equal('Expires soon');
    expect(row(el, MASTERCARD).querySelector('.badge.warning, .badge.danger')).to.equal(null);
    expect(text(row(el, BANK).querySelector('.name'))).to.contain('Autopay');
    await expect(el).to.be.accessible();
  });

  it('empty: "No payment methods yet." with the add buttons', async () => {
    const el = await methods(emptyApi());
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"]'))).to.equal('No payment methods yet.');
    expect($(el, '[part="add-card-button"]')).to.exist;
    expect($(el, '[part="add-bank-account-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('error: an alert with Retry, one acct-error per failure; Retry asks again', async () => {
    const api = memoryApi({
      fail: (operation, index) =>
        operation === 'listPaymentMethods' && index === 0 ? new ApiError('server', 'boom', { status: 500, requestId: 'req_42' }) : undefined,
    });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await methods(api);
    expect(hasState(el, 'error')).to.be.true;
    expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(text($(el, '[part="error"]'))).to.contain('Reference: req_42');
    expect(errors).to.have.length(1);
    expect(errors[0].detail.error.status).to.equal(500);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => hasState(el, 'populated'));
    expect(errors).to.have.length(1);
  });

  it('a custom api resolving with nonsense is an invalid-response error, not a crash', async () => {
    const api = memoryApi();
    api.listPaymentMethods = async () => ({}) as never;
    const el = await methods(api);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[part="error"]'))).to.contain('The server sent data we could not read.');
  });

  it('permission-limited (billing viewer): the list read-only, no buttons, a note', async () => {
    const el = await methods(memoryApi({ fixture: 'viewer' }));
    expect(hasState(el, 'readonly')).to.be.true;
    expect(rows(el)).to.have.length(3);
    expect($$(el, 'button')).to.have.length(0);
    expect(text($(el, '[part="readonly-note"]'))).to.equal('You can see the payment methods, but not change them. Ask an account administrator.');
    await expect(el).to.be.accessible();
  });

  it('not configured: says so', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const el = await mount<AcctPaymentMethods>(html`<acct-payment-methods></acct-payment-methods>`, false);
      await until(() => hasState(el, 'unconfigured'));
      expect(text($(el, '[part="error"]'))).to.contain('not connected to an account');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('R14: unknown types by their label; script-bearing strings render as text', async () => {
    delete window.__xss;
    const api = memoryApi({ fixture: 'hostile' });
    api.data.paymentMethods[0].billing_address = { ...api.data.paymentMethods[0].billing_address!, line1: '"><svg onload="window.__xss=1">' };
    const el = await methods(api);
    const wallet = rows(el)[1];
    expect(text(wallet.querySelector('.name'))).to.contain('<img src=x onerror="window.__xss=1">Wallet');
    expect(text(rows(el)[0])).to.contain('"><svg onload="window.__xss=1">');
    expect($$(el, '[part~="method"] img, [part~="method"] svg')).to.have.length(0);
    wallet.querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await until(() => dialog(el).open);
    expect(text(dialog(el).querySelector('h2'))).to.equal('Delete <img src=x onerror="window.__xss=1">Wallet?');
    await sleep(50);
    expect(window.__xss).to.equal(undefined);
  });

  it('a gateway that offers nothing to add says so', async () => {
    const api = memoryApi();
    api.data.gateway.supported_types = ['paypal'];
    const el = await methods(api);
    expect(text($(el, '[part="add"]'))).to.equal('Payment methods cannot be added to this account here.');
  });
});

describe('acct-payment-methods: adding', () => {
  it('keyboard only: Enter on "Add card", the form takes focus, type, Save; the list shows the card, then the event; focus back', async () => {
    const api = memoryApi();
    const el = await methods(api, { raw: true });
    const changes = recordChanges(el);
    $<HTMLButtonElement>(el, '[part="add-card-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!addForm(el));
    const form = addForm(el)!;
    await until(() => describeElement(form.shadowRoot!.activeElement) === 'input[name="number"]');
    expect($(el, '[part="add-card-button"]')).to.equal(null);
    expect(form.firstMethod).to.be.false;
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#pmf-default')!.checked).to.be.false;
    await expect(el).to.be.accessible();
    await typeAndTab('5555 5555 5555 4444');
    await typeAndTab('11/33');
    await typeAndTab('321');
    await typeAddressAndSave();
    await until(() => changes.length > 0);
    expect(changes).to.have.length(1);
    expect(changes[0].change).to.equal('added');
    expect(changes[0].shown).to.have.length(4);
    expect(changes[0].shown).to.include(changes[0].id);
    expect(text(rows(el)[3])).to.contain('Mastercard •••• 4444');
    expect(status(el)).to.equal('Mastercard ending in 4444 was added.');
    expect(focused(el)).to.equal('button[part="add-card-button"]');
    expect(addForm(el)).to.equal(null);
  });

  it('keyboard only: "Add bank account" opens the bank form; Space on the mandate; Enter saves', async () => {
    const api = emptyApi();
    const el = await methods(api);
    const changes = recordChanges(el);
    $<HTMLButtonElement>(el, '[part="add-bank-account-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!addForm(el));
    const form = addForm(el)!;
    await until(() => describeElement(form.shadowRoot!.activeElement) === 'input[name="holder"]');
    // The account's first method is its default anyway: the form is told, and says so.
    expect(form.firstMethod).to.be.true;
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#pmf-default')!.checked).to.be.true;
    await typeAndTab('Jane Doe');
    await typeAndTab('110000000');
    await typeAndTab('000123456789');
    await typeAndTab('');
    await sendKeys({ press: 'Space' });
    await typeAndTab('');
    await typeAddressAndSave();
    await until(() => changes.length > 0);
    expect(text(rows(el)[0])).to.contain('Test Bank •••• 6789');
    expect(text(rows(el)[0].querySelector('.name'))).to.contain('Default');
    expect(hasState(el, 'populated')).to.be.true;
  });

  it('Cancel closes the form, focus returns to the button, and acct-cancel stays inside', async () => {
    const el = await methods(memoryApi(), { raw: true });
    const cancels = record(document, 'acct-cancel');
    $<HTMLButtonElement>(el, '[part="add-card-button"]')!.click();
    await until(() => !!addForm(el));
    const form = addForm(el)!;
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
    await el.updateComplete;
    expect(addForm(el)).to.equal(null);
    expect(focused(el)).to.equal('button[part="add-card-button"]');
    expect(cancels).to.have.length(0);
  });
});

describe('acct-payment-methods: a host card tokenizer', () => {
  it('mounts the card fields in the document, not in a shadow root; keyboard only: Add card, the provider’s field, the address, Enter; only a token is sent', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const tokenizer = new FakeTokenizer((number) => api.createCardToken({ number, exp_month: 12, exp_year: 2034 }));
    const provider = await mount<HTMLElement>(
      html`<acct-provider .api=${api} .cardTokenizer=${tokenizer}><acct-payment-methods></acct-payment-methods></acct-provider>`,
    );
    const el = provider.querySelector('acct-payment-methods')!;
    await waitForIdle(el);
    const changes = recordChanges(el);
    $<HTMLButtonElement>(el, '[part="add-card-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!tokenizer.mounted);
    const form = addForm(el)!;
    expect(form.parentElement === el, 'the form is a light-DOM child of the element').to.be.true;
    expect(form.assignedSlot === $(el, '[part~="form"] slot[name="payment-method-form"]'), 'shown through its slot').to.be.true;
    const container = tokenizer.mounted!;
    expect(container.parentElement === form && container.slot === 'card-fields').to.be.true;
    expect(container.getRootNode() === document, 'the provider’s container is in the document').to.be.true;
    // The form takes focus, and hands it to the provider's card field once that has loaded.
    await until(() => document.activeElement === form.querySelector('input.fake-card'), 5000);
    await expect(el).to.be.accessible();
    expect(describeElement(document.activeElement)).to.equal('input.fake-card');
    await typeAndTab('4242 4242 4242 4242');
    await typeAddressAndSave();
    await until(() => changes.length > 0, 5000);
    expect(changes).to.have.length(1);
    expect(changes[0].change).to.equal('added');
    expect(changes[0].shown).to.include(changes[0].id);
    expect(adds).to.have.length(1);
    expect(adds[0].method).to.have.keys(['type', 'token', 'billing_address']);
    expect(adds[0].method.token).to.match(/^tok_memory_/);
    expect(text(row(el, changes[0].id))).to.contain('Visa •••• 4242');
    expect(focused(el)).to.equal('button[part="add-card-button"]');
    expect(addForm(el)).to.equal(null);
    expect(tokenizer.unmounts).to.equal(1);
    expect(container.isConnected).to.be.false;
  });

  it('the element’s own cardTokenizer mounts in the document too; Cancel unmounts it and returns focus', async () => {
    const api = memoryApi();
    const tokenizer = new FakeTokenizer(() => 'tok');
    const el = await mount<AcctPaymentMethods>(html`<acct-payment-methods .api=${api} .cardTokenizer=${tokenizer}></acct-payment-methods>`);
    $<HTMLButtonElement>(el, '[part="add-card-button"]')!.click();
    await until(() => !!tokenizer.mounted);
    expect(tokenizer.mounted!.getRootNode() === document).to.be.true;
    const form = addForm(el)!;
    await form.updateComplete;
    $<HTMLButtonElement>(form, '[part="cancel-button"]')!.click();
    await el.updateComplete;
    expect(addForm(el)).to.equal(null);
    expect(tokenizer.unmounts).to.equal(1);
    expect(focused(el)).to.equal('button[part="add-card-button"]');
  });
});

describe('acct-payment-methods: default and billing address', () => {
  it('Set as default: one PATCH, the badge moves, then the event; focus stays in the row', async () => {
    const api = memoryApi();
    const el = await methods(api);
    const changes = recordChanges(el);
    button(el, BANK, 'default-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length > 0);
    expect(api.calls.filter((c) => c.operation === 'updatePaymentMethod').map((c) => c.args)).to.deep.equal([[BANK, { is_default: true }]]);
    expect(changes[0]).to.include({ change: 'default', id: BANK, defaultRow: BANK });
    expect(button(el, BANK, 'default-button')).to.equal(null);
    expect(button(el, VISA, 'default-button')).to.exist;
    expect(status(el)).to.equal('Test Bank ending in 6789 is now the default payment method.');
    expect(describeElement(el.shadowRoot!.activeElement)).to.equal('button[part="edit-button"]');
    expect(row(el, BANK).contains(el.shadowRoot!.activeElement)).to.be.true;
  });

  it('a failed write is a role=alert on its row; the list stays', async () => {
    const api = memoryApi({ fail: (operation) => (operation === 'updatePaymentMethod' ? new ApiError('network', 'offline') : undefined) });
    const el = await methods(api);
    button(el, BANK, 'default-button').click();
    await until(() => !!row(el, BANK).querySelector('[role="alert"]'));
    expect(text(row(el, BANK).querySelector('[role="alert"]'))).to.equal('We could not reach the server. Check your connection and try again.');
    expect(button(el, BANK, 'default-button').disabled).to.be.false;
    expect(rows(el)).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('Edit billing address: the form opens filled, validates, PATCHes the address, closes and returns focus', async () => {
    const api = memoryApi();
    const el = await methods(api);
    const changes = recordChanges(el);
    button(el, BANK, 'edit-button').click();
    await until(() => !!$(el, '[part="address-form"]'));
    expect(focused(el)).to.equal('input[name="name"]');
    expect($<HTMLInputElement>(el, '[name="line1"]')!.value).to.equal('12 Harbour Street');
    await expect(el).to.be.accessible();
    setField(el, 'line1', '');
    $<HTMLButtonElement>(el, '[part="address-form"] [type="submit"]')!.click();
    await el.updateComplete;
    expect(fieldError(el, 'line1')).to.equal('Enter the street address.');
    expect(focused(el)).to.equal('input[name="line1"]');
    expect(api.calls.filter((c) => c.operation === 'updatePaymentMethod')).to.have.length(0);
    await sendKeys({ type: '7 Elm Road' });
    setField(el, 'country', 'DE');
    $<HTMLButtonElement>(el, '[part="address-form"] [type="submit"]')!.click();
    await until(() => changes.length > 0);
    expect(api.calls.find((c) => c.operation === 'updatePaymentMethod')!.args).to.deep.equal([
      BANK,
      { billing_address: { name: 'Northwind Traders', line1: '7 Elm Road', line2: null, city: 'Springfield', region: 'OR', postal_code: '97477', country: 'DE' } },
    ]);
    expect(changes[0].change).to.equal('updated');
    expect(text(row(el, BANK))).to.contain('Billing address: 7 Elm Road, Springfield, OR 97477, Germany');
    expect($(el, '[part="address-form"]')).to.equal(null);
    expect(focused(el)).to.equal('button[part="edit-button"]');
    expect(status(el)).to.equal('The billing address was saved.');
  });

  it('server field errors on the address land on their fields', async () => {
    const api = memoryApi({
      fail: (operation) =>
        operation === 'updatePaymentMethod'
          ? new ApiError('validation', 'bad', {
              status: 422,
              problem: { status: 422, errors: [{ field: 'billing_address.postal_code', message: 'bad', code: 'invalid' }] },
            })
          : undefined,
    });
    const el = await methods(api);
    button(el, VISA, 'edit-button').click();
    await until(() => !!$(el, '[part="address-form"]'));
    $<HTMLButtonElement>(el, '[part="address-form"] [type="submit"]')!.click();
    await until(() => fieldError(el, 'postal') !== null);
    expect(fieldError(el, 'postal')).to.equal('This was not accepted. Check it and try again.');
    expect(focused(el)).to.equal('input[name="postal"]');
    expect(text($(el, '[part="address-form"] [role="alert"]'))).to.equal('Some details were not accepted. Check the marked fields.');
  });
});

describe('acct-payment-methods: deleting', () => {
  it('keyboard only: Enter on Delete opens a modal dialog on Cancel; Shift+Tab, Enter deletes; focus goes to the list', async () => {
    const api = memoryApi();
    const el = await methods(api);
    const changes = recordChanges(el);
    button(el, BANK, 'delete-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    expect(dialog(el).matches(':modal')).to.be.true;
    expect(text(dialog(el).querySelector('h2'))).to.equal('Delete Test Bank ending in 6789?');
    expect(text(dialog(el).querySelector('#pm-dialog-text'))).to.equal('It will be removed from this account.');
    expect(text(el.shadowRoot!.activeElement)).to.equal('Cancel');
    await expect(el).to.be.accessible();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal('button[part="confirm-button"]');
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length > 0);
    expect(changes[0]).to.deep.include({ change: 'deleted', id: BANK });
    expect(changes[0].shown).to.deep.equal([VISA, MASTERCARD]);
    expect(dialog(el).open).to.be.false;
    expect(focused(el)).to.equal('ul[part="list"]');
    expect(status(el)).to.equal('Test Bank ending in 6789 was deleted.');
  });

  it('the dialog keeps focus inside; Escape closes it, focus goes back to Delete, nothing is deleted', async () => {
    const api = memoryApi();
    const el = await methods(api);
    const opener = button(el, BANK, 'delete-button');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement;
      expect(!active || dialog(el).contains(active), `Tab ${i + 1} stays in the dialog`).to.be.true;
    }
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === opener).to.be.true;
    expect(api.calls.filter((c) => c.operation === 'deletePaymentMethod')).to.have.length(0);
  });

  it('the default: the dialog asks for the new default (expired cards are not offered); PATCH, then DELETE', async () => {
    const api = memoryApi();
    const el = await methods(api);
    const changes = recordChanges(el);
    button(el, VISA, 'delete-button').click();
    await until(() => dialog(el).open);
    expect(text(dialog(el).querySelector('#pm-dialog-text'))).to.equal(
      'This is the default payment method. Choose the payment method that becomes the default.',
    );
    const select = dialog(el).querySelector<HTMLSelectElement>('select')!;
    expect(text(dialog(el).querySelector('label'))).to.equal('New default payment method');
    expect(Array.from(select.options).map((o) => o.value)).to.deep.equal([BANK]);
    expect(focused(el)).to.equal('select');
    await expect(el).to.be.accessible();
    dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => changes.length === 2);
    const writes = api.calls.filter((c) => c.operation !== 'getAccount' && c.operation !== 'listPaymentMethods');
    expect(writes.map((c) => [c.operation, ...c.args])).to.deep.equal([
      ['updatePaymentMethod', BANK, { is_default: true }],
      ['deletePaymentMethod', VISA],
    ]);
    expect(changes.map((c) => [c.change, c.id])).to.deep.equal([
      ['default', BANK],
      ['deleted', VISA],
    ]);
    expect(changes[1].defaultRow).to.equal(BANK);
    expect(status(el)).to.equal('Visa ending in 4242 was deleted. Test Bank ending in 6789 is now the default payment method.');
  });

  it('the autopay method: autopay moves to the chosen method (setAutopay) before DELETE', async () => {
    const api = memoryApi();
    api.data.account.autopay = { enabled: true, payment_method_id: BANK };
    api.data.paymentMethods.push({ ...api.data.paymentMethods[0], id: 'pm_second_visa', is_default: false, card: { ...api.data.paymentMethods[0].card!, last4: '1881' } });
    const el = await methods(api);
    button(el, BANK, 'delete-button').click();
    await until(() => dialog(el).open);
    expect(text(dialog(el).querySelector('label'))).to.equal('New payment method for autopay');
    const select = dialog(el).querySelector<HTMLSelectElement>('select')!;
    expect(Array.from(select.options).map((o) => o.value)).to.deep.equal([VISA, 'pm_second_visa']);
    select.value = 'pm_second_visa';
    select.dispatchEvent(new Event('change'));
    dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => !dialog(el).open);
    const writes = api.calls.filter((c) => c.operation !== 'getAccount' && c.operation !== 'listPaymentMethods');
    expect(writes.map((c) => [c.operation, ...c.args])).to.deep.equal([
      ['setAutopay', { enabled: true, payment_method_id: 'pm_second_visa' }],
      ['deletePaymentMethod', BANK],
    ]);
    expect(api.data.account.autopay.payment_method_id).to.equal('pm_second_visa');
  });

  it('the only method with autopay on: explains that autopay must be turned off first; no Delete', async () => {
    const api = memoryApi({ fixture: 'jpy' });
    const only = api.data.paymentMethods[0];
    api.data.account.autopay = { enabled: true, payment_method_id: only.id };
    const el = await methods(api);
    rows(el)[0].querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await until(() => dialog(el).open);
    expect(text(dialog(el).querySelector('#pm-dialog-text'))).to.equal(
      'Autopay pays with this payment method, and it is the only one. Turn off autopay before deleting it.',
    );
    expect(dialog(el).querySelector('[part="confirm-button"]')).to.equal(null);
    expect(text(el.shadowRoot!.activeElement)).to.equal('Close');
    await expect(el).to.be.accessible();
  });

  it('the default when every other method has expired: add a valid one first', async () => {
    const api = memoryApi({ fixture: 'kwd' });
    api.data.paymentMethods.push({ ...api.data.paymentMethods[0], id: 'pm_old', is_default: false, card: { brand: 'visa', last4: '0005', exp_month: 1, exp_year: 2020 } });
    const el = await methods(api);
    rows(el)[0].querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await until(() => dialog(el).open);
    expect(text(dialog(el).querySelector('#pm-dialog-text'))).to.equal(
      'This payment method is needed until another one can take its place. Add a valid payment method first.',
    );
    expect(dialog(el).querySelector('[part="confirm-button"]')).to.equal(null);
  });

  it('the only method (no autopay) is deleted without questions', async () => {
    const api = memoryApi({ fixture: 'jpy' });
    const el = await methods(api);
    rows(el)[0].querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await until(() => dialog(el).open);
    dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => hasState(el, 'empty'));
    expect(focused(el)).to.equal('p[part="empty"]');
  });

  it('R1: a burst on the dialog’s Delete → one DELETE; disabled and aria-busy at once', async () => {
    const api = memoryApi({ latencyMs: (operation) => (operation === 'deletePaymentMethod' ? 150 : 0) });
    const el = await methods(api);
    const changes = recordChanges(el);
    button(el, BANK, 'delete-button').click();
    await until(() => dialog(el).open);
    const confirm = dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!;
    confirm.focus();
    confirm.click();
    expect(confirm.disabled).to.be.true;
    expect(confirm.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) confirm.click();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Escape' });
    await until(() => changes.length > 0);
    await sleep(100);
    expect(api.calls.filter((c) => c.operation === 'deletePaymentMethod')).to.have.length(1);
    expect(changes).to.have.length(1);
  });

  it('a server conflict (changed elsewhere) is explained in the dialog, which then offers the replacement', async () => {
    const api = memoryApi();
    const el = await methods(api);
    button(el, BANK, 'delete-button').click();
    await until(() => dialog(el).open);
    // Another tab made the bank account the default meanwhile.
    for (const m of api.data.paymentMethods) m.is_default = m.id === BANK;
    dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => !!dialog(el).querySelector('[role="alert"]'));
    expect(text(dialog(el).querySelector('[role="alert"]'))).to.equal('This is the default payment method. Make another method the default first.');
    await until(() => !!dialog(el).querySelector('select'));
    expect(dialog(el).open).to.be.true;
    dialog(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => !dialog(el).open);
    expect(api.data.paymentMethods.map((m) => m.id)).to.deep.equal([VISA, MASTERCARD]);
    expect(api.data.paymentMethods[0].is_default).to.be.true;
  });
});
