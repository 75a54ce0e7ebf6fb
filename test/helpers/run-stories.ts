import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { applyLocale } from '../../src/core/localization.js';
import { expectRightToLeft } from './rtl.js';
import { waitForIdle } from './wait.js';

type Render = (args: Record<string, unknown>, context: Record<string, unknown>) => TemplateResult;
export interface StoryLike {
  render?: Render;
  args?: Record<string, unknown>;
  name?: string;
  parameters?: { test?: { skipAxe?: boolean; stillLoading?: boolean; allowConsoleErrors?: boolean } };
  /** Storybook's loaders: run before the render, their results merged into `context.loaded`. */
  loaders?: Array<(context: Record<string, unknown>) => Promise<Record<string, unknown>>>;
  /** Storybook's play function: runs after the render (it waits for what it needs itself). */
  play?: (context: { canvasElement: HTMLElement; args: Record<string, unknown> }) => unknown;
}
export interface StoriesModule {
  default: { title?: string; render?: Render; args?: Record<string, unknown> };
  [name: string]: unknown;
}

/**
 * Runs every story of a CSF module as a test: renders it, runs its play function (as Storybook
 * does), waits until its elements stop loading (unless the story is a loading state), checks
 * nothing was logged as an error, and runs axe.
 */
export function runStories(module: StoriesModule): void {
  const meta = module.default;
  const stories = Object.entries(module).filter(([name, value]) => name !== 'default' && typeof value === 'object' && value !== null) as Array<[string, StoryLike]>;
  describe(`stories: ${meta.title ?? 'untitled'}`, () => {
    it('has stories', () => {
      expect(stories.length).to.be.greaterThan(0);
    });
    for (const [name, story] of stories) {
      it(`${story.name ?? name} renders and passes axe`, async () => {
        const render = story.render ?? meta.render;
        expect(render, `story ${name} has a render function`).to.be.a('function');
        const errors: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => {
          errors.push(args);
          original.apply(console, args);
        };
        try {
          const args = { ...meta.args, ...story.args };
          const el = await fixture(render!(args, { args, name, globals: {}, loaded: await load(story, args) }));
          if (story.play) await story.play({ canvasElement: el.parentElement!, args });
          if (!story.parameters?.test?.stillLoading) await waitForIdle(el);
          else await new Promise((r) => setTimeout(r, 50));
          if (!story.parameters?.test?.allowConsoleErrors) {
            expect(errors, `console.error in story ${name}`).to.deep.equal([]);
          }
          if (!story.parameters?.test?.skipAxe) {
            await expect(el).to.be.accessible();
          }
        } finally {
          console.error = original;
        }
      });
    }
    // Every story again as an Arabic page: right to left, Arabic strings and number formats.
    for (const [name, story] of stories) {
      it(`${story.name ?? name} in Arabic, right to left: axe, mirrored, figures isolated`, async () => {
        await applyLocale('ar');
        try {
          const page = await checkStoryAppearance(module, name, 'light', 'rtl', 'ar');
          expectRightToLeft(page, name);
        } finally {
          await applyLocale('en');
        }
      });
    }
  });
}

/**
 * Renders a story on a page of the given colour scheme, direction and language (`lang`, which the
 * elements format numbers and dates with; a host page in dark mode draws Canvas/CanvasText), plays it, waits until it is idle (unless it is a loading state) and runs axe.
 * The caller resets `document.documentElement.style.colorScheme` afterwards.
 */
export async function checkStoryAppearance(
  module: StoriesModule,
  name: string,
  scheme: 'dark' | 'light',
  dir: 'rtl' | 'ltr' = 'ltr',
  lang?: string,
): Promise<HTMLElement> {
  const story = module[name] as StoryLike;
  const render = story.render ?? module.default.render!;
  const args = { ...module.default.args, ...story.args };
  document.documentElement.style.colorScheme = scheme;
  const loaded = await load(story, args);
  const page = await fixture<HTMLElement>(html`<div dir=${dir} lang=${ifDefined(lang)} style="background: Canvas; color: CanvasText">${render(args, { args, name, globals: {}, loaded })}</div>`);
  await story.play?.({ canvasElement: page, args });
  if (!story.parameters?.test?.stillLoading) await waitForIdle(page);
  await expect(page, name).to.be.accessible();
  return page;
}

/** What a story's loaders give its render, as Storybook merges them. */
async function load(story: StoryLike, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const results = await Promise.all((story.loaders ?? []).map((loader) => loader({ args })));
  return Object.assign({}, ...results);
}

/** The names of a CSF module's stories. */
export function storyNames(module: StoriesModule): string[] {
  return Object.entries(module)
    .filter(([name, value]) => name !== 'default' && typeof value === 'object' && value !== null)
    .map(([name]) => name);
}
