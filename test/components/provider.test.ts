import { expect, fixture, html } from '@open-wc/testing';
import { LOCALE_STATUS_EVENT, msg } from '@lit/localize';
import { LitElement } from 'lit';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import { AcctProvider } from '../../src/components/provider/provider.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { createFixture } from '../../src/api/fixtures/generate.js';
import { formatMoney } from '../../src/core/money.js';
import { formatCalendarDate } from '../../src/core/dates.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const INVOICE_ID = 'in_1_000037';
const OTHER_ID = 'in_1_000036';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const hasState = (el: Element, state: string) => el.matches(`:state(${state})`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects console.error calls while `run` runs. */
async function capturingConsoleErrors(run: (errors: unknown[][]) => Promise<void>): Promise<void> {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    await run(errors);
  } finally {
    console.error = original;
  }
}

function localeReady(): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      if ((event as CustomEvent<{ status: string }>).detail.status !== 'ready') return;
      window.removeEventListener(LOCALE_STATUS_EVENT, listener);
      resolve();
    };
    window.addEventListener(LOCALE_STATUS_EVENT, listener);
  });
}

describe('acct-provider', () => {
  it('connects elements that were in the page before the provider was defined', async () => {
    class LateProvider extends AcctProvider {}
    const api = new MemoryAccountApi({ today: TODAY });
    const el = await fixture<HTMLElement>(
      html`<acct-late-provider .api=${api}><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-late-provider>`,
    );
    const detail = el.querySelector('acct-invoice-detail')!;
    await sleep(20);
    expect(api.calls).to.deep.equal([]);
    customElements.define('acct-late-provider', LateProvider);
    await waitForIdle(el);
    expect(hasState(detail, 'populated')).to.be.true;
    expect(api.calls.map((c) => c.operation).sort()).to.deep.equal(['getAccount', 'getInvoice']);
    await expect(el).to.be.accessible();
  });

  it('recovers elements that already reported missing configuration when the provider is defined late', async () => {
    class VeryLateProvider extends AcctProvider {}
    const api = new MemoryAccountApi({ today: TODAY });
    await capturingConsoleErrors(async (errors) => {
      const el = await fixture<HTMLElement>(
        html`<acct-very-late-provider .api=${api}><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-very-late-provider>`,
      );
      const detail = el.querySelector('acct-invoice-detail')!;
      await waitForIdle(el);
      expect(hasState(detail, 'unconfigured')).to.be.true;
      expect(errors).to.have.length(1);
      customElements.define('acct-very-late-provider', VeryLateProvider);
      await waitForIdle(el);
      expect(hasState(detail, 'populated')).to.be.true;
      expect(hasState(detail, 'unconfigured')).to.be.false;
    });
  });

  it('reaches elements inside other shadow roots', async () => {
    class ShadowHost extends LitElement {
      override render() {
        return html`<acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail>`;
      }
    }
    customElements.define('test-shadow-host', ShadowHost);
    const api = new MemoryAccountApi({ today: TODAY });
    const el = await fixture<AcctProvider>(html`<acct-provider .api=${api}><test-shadow-host></test-shadow-host></acct-provider>`);
    await waitForIdle(el);
    const detail = el.querySelector('test-shadow-host')!.shadowRoot!.querySelector('acct-invoice-detail')!;
    expect(hasState(detail, 'populated')).to.be.true;
  });

  it('uses its api property over api-base and token', async () => {
    const scenario = `provider-api-wins-${Date.now()}`;
    const api = new MemoryAccountApi({ today: TODAY });
    const el = await fixture<AcctProvider>(
      html`<acct-provider api-base=${`/mock-api/${scenario}`} token="unused" .api=${api}>
        <acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail>
      </acct-provider>`,
    );
    await waitForIdle(el);
    expect(el.resolvedApi).to.equal(api);
    expect(hasState(el.querySelector('acct-invoice-detail')!, 'populated')).to.be.true;
    expect(api.calls.length).to.be.greaterThan(0);
    const log = (await (await fetch(`/mock-api/${scenario}/__log`)).json()) as unknown[];
    expect(log).to.deep.equal([]);
  });

  describe('missing configuration', () => {
    it('without api-base: the elements say what the provider needs, and the console names it', async () => {
      await capturingConsoleErrors(async (errors) => {
        const el = await fixture<AcctProvider>(html`<acct-provider><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`);
        const detail = el.querySelector('acct-invoice-detail')!;
        await waitForIdle(el);
        expect(hasState(detail, 'unconfigured')).to.be.true;
        expect(text(part(detail, 'error'))).to.equal(
          'The account provider has no API address. Set its api-base attribute, or its api property.',
        );
        expect(errors).to.have.length(1);
        expect(String(errors[0][0])).to.contain('<acct-provider>').and.contain('"api-base"').and.contain('"api"');
        await expect(el).to.be.accessible();
      });
    });

    it('with api-base but no token: the elements ask for credentials', async () => {
      await capturingConsoleErrors(async (errors) => {
        const el = await fixture<AcctProvider>(
          html`<acct-provider api-base="/mock-api/no-token"><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`,
        );
        const detail = el.querySelector('acct-invoice-detail')!;
        await waitForIdle(el);
        expect(text(part(detail, 'error'))).to.equal(
          'The account provider has no credentials. Set its token attribute or getToken property.',
        );
        expect(String(errors[0][0])).to.contain('"token"').and.contain('"getToken"');
        expect(el.resolvedApi).to.be.undefined;
      });
    });
  });

  it('tells what is missing in the provider\'s language', async () => {
    const ready = localeReady();
    await capturingConsoleErrors(async () => {
      const el = await fixture<AcctProvider>(html`<acct-provider locale="de"><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`);
      await ready;
      const detail = el.querySelector('acct-invoice-detail')!;
      await waitForIdle(el);
      try {
        const message = text(part(detail, 'error'));
        expect(message).to.equal(msg('The account provider has no API address. Set its api-base attribute, or its api property.'));
        expect(message).not.to.contain('The account provider');
      } finally {
        await applyLocale('en');
      }
    });
  });

  it('without a locale, follows the page language for its strings', async () => {
    const ready = localeReady();
    const previous = document.documentElement.lang;
    document.documentElement.lang = 'de-DE';
    try {
      await capturingConsoleErrors(async () => {
        const el = await fixture<AcctProvider>(html`<acct-provider><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`);
        await ready;
        const detail = el.querySelector('acct-invoice-detail')!;
        await waitForIdle(el);
        expect(text(part(detail, 'error'))).not.to.contain('The account provider');
      });
    } finally {
      document.documentElement.lang = previous;
      await applyLocale('en');
    }
  });

  it('a lone element with its own locale switches the strings too', async () => {
    const ready = localeReady();
    try {
      const el = await fixture<AcctInvoiceDetail>(
        html`<acct-invoice-detail locale="de" .api=${new MemoryAccountApi({ today: TODAY })}></acct-invoice-detail>`,
      );
      await ready;
      await el.updateComplete;
      const message = text(el.shadowRoot);
      expect(message).not.to.contain('Choose an invoice');
      expect(message).to.equal(msg('Choose an invoice to see its details.'));
    } finally {
      await applyLocale('en');
    }
  });

  it('reads the token attribute once, removes it from the DOM, and sends it to the API', async () => {
    const scenario = `provider-token-${Date.now()}`;
    await fetch(`/mock-api/${scenario}/__script`, {
      method: 'POST',
      body: JSON.stringify([{ status: 200, body: createFixture('typical', TODAY).account }]),
    });
    const el = await fixture<AcctProvider>(html`<acct-provider api-base=${`/mock-api/${scenario}`} token="secret-123"></acct-provider>`);
    expect(el.hasAttribute('token')).to.be.false;
    expect(el.outerHTML).not.to.contain('secret-123');
    expect(el.token).to.equal('secret-123');
    await el.resolvedApi!.getAccount();
    const log = (await (await fetch(`/mock-api/${scenario}/__log`)).json()) as Array<{ headers: Record<string, string> }>;
    expect(log).to.have.length(1);
    expect(log[0].headers.authorization).to.equal('Bearer secret-123');

    // A lone element treats its own token attribute the same way.
    const lone = await fixture<AcctInvoiceDetail>(
      html`<acct-invoice-detail api-base=${`/mock-api/${scenario}`} token="lone-secret"></acct-invoice-detail>`,
    );
    expect(lone.hasAttribute('token')).to.be.false;
    expect(lone.token).to.equal('lone-secret');
  });

  it('locale="de" formats numbers and dates in German and switches strings once the catalogue loads', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const invoice = api.data.invoices.find((inv) => inv.id === INVOICE_ID)!;
    const ready = localeReady();
    const el = await fixture<AcctProvider>(
      html`<acct-provider locale="de" .api=${api}><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`,
    );
    await ready;
    const detail = el.querySelector<AcctInvoiceDetail>('acct-invoice-detail')!;
    await waitForIdle(el);
    try {
      expect(detail.resolvedLocale).to.equal('de');
      const total = part(detail, 'totals')!.querySelectorAll('dd');
      expect(total[total.length - 2].textContent!.trim()).to.equal(formatMoney(invoice.total, 'de'));
      expect(formatMoney(invoice.total, 'de')).to.match(/^\d{1,3}(\.\d{3})*,\d{2}\s\$$/);
      expect(text(detail.shadowRoot!.querySelector('.facts'))).to.contain(formatCalendarDate(invoice.issued_on, 'de'));
      // The German catalogue translates the column headings; the element shows what it says.
      const quantityHeading = text(detail.shadowRoot!.querySelectorAll('thead th')[1]);
      expect(quantityHeading).to.equal(msg('Quantity'));
      expect(quantityHeading).not.to.equal('Quantity');
      await expect(el).to.be.accessible();
    } finally {
      await applyLocale('en');
    }
    await detail.updateComplete;
    expect(text(detail.shadowRoot!.querySelectorAll('thead th')[1])).to.equal('Quantity');
  });

  it('shares one api among its elements: two details make one account request', async () => {
    const api = new MemoryAccountApi({ today: TODAY, latencyMs: 20 });
    const el = await fixture<AcctProvider>(
      html`<acct-provider .api=${api}>
        <acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail>
        <acct-invoice-detail invoice-id=${OTHER_ID}></acct-invoice-detail>
      </acct-provider>`,
    );
    await waitForIdle(el);
    const details = Array.from(el.querySelectorAll<AcctInvoiceDetail>('acct-invoice-detail'));
    expect(details.every((d) => d.resolvedApi === api)).to.be.true;
    expect(details.every((d) => hasState(d, 'populated'))).to.be.true;
    expect(api.calls.filter((c) => c.operation === 'getAccount')).to.have.length(1);
    expect(api.calls.filter((c) => c.operation === 'getInvoice').map((c) => c.args[0]).sort()).to.deep.equal([OTHER_ID, INVOICE_ID].sort());
  });

  it('a new api reaches every element, which reloads from it', async () => {
    const first = new MemoryAccountApi({ today: TODAY });
    const el = await fixture<AcctProvider>(html`<acct-provider .api=${first}><acct-invoice-detail invoice-id=${INVOICE_ID}></acct-invoice-detail></acct-provider>`);
    await waitForIdle(el);
    const second = new MemoryAccountApi({ today: TODAY, fixture: 'viewer' });
    el.api = second;
    await waitForIdle(el);
    const detail = el.querySelector('acct-invoice-detail')!;
    expect(second.calls.map((c) => c.operation).sort()).to.deep.equal(['getAccount', 'getInvoice']);
    expect(hasState(detail, 'readonly')).to.be.true;
  });
});
