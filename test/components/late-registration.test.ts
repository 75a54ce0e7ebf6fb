// An element that a framework rendered before it was registered (React 19 and Vue then set `api`
// as the attribute "[object Object]") says so on screen and in the console, with the fix; the
// interop tests (test/interop/) show it from real React and Vue apps.
import { expect, fixture, html } from '@open-wc/testing';
import { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { AcctProvider } from '../../src/components/provider/provider.js';
import { lateRegistrationMessage } from '../../src/core/error-view.js';
import { applyLocale } from '../../src/core/localization.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';

// Local helpers: the shared ones import the registrations, and this file must register the tags itself.
const hasState = (el: Element, name: string) => el.matches(`:state(${name})`);
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
/** What each test logged with console.error (first argument), captured around every test. */
const logged: string[] = [];
const originalError = console.error;
beforeEach(() => {
  logged.length = 0;
  console.error = (first: unknown) => logged.push(String(first));
});
afterEach(() => {
  console.error = originalError;
});

const alertOf = (el: Element) => el.shadowRoot!.querySelector('[role="alert"]');

describe('registered after the framework rendered it', () => {
  // This file registers the tags itself, after rendering them, as a late framework host would.
  it('an element whose api attribute is "[object Object]" names the cause and the fix', async () => {
    {
      const el = await fixture<AcctInvoiceList>(html`<acct-invoice-list api="[object Object]" filter="open"></acct-invoice-list>`);
      customElements.define('acct-invoice-list', AcctInvoiceList);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
      const shown = text(alertOf(el));
      expect(shown).to.contain('<acct-invoice-list> was registered after your framework rendered it');
      expect(shown).to.contain('Import the registration (account-elements/acct-invoice-list.js) before the first render, or bind api as a property.');
      await expect(el).to.be.accessible();
    }
    expect(logged).to.have.length(1);
    expect(logged[0]).to.match(/^<acct-invoice-list>: its "api" attribute is "\[object Object\]"/);
    expect(logged[0]).to.contain(`Vue ":api.prop"`);
  });

  it('a property set later replaces the message with the data', async () => {
    const el = await fixture<AcctInvoiceList>(html`<acct-invoice-list api="[object Object]"></acct-invoice-list>`);
    await until(() => hasState(el, 'unconfigured'));
    el.api = new MemoryAccountApi({ fixture: 'typical' });
    await until(() => hasState(el, 'populated'));
    expect(alertOf(el)).to.be.null;
  });

  it('acct-provider says it for its own api, and its elements show it', async () => {
    {
      const provider = await fixture<AcctProvider>(
        html`<acct-provider api="[object Object]"><acct-invoice-detail invoice-id="latest"></acct-invoice-detail></acct-provider>`,
      );
      customElements.define('acct-provider', AcctProvider);
      customElements.define('acct-invoice-detail', AcctInvoiceDetail);
      const detail = provider.querySelector<AcctInvoiceDetail>('acct-invoice-detail')!;
      await until(() => hasState(detail, 'unconfigured'));
      await detail.updateComplete;
      expect(text(alertOf(detail))).to.contain('<acct-provider> was registered after your framework rendered it');
    }
    expect(logged.filter((line) => line.startsWith('<acct-provider>: its "api" attribute'))).to.have.length(1);
  });

  it('is translated (German)', async () => {
    await applyLocale('de');
    try {
      expect(lateRegistrationMessage('acct-invoice-list')).to.contain('wurde erst registriert, nachdem Ihr Framework es dargestellt hatte');
    } finally {
      await applyLocale('en');
    }
    expect(lateRegistrationMessage('acct-invoice-list')).to.contain('was registered after your framework rendered it');
  });
});
