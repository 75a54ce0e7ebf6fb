import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import { waitForIdle } from '../helpers/wait.js';
import { hasState, TODAY } from './invoice-list-helpers.js';

export { $, $$, hasState, record, sleep, until, TODAY } from './invoice-list-helpers.js';

/** The purchase's confirmation is on screen with its details (their code, a chunk of its own, has loaded). */
export function confirmed(el: Element): boolean {
  return hasState(el, 'confirmation') && !hasState(el, 'loading');
}

/** The typical account (fixtures generated around TODAY) unless `options` says otherwise. */
export function accountApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

/** Renders `template` and, unless `idle` is false, waits until nothing in it is loading. */
export async function mountIdle<T extends HTMLElement>(template: TemplateResult, idle = true): Promise<T> {
  const el = await fixture<T>(template);
  if (idle) await waitForIdle(el);
  return el;
}

/** Runs `body` with console.error captured; returns what was logged. */
export async function capturingConsoleErrors(body: () => Promise<void>): Promise<unknown[][]> {
  const original = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    await body();
  } finally {
    console.error = original;
  }
  return logged;
}

/** The visible text of an element, whitespace folded. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
