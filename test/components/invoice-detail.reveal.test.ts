import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import '../../src/components/invoice-list/acct-invoice-list.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import type { AcctInvoiceViewEvent } from '../../src/events/index.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { waitForIdle } from '../helpers/wait.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The demo's billing page in short: a sticky host header, the invoice list, then the detail under
 * its section heading; "View" sets invoice-id and calls reveal(), as demo/main.ts does.
 */
async function billingPage(latencyMs: number) {
  const api = new MemoryAccountApi({ today: TODAY, latencyMs });
  const page = await fixture<HTMLElement>(html`<div>
    <header style="position: sticky; top: 0; z-index: 2; height: 56px; background: #0f3d3e"></header>
    <section><h2>Invoices</h2><acct-invoice-list filter="all" .api=${api}></acct-invoice-list></section>
    <section style="--acct-invoice-detail-scroll-margin: calc(56px + 0.5rem)">
      <h2>Invoice details</h2>
      <acct-invoice-detail invoice-id="latest" heading-level="3" .api=${api}></acct-invoice-detail>
    </section>
    <div style="height: 300px"></div>
  </div>`);
  const detail = page.querySelector<AcctInvoiceDetail>('acct-invoice-detail')!;
  const list = page.querySelector('acct-invoice-list')!;
  await waitForIdle(page);
  const onView = (event: AcctInvoiceViewEvent) => {
    event.preventDefault();
    detail.setAttribute('invoice-id', event.detail.invoiceId);
    void detail.reveal();
  };
  page.addEventListener('acct-invoice-view', onView as EventListener);
  return { page, detail, list };
}

async function pressView(list: Element, index: number): Promise<HTMLElement> {
  const button = list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="view-button"]')[index];
  button.scrollIntoView({ block: 'center' });
  button.focus();
  button.click();
  return button;
}

async function until(check: () => boolean, ms = 4000) {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

describe('acct-invoice-detail: reveal() (the list\'s View)', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    window.scrollTo(0, 0);
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    it(`at ${width} px: the heading of the viewed invoice ends below the sticky header; focus stays on View`, async () => {
      await setViewport({ width, height });
      const { detail, list } = await billingPage(150);
      const button = await pressView(list, 10);
      const number = list.shadowRoot!.querySelectorAll('.body [role="row"]')[10].querySelector('bdi')!.textContent!.trim();
      await until(() => detail.shadowRoot!.querySelector('[part="title"]')?.textContent?.includes(number) === true);
      await sleep(1200); // the smooth scroll
      const title = detail.shadowRoot!.querySelector('[part="title"]')!.getBoundingClientRect();
      expect(title.top, 'below the 56 px header').to.be.at.least(56);
      expect(title.bottom, 'inside the viewport').to.be.at.most(innerHeight);
      expect(title.top, 'at the top, not somewhere down the page').to.be.at.most(56 + 8 + 24 + 16);
      expect(list.shadowRoot!.activeElement).to.equal(button);
      await expect(detail).to.be.accessible();
    });
  }

  it('prefers-reduced-motion: the scroll jumps instead of animating', async () => {
    await setViewport({ width: 1280, height: 800 });
    await emulateMedia({ reducedMotion: 'reduce' });
    const { detail, list } = await billingPage(0);
    const behaviors: Array<ScrollBehavior | undefined> = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
      if (typeof options === 'object') behaviors.push(options.behavior);
      return original.call(this, options);
    };
    try {
      await pressView(list, 12);
      behaviors.length = 0;
      await detail.reveal();
    } finally {
      Element.prototype.scrollIntoView = original;
    }
    expect(behaviors.length).to.be.greaterThan(0);
    expect(behaviors.every((b) => b === 'auto')).to.be.true;
    const title = detail.shadowRoot!.querySelector('[part="title"]')!.getBoundingClientRect();
    expect(title.top).to.be.within(56, 56 + 8 + 24 + 16);
  });

  it('a user who scrolls while the invoice loads is not pulled back', async () => {
    await setViewport({ width: 1280, height: 800 });
    await emulateMedia({ reducedMotion: 'reduce' });
    const { detail, list } = await billingPage(400);
    await pressView(list, 5);
    await sleep(100);
    window.dispatchEvent(new WheelEvent('wheel', { deltaY: -300 }));
    window.scrollTo(0, 0);
    await waitForIdle(detail);
    await sleep(100);
    expect(scrollY).to.equal(0);
  });
});
