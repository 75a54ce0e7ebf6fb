import { expect } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import type { WriteOptions } from '../../src/api/account-api.js';
import type { NewPayment } from '../../src/api/schemas/billing-input.js';
import type { AcctPayInvoice } from '../../src/components/pay-invoice/pay-invoice.js';
import '../../src/components/pay-invoice/acct-pay-invoice.js';
import { $, hasState, mountIdle, text, until } from './account-helpers.js';

export { $, $$, capturingConsoleErrors, hasState, record, sleep, text, until } from './account-helpers.js';
export { waitForIdle } from '../helpers/wait.js';

export function memoryApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', ...options });
}

export async function mount(template: TemplateResult, idle = true): Promise<AcctPayInvoice> {
  return mountIdle<AcctPayInvoice>(template, idle);
}

export function heading(el: Element): HTMLElement {
  return $(el, '[part~="heading"]')!;
}

export function focused(el: Element): Element | null {
  return el.shadowRoot!.activeElement;
}

/** The polite and assertive live regions. */
export function liveStatus(el: Element): string {
  return text($(el, '[role="status"]'));
}
export function liveAlert(el: Element): string {
  return text($(el, '.card > [role="alert"]'));
}

export function button(el: Element, part: string): HTMLButtonElement {
  const found = $<HTMLButtonElement>(el, `[part~="${part}"]`);
  expect(found, `button part=${part}`).to.exist;
  return found!;
}

/** The step's code (method, confirm: the later steps' chunk) is on its way: its busy placeholder is shown. */
export function stepCodeLoading(el: Element): boolean {
  return !!$(el, '[part~="step"] > .loading[aria-busy="true"]');
}

/** Clicks a button and waits for the render (and for the step's code, the first time a step needs it). */
export async function press(el: AcctPayInvoice, part: string): Promise<void> {
  button(el, part).click();
  await el.updateComplete;
  if (stepCodeLoading(el)) {
    await until(() => !stepCodeLoading(el));
    await el.updateComplete;
  }
}

/** Records what createPayment was called with (body and idempotency key), before the memory API's replay. */
export function spyPayments(api: MemoryAccountApi): Array<{ body: NewPayment; key: string }> {
  const sent: Array<{ body: NewPayment; key: string }> = [];
  const original = api.createPayment.bind(api);
  api.createPayment = (payment: NewPayment, options: WriteOptions) => {
    sent.push({ body: payment, key: options.idempotencyKey });
    return original(payment, options);
  };
  return sent;
}

/** createPayment calls that reached the memory backend. */
export function charges(api: MemoryAccountApi): number {
  return api.calls.filter((call) => call.operation === 'createPayment').length;
}

/** The payable invoices of a memory fixture, oldest first as the API lists them. */
export function payableInvoices(api: MemoryAccountApi) {
  return api.data.invoices.filter((invoice) => ['open', 'overdue'].includes(invoice.status) && invoice.amount_due.amount > 0);
}

/** Walks a flow that starts at the review to the confirm step with the preselected method. */
export async function toConfirm(el: AcctPayInvoice): Promise<void> {
  expect(hasState(el, 'review'), 'starts at review').to.be.true;
  await press(el, 'continue-button');
  expect(hasState(el, 'method'), 'method step').to.be.true;
  await press(el, 'continue-button');
  expect(hasState(el, 'confirm'), 'confirm step').to.be.true;
}

/** Adds a test-gateway card (declines by number) through the API, as a saved method. */
export async function addTestCard(api: MemoryAccountApi, number: string) {
  const year = new Date().getUTCFullYear() + 2;
  return api.addPaymentMethod({ type: 'card', card: { number, exp_month: 12, exp_year: year, cvc: '123' } }, { idempotencyKey: `setup-${number}` });
}
