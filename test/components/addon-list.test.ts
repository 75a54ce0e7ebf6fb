import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addonPreviewAmounts } from '../../src/api/addons.js';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AddonChangeDetail } from '../../src/events/addon-events.js';
import '../../src/components/addon-list/acct-addon-list.js';
import type { AcctAddonList } from '../../src/components/addon-list/addon-list.js';
import { addonDialogLoader } from '../../src/components/addon-list/addon-dialog-loader.js';
import { $, $$, accountApi, capturingConsoleErrors, hasState, mountIdle, text, TODAY, until } from './account-helpers.js';

const AUDIT = 'addon_typical_audit_export';
const SUPPORT = 'addon_typical_priority_support';
const SMS = 'addon_typical_sms';
const ONBOARDING = 'addon_typical_onboarding';
const IP = 'addon_typical_dedicated_ip';

async function mountList(api: MemoryAccountApi, layout: 'list' | 'cards' = 'list'): Promise<AcctAddonList> {
  return mountIdle<AcctAddonList>(html`<acct-addon-list .api=${api} poll-interval="40" layout=${layout}></acct-addon-list>`);
}

function row(el: AcctAddonList, id: string): HTMLElement {
  const found = $$<HTMLElement>(el, '[part~="addon"]').find((r) => r.dataset.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function dialog(el: AcctAddonList): HTMLDialogElement {
  return $<HTMLDialogElement>(el, 'dialog')!;
}

/** Presses Enable or Disable on a row and waits for the dialog with its preview. */
async function openChange(el: AcctAddonList, id: string): Promise<void> {
  row(el, id).querySelector<HTMLButtonElement>('[part~="enable-button"], [part~="disable-button"]')!.click();
  await until(() => dialog(el).open && !!$(el, 'dialog [part~="preview"]'));
}

function calls(api: MemoryAccountApi, operation: string) {
  return api.calls.filter((c) => c.operation === operation);
}

describe('acct-addon-list', () => {
  it('shows every add-on with its price and billing, state, setup and links', async () => {
    const el = await mountList(accountApi({ provisioningMs: 60_000 }));
    expect(hasState(el, 'populated')).to.equal(true);
    expect(text(row(el, SUPPORT).querySelector('[part~="price"]'))).to.equal('$49.00 per month');
    expect(text(row(el, 'addon_typical_sso').querySelector('[part~="price"]'))).to.equal('$1,200.00 per year');
    expect(text(row(el, ONBOARDING).querySelector('[part~="price"]'))).to.equal('$500.00 once');
    expect(text(row(el, SMS).querySelector('[part~="price"]'))).to.equal('$0.01 per message');
    expect(text(row(el, SUPPORT).querySelector('[part~="state"]'))).to.equal('Enabled');
    expect(text(row(el, AUDIT).querySelector('[part~="state"]'))).to.equal('Disabled');
    expect(text(row(el, IP).querySelector('[part~="state"]'))).to.equal('Being enabled');
    expect(row(el, IP).querySelector('button'), 'no button while a change is pending').to.equal(null);
    expect(text(row(el, SMS).querySelector('[part~="setup"]'))).to.contain('connect your Twilio account');
    expect(row(el, SMS).querySelector<HTMLAnchorElement>('[part~="setup-link"]')!.href).to.equal('https://console.twilio.com/');
    expect(row(el, SUPPORT).querySelector<HTMLAnchorElement>('[part~="learn-more-link"]')!.href).to.equal('https://example.com/addons/priority-support');
    expect(row(el, ONBOARDING).querySelector('[part~="learn-more-link"]')).to.equal(null);
    expect(hasState(el, 'pending')).to.equal(true);
    expect(hasState(el, 'setup-needed')).to.equal(true);
    expect(hasState(el, 'readonly')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('cards: the same add-ons as a grid', async () => {
    const el = await mountList(accountApi(), 'cards');
    expect(el.getAttribute('layout')).to.equal('cards');
    const list = $(el, '[part~="addons"]')!;
    expect(getComputedStyle(list).gridTemplateColumns.split(' ').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('Enable: the dialog shows the server’s prorated price; one press of Enable enables it once, invoices it, and focus comes back', async () => {
    const api = accountApi();
    const el = await mountList(api);
    const changes: AddonChangeDetail[] = [];
    el.addEventListener('acct-addon-change', (e) => changes.push((e as Event & { detail: AddonChangeDetail }).detail));
    const audit = api.data.addons.addons.find((a) => a.id === AUDIT)!;
    const expected = addonPreviewAmounts({ addon: audit, action: 'enable', today: TODAY.toISOString().slice(0, 10), term: api.data.licensing.term, taxBasisPoints: 825 });
    await openChange(el, AUDIT);
    expect(hasState(el, 'confirming')).to.equal(true);
    expect(text($(el, 'dialog h2'))).to.equal('Enable Audit log export?');
    expect(text($(el, '[part~="amount-now"]'))).to.equal(`$${(expected.total.amount / 100).toFixed(2)}`);
    expect(text($(el, '[part~="preview"]'))).to.contain('Prorated:');
    expect(text($(el, '[part~="preview"]'))).to.contain('each invoice adds $19.00');
    await expect(el).to.be.accessible();
    const confirm = $<HTMLButtonElement>(el, '[part~="confirm-button"]')!;
    for (let i = 0; i < 5; i++) confirm.click();
    await until(() => !dialog(el).open);
    expect(calls(api, 'enableAddon')).to.have.length(1);
    expect(changes).to.have.length(1);
    expect(changes[0].action).to.equal('enable');
    expect(changes[0].invoiceId).to.be.a('string');
    expect(api.data.invoices[0].id).to.equal(changes[0].invoiceId);
    expect(api.data.invoices[0].total.amount).to.equal(expected.total.amount);
    await until(() => text(row(el, AUDIT).querySelector('[part~="state"]')) === 'Enabled');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('disable-button');
    expect(text($(el, '[role="status"]'))).to.equal('Audit log export is enabled.');
  });

  it('Disable credits the unused part of the period; the credit is in the ledger', async () => {
    const api = accountApi();
    const el = await mountList(api);
    const before = api.data.account.balance.amount;
    await openChange(el, SUPPORT);
    expect(text($(el, 'dialog h2'))).to.equal('Disable Priority support?');
    expect(text($(el, '[part~="preview"]'))).to.contain('Credited now');
    expect(text($(el, '[part~="preview"]'))).to.contain('each invoice is $49.00 less');
    const credit = text($(el, '[part~="amount-now"]'));
    $<HTMLButtonElement>(el, '[part~="confirm-button"]')!.click();
    await until(() => !dialog(el).open);
    await until(() => text(row(el, SUPPORT).querySelector('[part~="state"]')) === 'Disabled');
    const [created] = api.data.addons.credits;
    expect(`$${(created.original.amount / 100).toFixed(2)}`).to.equal(credit);
    expect(api.data.account.balance.amount).to.equal(before - created.original.amount);
    const ledger = await api.listTransactions({ type: 'credit' });
    expect(ledger.data[0].description).to.equal('Priority support disabled: unused part of the period');
  });

  it('per-use and one-time add-ons say what they cost, and nothing is prorated', async () => {
    const api = accountApi();
    const el = await mountList(api);
    await openChange(el, ONBOARDING);
    expect(text($(el, '[part~="amount-now"]'))).to.equal('$541.25');
    expect(text($(el, '[part~="preview"]'))).to.contain('Charged once.');
    expect(text($(el, '[part~="preview"]'))).to.not.contain('Prorated');
    $<HTMLButtonElement>(el, '[part~="cancel-button"]')!.click();
    await until(() => !dialog(el).open);
    await openChange(el, SMS);
    expect(text($(el, 'dialog h2'))).to.equal('Disable SMS notifications?');
    expect(text($(el, '[part~="amount-now"]'))).to.equal('$0.00');
    expect(text($(el, '[part~="preview"]'))).to.contain('use until now is on your next invoice');
  });

  it('Escape and Cancel close the dialog without a change; focus goes back to the button', async () => {
    const api = accountApi();
    const el = await mountList(api);
    await openChange(el, AUDIT);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open);
    expect(calls(api, 'enableAddon')).to.have.length(0);
    expect(hasState(el, 'confirming')).to.equal(false);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('enable-button');
  });

  it('an answer that never came: “Check again” sends the same change with the same key, one change (R2)', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'enableAddon' && i === 0 ? new ApiError('network', 'offline') : undefined) });
    const el = await mountList(api);
    await openChange(el, AUDIT);
    $<HTMLButtonElement>(el, '[part~="confirm-button"]')!.click();
    await until(() => hasState(el, 'unknown'));
    expect(text($(el, 'dialog [part~="message"]'))).to.contain('We could not confirm whether the change went through');
    expect($(el, '[part~="confirm-button"]'), 'only Check again').to.equal(null);
    $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click();
    await until(() => !dialog(el).open);
    const sent = calls(api, 'enableAddon');
    expect(sent).to.have.length(2);
    expect(api.data.invoices.filter((i) => i.memo === 'Add-on Audit log export enabled')).to.have.length(1);
  });

  it('an expired preview brings the new price to review; confirming it then enables once', async () => {
    const api = accountApi();
    const el = await mountList(api);
    await openChange(el, AUDIT);
    const first = calls(api, 'previewAddonChange').length;
    const shown = api.calls.filter((c) => c.operation === 'previewAddonChange').length;
    expect(shown).to.equal(first);
    // The preview the dialog shows, aged past its expiry.
    const previewId = (await api.previewAddonChange(AUDIT, { action: 'enable' }, { idempotencyKey: 'peek' })).id;
    api.expireAddonPreview(previewId);
    $<HTMLButtonElement>(el, '[part~="confirm-button"]')!.click();
    await until(() => text($(el, 'dialog [part~="message"]')).includes('preview expired')).catch((e) => {
      throw new Error(`${e}: ${text($(el, 'dialog'))} / ${JSON.stringify(api.calls.map((c) => c.operation))}`);
    });
    expect(dialog(el).open).to.equal(true);
    expect(api.data.addons.addons.find((a) => a.id === AUDIT)!.state).to.equal('disabled');
    $<HTMLButtonElement>(el, '[part~="confirm-button"]')!.click();
    await until(() => !dialog(el).open);
    expect(api.data.addons.addons.find((a) => a.id === AUDIT)!.state).to.equal('enabled');
  });

  it('an add-on changed meanwhile (another tab) says so, offers only Close, and shows it as it is', async () => {
    const api = accountApi();
    const el = await mountList(api);
    await openChange(el, AUDIT);
    // Another tab enables it first.
    const other = await api.previewAddonChange(AUDIT, { action: 'enable' }, { idempotencyKey: 'tab2' });
    await api.enableAddon(AUDIT, { preview_id: other.id }, { idempotencyKey: 'tab2-enable' });
    $<HTMLButtonElement>(el, '[part~="confirm-button"]')!.click();
    await until(() => text($(el, 'dialog [part~="message"]')).includes('changed meanwhile'));
    expect($(el, '[part~="confirm-button"]')).to.equal(null);
    expect(text($(el, '[part~="cancel-button"]'))).to.equal('Close');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="cancel-button"]')!.click();
    await until(() => text(row(el, AUDIT).querySelector('[part~="state"]')) === 'Enabled');
    expect(api.data.invoices.filter((i) => i.memo === 'Add-on Audit log export enabled')).to.have.length(1);
  });

  it('a pending add-on is asked about again until it is enabled', async () => {
    const api = accountApi();
    const el = await mountList(api);
    expect(hasState(el, 'pending')).to.equal(true);
    api.provisionAddonNow(IP);
    await until(() => text(row(el, IP).querySelector('[part~="state"]')) === 'Enabled', 3000);
    expect(hasState(el, 'pending')).to.equal(false);
  });

  it('a billing viewer sees the add-ons without the buttons', async () => {
    const el = await mountList(accountApi({ fixture: 'viewer' }));
    expect(hasState(el, 'readonly')).to.equal(true);
    expect($(el, '[part~="enable-button"], [part~="disable-button"]')).to.equal(null);
    expect(text($(el, '[part~="readonly"]'))).to.contain('not change them');
    await expect(el).to.be.accessible();
  });

  it('empty, error with Retry, and unconfigured', async () => {
    const empty = await mountList(accountApi({ fixture: 'empty' }));
    expect(hasState(empty, 'empty')).to.equal(true);
    await expect(empty).to.be.accessible();
    let fail = true;
    const api = accountApi({ fail: (op) => (op === 'listAddons' && fail ? new ApiError('server', 'down', { status: 503 }) : undefined) });
    const failing = await mountList(api);
    expect(hasState(failing, 'error')).to.equal(true);
    await expect(failing).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(failing, '[part~="retry-button"]')!.click();
    await until(() => hasState(failing, 'populated'));
    const bare = await mountIdle<AcctAddonList>(html`<acct-addon-list></acct-addon-list>`);
    expect(hasState(bare, 'unconfigured')).to.equal(true);
  });

  it('hostile data stays text and unsafe links are not links', async () => {
    const el = await mountList(accountApi({ fixture: 'hostile' }));
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    expect($(el, 'img, svg')).to.equal(null);
    expect($(el, '[part~="learn-more-link"], [part~="setup-link"]')).to.equal(null);
    expect(text(row(el, 'addon_hostile_priority_support').querySelector('[part~="name"]'))).to.contain('<img');
  });

  it('the dialog’s code loads when a button is reached; a failed load shows Retry in the row', async () => {
    const { load, loaded } = addonDialogLoader;
    addonDialogLoader.loaded = undefined;
    let fail = true;
    addonDialogLoader.load = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load());
    try {
      const logged = await capturingConsoleErrors(async () => {
        const el = await mountList(accountApi());
        row(el, AUDIT).querySelector<HTMLButtonElement>('[part~="enable-button"]')!.click();
        await until(() => !!row(el, AUDIT).querySelector('[part~="retry-button"]'));
        expect(dialog(el).open).to.equal(false);
        await expect(el).to.be.accessible();
        fail = false;
        row(el, AUDIT).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
        await until(() => dialog(el).open && !!$(el, 'dialog [part~="preview"]'));
      });
      expect(logged.length).to.be.greaterThan(0);
    } finally {
      addonDialogLoader.load = load;
      addonDialogLoader.loaded ??= loaded;
    }
  });

  it('keyboard only: Tab to Enable, Enter opens the dialog on Cancel, Tab back to Enable and Space confirms', async () => {
    const api = accountApi();
    const el = await mountList(api);
    const enable = row(el, AUDIT).querySelector<HTMLButtonElement>('[part~="enable-button"]')!;
    enable.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open && !!$(el, 'dialog [part~="preview"]'));
    expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'Cancel has focus first').to.equal('cancel-button');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('confirm-button');
    await sendKeys({ press: 'Space' });
    await until(() => !dialog(el).open);
    expect(calls(api, 'enableAddon')).to.have.length(1);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('disable-button');
  });
});
