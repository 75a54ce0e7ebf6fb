import { expect, fixture, html } from '@open-wc/testing';
import '../src/components/provider/acct-provider.js';

describe('smoke', () => {
  it('renders the provider', async () => {
    const el = await fixture(html`<acct-provider><p>hi</p></acct-provider>`);
    expect(el.shadowRoot).to.exist;
    await expect(el).to.be.accessible();
  });
});
