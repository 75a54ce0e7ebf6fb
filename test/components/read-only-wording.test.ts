// Issue 9, new user 18: a user who may look but not change gets one wording in every element, for
// every role that lacks the capability (billing viewer and basic).
import { expect, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import '../../src/components/autopay-toggle/acct-autopay-toggle.js';
import '../../src/components/pay-invoice/acct-pay-invoice.js';
import '../../src/components/payment-methods/acct-payment-methods.js';
import { $, accountApi, mountIdle, text, until } from './account-helpers.js';

const ONE_WORDING = /^You can see (the invoices|the payment methods|the autopay setting), but not (pay them|change them|change it)\. Ask an account administrator\.$/;

function asRole(role: 'billing_viewer' | 'basic'): MemoryAccountApi {
  const api = accountApi({ fixture: 'viewer' });
  api.data.account.role = role;
  api.data.account.capabilities = role === 'basic' ? ['invoices:read'] : ['invoices:read', 'usage:read'];
  return api;
}

const elements: Array<[string, (api: MemoryAccountApi) => TemplateResult]> = [
  ['acct-pay-invoice', (api) => html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`],
  ['acct-payment-methods', (api) => html`<acct-payment-methods .api=${api}></acct-payment-methods>`],
  ['acct-autopay-toggle', (api) => html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`],
];

describe('read-only notes: one wording', () => {
  for (const role of ['billing_viewer', 'basic'] as const) {
    for (const [tag, template] of elements) {
      it(`${tag} as ${role}: "You can see …, but not …. Ask an account administrator."`, async () => {
        const el = await mountIdle<HTMLElement>(template(asRole(role)));
        await until(() => !!$(el, '[part~="readonly-note"]'));
        expect(text($(el, '[part~="readonly-note"]'))).to.match(ONE_WORDING);
        await expect(el).to.be.accessible();
      });
    }
  }
});
