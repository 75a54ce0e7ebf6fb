import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AcctPaymentMethods } from '../../src/components/payment-methods/payment-methods.js';
import { deleteDialogLoader } from '../../src/components/payment-methods/delete-dialog-loader.js';
import '../../src/components/payment-methods/acct-payment-methods.js';
import { $, focused, memoryApi, mount, until } from './payment-method-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// A file of its own: the dialog's code must not be on the page before a Delete button is reached.

const BANK = 'pm_acct_typical_bank';

function deleteButton(el: AcctPaymentMethods, id: string): HTMLButtonElement {
  return $<HTMLButtonElement>(el, `[part~="method"][data-id="${id}"] [part~="delete-button"]`)!;
}

const dialogRequested = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/payment-methods/delete-dialog.'));

describe('acct-payment-methods: the delete dialog loads when Delete is reached', () => {
  it('not on first render; Delete busy while it loads (a second Enter opens nothing more); a failed load shows Retry; Retry by keyboard opens the dialog on Cancel', async () => {
    const api = memoryApi();
    const el = await mount<AcctPaymentMethods>(html`<acct-payment-methods .api=${api}></acct-payment-methods>`);
    expect(el.matches(':state(populated)')).to.be.true;
    expect(dialogRequested(), 'the first render does not fetch the dialog').to.be.false;
    expect(deleteDialogLoader.loaded).to.equal(undefined);

    const load = deleteDialogLoader.load;
    let loads = 0;
    let fail!: () => void;
    deleteDialogLoader.load = () => {
      loads++;
      return new Promise((_, reject) => (fail = () => reject(new TypeError('Failed to fetch'))));
    };
    const error = console.error;
    console.error = () => {};
    try {
      // Focus loads the code (one load); Enter waits for it, with Delete busy and focused.
      deleteButton(el, BANK).focus();
      await el.updateComplete;
      expect(loads).to.equal(1);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(deleteButton(el, BANK).getAttribute('aria-busy')).to.equal('true');
      expect(focused(el)).to.equal('button[part="delete-button"]');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(loads, 'one load for the focus and both presses').to.equal(1);
      expect($<HTMLDialogElement>(el, 'dialog')!.open).to.be.false;
      fail();
      await until(() => !!$(el, '[part~="method"] [part="retry-button"]'));
      expect(deleteButton(el, BANK).getAttribute('aria-busy')).to.equal('false');
      expect($(el, '[part~="method"] [role="alert"]')!.textContent).to.contain('could not be loaded');
      await expect(el).to.be.accessible();
    } finally {
      deleteDialogLoader.load = load;
      console.error = error;
    }

    // Keyboard only: Tab reaches Retry, Enter loads the code for real and opens the dialog.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('button[part="retry-button"]');
    await sendKeys({ press: 'Enter' });
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open);
    expect(dialogRequested()).to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
    expect(dialog.querySelector('h2')!.textContent).to.equal('Delete Test Bank ending in 6789?');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Cancel');
    expect($(el, '[part="retry-button"]'), 'the Retry is gone').to.equal(null);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open);
    expect(focused(el)).to.equal('button[part="delete-button"]');
    expect(api.calls.filter((c) => c.operation === 'deletePaymentMethod')).to.have.length(0);
  });
});
