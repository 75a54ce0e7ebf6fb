import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { WriteOptions } from '../../src/api/account-api.js';
import type { AddressChangeDetail } from '../../src/events/address-events.js';
import '../../src/components/address-book/acct-address-book.js';
import type { AcctAddressBook } from '../../src/components/address-book/address-book.js';
import { $, $$, accountApi, capturingConsoleErrors, hasState, mountIdle, text, until } from './account-helpers.js';

const BILLING = 'adr_typical_billing';
const WAREHOUSE = 'adr_typical_warehouse';
const EAST = 'adr_typical_east';

async function mountBook(api: MemoryAccountApi | undefined): Promise<AcctAddressBook> {
  return mountIdle<AcctAddressBook>(html`<acct-address-book .api=${api}></acct-address-book>`);
}

function row(el: AcctAddressBook, id: string): HTMLElement {
  const found = $$<HTMLElement>(el, 'li[part~="entry"]').find((r) => r.dataset.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function calls(api: MemoryAccountApi, operation: string) {
  return api.calls.filter((c) => c.operation === operation);
}

/** Records the Idempotency-Key of every call of a write. */
function keysOf(api: MemoryAccountApi, method: 'createAddress' | 'updateAddress' | 'deleteAddress'): string[] {
  const keys: string[] = [];
  const original = (api[method] as (...args: unknown[]) => Promise<unknown>).bind(api);
  (api as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    keys.push((args[args.length - 1] as WriteOptions).idempotencyKey);
    return original(...args);
  };
  return keys;
}

function field(el: AcctAddressBook, name: string): HTMLInputElement | HTMLSelectElement {
  return $<HTMLInputElement>(el, `form [name="${name}"]`)!;
}

function fill(el: AcctAddressBook, values: Record<string, string | boolean>): void {
  for (const [name, value] of Object.entries(values)) {
    const control = field(el, name);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = value === true;
      control.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      control.value = String(value);
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    }
  }
}

const active = (el: AcctAddressBook) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('acct-address-book', () => {
  it('shows every address with its uses, its defaults and the payment methods billed there', async () => {
    const el = await mountBook(accountApi());
    expect(hasState(el, 'populated')).to.equal(true);
    expect(hasState(el, 'readonly')).to.equal(false);
    expect($$(el, 'li[part~="entry"]').map((r) => (r as HTMLElement).dataset.id)).to.deep.equal([BILLING, WAREHOUSE, 'adr_typical_home', EAST]);
    expect(text(row(el, BILLING).querySelector('[part~="name"]'))).to.equal('Northwind Traders');
    expect(text(row(el, BILLING).querySelector('[part~="lines"]'))).to.contain('12 Harbour Street');
    expect(text(row(el, BILLING).querySelector('[part~="lines"]'))).to.contain('United States');
    expect(text(row(el, BILLING).querySelector('[part~="uses"]'))).to.equal('Default billing address');
    expect(text(row(el, BILLING).querySelector('[part~="used-by"]'))).to.equal('Used by Visa •••• 4242, Test Bank •••• 6789, and Mastercard •••• 4444');
    expect(text(row(el, EAST).querySelector('[part~="uses"]'))).to.equal('Shipping');
    expect(row(el, EAST).querySelector('[part~="used-by"]')).to.equal(null);
    expect(text(row(el, EAST).querySelector('[part~="default-button"]'))).to.equal('Make default for shipping');
    expect(row(el, WAREHOUSE).querySelector('[part~="default-button"]'), 'already the default').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a billing viewer sees the book without any write control', async () => {
    const el = await mountBook(accountApi({ fixture: 'viewer' }));
    expect(hasState(el, 'readonly')).to.equal(true);
    expect($$(el, 'button')).to.have.length(0);
    expect($(el, 'dialog')).to.equal(null);
    expect(text($(el, '[part~="readonly"]'))).to.contain('not change them');
    await expect(el).to.be.accessible();
  });

  it('loading, empty, error with Retry, unconfigured', async () => {
    const loading = await mountIdle<AcctAddressBook>(html`<acct-address-book .api=${accountApi({ latencyMs: Infinity })}></acct-address-book>`, false);
    await loading.updateComplete;
    expect(hasState(loading, 'loading')).to.equal(true);
    expect($(loading, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(loading).to.be.accessible();

    const empty = await mountBook(accountApi({ fixture: 'empty' }));
    expect(hasState(empty, 'empty')).to.equal(true);
    expect($(empty, '[part~="add-button"]')).to.not.equal(null);
    await expect(empty).to.be.accessible();

    const errors: unknown[] = [];
    const api = accountApi({ fail: (op, i) => (op === 'listAddresses' && i === 0 ? new ApiError('network', 'Failed to fetch') : undefined) });
    const failing = await mountIdle<AcctAddressBook>(html`<acct-address-book .api=${api} @acct-error=${(e: Event) => errors.push(e)}></acct-address-book>`);
    expect(hasState(failing, 'error')).to.equal(true);
    expect(errors).to.have.length(1);
    await expect(failing).to.be.accessible();
    $<HTMLButtonElement>(failing, '[part~="retry-button"]')!.click();
    await until(() => hasState(failing, 'populated'));
    expect(errors).to.have.length(1);

    const logged = await capturingConsoleErrors(async () => {
      const none = await mountBook(undefined);
      expect(hasState(none, 'unconfigured')).to.equal(true);
      await expect(none).to.be.accessible();
    });
    expect(logged.length).to.be.greaterThan(0);
  });

  it('bad server data ends in the error state, not a spinner', async () => {
    const api = accountApi();
    (api as unknown as { listAddresses: () => Promise<unknown> }).listAddresses = () => Promise.resolve({ data: 'nope', next_cursor: null });
    const el = await mountBook(api);
    expect(hasState(el, 'error')).to.equal(true);
    const api2 = accountApi();
    (api2 as unknown as { listAddresses: () => Promise<unknown> }).listAddresses = () => Promise.resolve({ data: [{ id: 'x' }], next_cursor: null });
    const el2 = await mountBook(api2);
    expect(hasState(el2, 'error')).to.equal(true);
  });

  it('hostile data renders as text', async () => {
    const el = await mountBook(accountApi({ fixture: 'hostile' }));
    expect($$(el, 'img, svg, script')).to.have.length(0);
    expect(text(el.shadowRoot as unknown as Element)).to.contain('<img src=x onerror="window.__xss=1">Evil Corp');
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Add address, type the address, Enter saves it once; focus goes to the new address', async () => {
    const api = accountApi();
    const changes: AddressChangeDetail[] = [];
    const el = await mountIdle<AcctAddressBook>(html`<acct-address-book .api=${api} @acct-address-change=${(e: CustomEvent) => changes.push(e.detail)}></acct-address-book>`);
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => active(el)?.getAttribute('name') === 'name');
    expect(hasState(el, 'adding')).to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Dock B' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1 Pier Road' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Portland' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'OR' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '97201' });
    await sendKeys({ press: 'Enter' });
    await until(() => !hasState(el, 'adding') && calls(api, 'createAddress').length === 1 && !hasState(el, 'loading'));
    const [call] = calls(api, 'createAddress');
    expect(call.args[0]).to.deep.include({ name: 'Dock B', line1: '1 Pier Road', city: 'Portland', region: 'OR', postal_code: '97201', country: 'US', uses: ['shipping'] });
    expect(changes).to.have.length(1);
    expect(changes[0].change).to.equal('created');
    const id = changes[0].id;
    await until(() => active(el)?.getAttribute('part') === 'name');
    expect(row(el, id).contains(active(el))).to.equal(true);
    expect(text($(el, '[role="status"]'))).to.equal('The address was added.');
  });

  it('a burst of presses on Save sends one create (R1)', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'createAddress' ? 50 : 0) });
    const el = await mountBook(api);
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.click();
    await el.updateComplete;
    fill(el, { line1: '1 Pier Road', city: 'Portland', region: 'OR', postal: '97201' });
    await el.updateComplete;
    const save = $<HTMLButtonElement>(el, '[part~="save-button"]')!;
    for (let i = 0; i < 20; i++) save.click();
    save.form!.requestSubmit();
    expect(save.disabled).to.equal(true);
    expect(save.getAttribute('aria-busy')).to.equal('true');
    await el.updateComplete;
    expect(hasState(el, 'saving')).to.equal(true);
    await until(() => !hasState(el, 'adding'));
    expect(calls(api, 'createAddress')).to.have.length(1);
  });

  it('a 422 shows the field errors at their fields and keeps the form; the corrected save is a new intent (R3)', async () => {
    const api = accountApi();
    const keys = keysOf(api, 'createAddress');
    const el = await mountBook(api);
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.click();
    await el.updateComplete;
    fill(el, { name: 'Dock B', line1: '1 Pier Road', city: 'Portland', region: 'Atlantis', postal: '97201' });
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => !!$(el, '[part~="message"]'));
    expect(field(el, 'region').getAttribute('aria-invalid')).to.equal('true');
    expect(active(el)?.getAttribute('name')).to.equal('region');
    expect(field(el, 'line1').value, 'nothing typed is lost').to.equal('1 Pier Road');
    expect(field(el, 'name').value).to.equal('Dock B');
    expect(hasState(el, 'adding')).to.equal(true);
    await expect(el).to.be.accessible();
    fill(el, { region: 'Oregon' });
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => !hasState(el, 'adding'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('the client checks the country rules before sending (postal code format, required fields)', async () => {
    const api = accountApi();
    const el = await mountBook(api);
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.click();
    await el.updateComplete;
    fill(el, { line1: '1 Pier Road', city: 'Portland', postal: 'ABC' });
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => field(el, 'postal').getAttribute('aria-invalid') === 'true');
    expect(text($(el, '#ab-postal-error'))).to.contain('postal code');
    expect(field(el, 'region').getAttribute('aria-invalid')).to.equal('true');
    expect(calls(api, 'createAddress')).to.have.length(0);
  });

  it('a network error keeps the form; Retry sends the same key and body once (R2)', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'createAddress' && i === 0 ? new ApiError('network', 'Failed to fetch') : undefined) });
    const keys = keysOf(api, 'createAddress');
    const el = await mountBook(api);
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.click();
    await el.updateComplete;
    fill(el, { line1: '1 Pier Road', city: 'Portland', region: 'OR', postal: '97201' });
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => !!$(el, '[part~="retry-button"]'));
    expect(hasState(el, 'unknown')).to.equal(true);
    expect(field(el, 'line1').value).to.equal('1 Pier Road');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
    await until(() => !hasState(el, 'adding'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    const bodies = calls(api, 'createAddress').map((c) => JSON.stringify(c.args));
    expect(bodies[0]).to.equal(bodies[1]);
    const after = await api.listAddresses({});
    expect(after.data.filter((a) => a.line1 === '1 Pier Road')).to.have.length(1);
  });

  it('Edit: the form in the address’s place; Save patches it and focus comes back to Edit', async () => {
    const api = accountApi();
    const el = await mountBook(api);
    row(el, EAST).querySelector<HTMLButtonElement>('[part~="edit-button"]')!.click();
    await until(() => !!$(el, 'form [name="line1"]'));
    expect(hasState(el, 'editing')).to.equal(true);
    expect(field(el, 'line1').value).to.equal('350 Fifth Avenue');
    expect((field(el, 'use-shipping') as HTMLInputElement).checked).to.equal(true);
    await expect(el).to.be.accessible();
    fill(el, { line2: 'Floor 21', 'default-shipping': true });
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => !hasState(el, 'editing') && !hasState(el, 'loading'));
    const [call] = calls(api, 'updateAddress');
    expect(call.args[0]).to.equal(EAST);
    expect(call.args[1]).to.deep.include({ line2: 'Floor 21', uses: ['shipping'], default_for: ['shipping'] });
    await until(() => active(el)?.getAttribute('part') === 'edit-button');
    expect(row(el, EAST).contains(active(el))).to.equal(true);
    expect(text(row(el, EAST).querySelector('[part~="uses"]'))).to.equal('Default shipping address');
  });

  it('Edit: unchecking a use it is the default of asks which address takes over, and sends it', async () => {
    const api = accountApi();
    const el = await mountBook(api);
    row(el, WAREHOUSE).querySelector<HTMLButtonElement>('[part~="edit-button"]')!.click();
    await until(() => !!$(el, 'form [name="line1"]'));
    fill(el, { 'use-shipping': false, 'use-residential': true });
    await el.updateComplete;
    expect(field(el, 'replacement')).to.not.equal(null);
    fill(el, { replacement: EAST });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await until(() => !hasState(el, 'editing') && !hasState(el, 'loading'));
    expect(calls(api, 'updateAddress')[0].args[1]).to.deep.include({ uses: ['residential'], replacement: EAST });
    expect(text(row(el, EAST).querySelector('[part~="uses"]'))).to.equal('Default shipping address');
  });

  it('keyboard only: Make default for shipping, once', async () => {
    const api = accountApi();
    const keys = keysOf(api, 'updateAddress');
    const el = await mountBook(api);
    const button = row(el, EAST).querySelector<HTMLButtonElement>('[part~="default-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await until(() => text(row(el, EAST).querySelector('[part~="uses"]')) === 'Default shipping address');
    expect(keys).to.have.length(1);
    expect(calls(api, 'updateAddress')[0].args).to.deep.equal([EAST, { default_for: ['shipping'] }]);
    expect(text(row(el, WAREHOUSE).querySelector('[part~="uses"]'))).to.equal('Shipping');
    await until(() => row(el, EAST).contains(active(el)));
    expect(text($(el, '[role="status"]'))).to.contain('is now the default address for shipping');
  });

  it('keyboard only: Remove the default shipping address, with the address that takes over; focus trapped and restored', async () => {
    const api = accountApi();
    const changes: AddressChangeDetail[] = [];
    const el = await mountIdle<AcctAddressBook>(html`<acct-address-book .api=${api} @acct-address-change=${(e: CustomEvent) => changes.push(e.detail)}></acct-address-book>`);
    row(el, WAREHOUSE).querySelector<HTMLButtonElement>('[part~="remove-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open);
    expect(hasState(el, 'removing')).to.equal(true);
    expect(active(el)?.id).to.equal('ab-dialog-replacement');
    expect(text(dialog)).to.contain('default address for shipping');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('confirm-button');
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.open && !hasState(el, 'loading'));
    expect(calls(api, 'deleteAddress')).to.have.length(1);
    expect(calls(api, 'deleteAddress')[0].args).to.deep.equal([WAREHOUSE, { replacement: EAST }]);
    expect(changes[0]).to.deep.include({ change: 'deleted', id: WAREHOUSE, replacementId: EAST });
    expect($$(el, 'li[part~="entry"]').some((r) => (r as HTMLElement).dataset.id === WAREHOUSE)).to.equal(false);
    expect(text(row(el, EAST).querySelector('[part~="uses"]'))).to.equal('Default shipping address');
    await until(() => active(el)?.getAttribute('part') === 'add-button');
  });

  it('Remove the billing address: the dialog says the payment methods use it; Escape closes and focus comes back', async () => {
    const api = accountApi();
    const el = await mountBook(api);
    const remove = row(el, BILLING).querySelector<HTMLButtonElement>('[part~="remove-button"]')!;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open);
    expect(text(dialog.querySelector('[part~="used-by"]'))).to.contain('Visa •••• 4242');
    expect($(el, 'dialog select'), 'no other billing address: nothing takes over').to.equal(null);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open && active(el) === remove);
    expect(calls(api, 'deleteAddress')).to.have.length(0);
  });

  it('refreshes on an addresses or payment-methods invalidation', async () => {
    const api = accountApi();
    const el = await mountBook(api);
    const before = calls(api, 'listAddresses').length;
    api.invalidate(['payment-methods']);
    await until(() => calls(api, 'listAddresses').length > before);
    api.invalidate(['addresses']);
    await until(() => calls(api, 'listAddresses').length > before + 1);
    expect(hasState(el, 'populated')).to.equal(true);
  });
});
