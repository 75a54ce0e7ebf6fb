/** What the license stories share: a fixed day, memory APIs, and waiting for a part to appear. */
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';

export const TODAY = new Date('2026-05-20T12:00:00Z');

export function licenseApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

/** The element's shadow part once it has rendered (the play functions wait for their control). */
export async function partOf(canvas: HTMLElement, tag: string, selector: string): Promise<HTMLElement | null> {
  for (let i = 0; i < 200; i++) {
    const found = canvas.querySelector(tag)?.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}
