import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as stories from '../../stories/pay-invoice.stories.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, capturingConsoleErrors } from './pay-invoice-helpers.js';

type Story = {
  name?: string;
  args?: Record<string, unknown>;
  render: (args: Record<string, unknown>, context: Record<string, unknown>) => TemplateResult;
  play?: (context: { canvasElement: HTMLElement; args: Record<string, unknown> }) => Promise<void>;
  parameters?: { test?: { stillLoading?: boolean } };
};

const all = Object.entries(stories).filter(([name]) => name !== 'default') as unknown as Array<[string, Story]>;

/** Renders a story on a page of the given scheme and direction, plays it, and runs axe. */
async function check(name: string, story: Story, scheme: 'dark' | 'light', dir: 'rtl' | 'ltr') {
  document.documentElement.style.colorScheme = scheme;
  const args = { ...stories.default.args, ...story.args };
  // A page in that scheme, as a host in dark mode has it.
  const page = await fixture<HTMLElement>(html`<div dir=${dir} style="background: Canvas; color: CanvasText">${story.render(args, { args })}</div>`);
  await story.play?.({ canvasElement: page, args });
  if (!story.parameters?.test?.stillLoading) await waitForIdle(page);
  await expect(page, name).to.be.accessible();
  return page;
}

describe('acct-pay-invoice: dark scheme and right-to-left', () => {
  afterEach(() => {
    document.documentElement.style.colorScheme = '';
  });

  for (const [name, story] of all) {
    it(`${story.name ?? name}: axe in the dark scheme`, async () => {
      await capturingConsoleErrors(async () => {
        const page = await check(name, story, 'dark', 'ltr');
        const el = page.querySelector('acct-pay-invoice')!;
        expect(getComputedStyle(el).color).to.equal('rgb(230, 232, 235)');
      });
    });
  }

  it('right-to-left: amounts sit at the inline end (left), and the confirm step passes axe', async () => {
    const page = await check('Confirm', stories.Confirm as unknown as Story, 'light', 'rtl');
    const el = page.querySelector('acct-pay-invoice')!;
    const pay = $(el, '[part~="pay-button"]')!.getBoundingClientRect();
    const back = $(el, '[part~="back-button"]')!.getBoundingClientRect();
    expect(pay.right).to.be.lessThan(back.left);
  });
});
