import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import type { InvoiceQuery, RequestOptions } from '../../src/api/account-api.js';
import type { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import '../../src/components/invoice-list/acct-invoice-list.js';
import { waitForIdle } from '../helpers/wait.js';

/** Fixtures are generated around this day, so dates and statuses never depend on when tests run. */
export const TODAY = new Date('2026-03-15T12:00:00Z');

export function memoryApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

export async function mount(template: TemplateResult, idle = true): Promise<AcctInvoiceList> {
  const el = await fixture<AcctInvoiceList>(template);
  if (idle) await waitForIdle(el);
  return el;
}

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector as never) as T | null;
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return Array.from(el.shadowRoot!.querySelectorAll(selector)) as T[];
}

export function hasState(el: Element, name: string): boolean {
  return el.matches(`:state(${name})`);
}

/** Body rows (invoice rows), without the header row. */
export function bodyRows(el: Element): HTMLElement[] {
  return $$(el, '.body [role="row"]');
}

/** The text of one cell per body row: 0 Number, 1 Date, 2 Due, 3 Total, 4 Amount due, 5 Status (ignoring the checkbox column). */
export function column(el: Element, index: number): string[] {
  return bodyRows(el).map((row) => {
    const cells = Array.from(row.querySelectorAll(':scope > [role="cell"]:not(.select-cell)'));
    const cell = cells[index] as HTMLElement;
    const label = cell.querySelector('.cell-label')?.textContent ?? '';
    return cell.textContent!.replace(label, '').replace(/\s+/g, ' ').trim();
  });
}

/** Records every listInvoices call with its query and the signal the element passed. */
export function spyListInvoices(api: MemoryAccountApi): Array<{ query: InvoiceQuery; signal?: AbortSignal; fresh?: boolean }> {
  const calls: Array<{ query: InvoiceQuery; signal?: AbortSignal; fresh?: boolean }> = [];
  const original = api.listInvoices.bind(api);
  api.listInvoices = (query: InvoiceQuery = {}, options?: RequestOptions) => {
    calls.push({ query, signal: options?.signal, fresh: options?.fresh });
    return original(query, options);
  };
  return calls;
}

export function listStatuses(api: MemoryAccountApi): Array<string | null | undefined> {
  return api.calls.filter((c) => c.operation === 'listInvoices').map((c) => (c.args[0] as InvoiceQuery).status);
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records events of one type dispatched by (or through) `el`. */
export function record<E extends Event>(el: EventTarget, type: string): E[] {
  const events: E[] = [];
  el.addEventListener(type, (e) => events.push(e as E));
  return events;
}

/** Waits until `check` returns true (polling), for states reached by timers or later requests. */
// Ten seconds by default: a passing check returns as soon as it holds, and a loaded CI machine
// (two cores, two browser pages, the server suites' builds) can take seconds for what takes 300 ms.
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('until: condition not met in time');
    await sleep(10);
  }
}
