import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { waitForIdle } from './wait.js';

type Render = (args: Record<string, unknown>, context: Record<string, unknown>) => TemplateResult;
interface StoryLike {
  render?: Render;
  args?: Record<string, unknown>;
  name?: string;
  parameters?: { test?: { skipAxe?: boolean; stillLoading?: boolean; allowConsoleErrors?: boolean } };
  /** Storybook's play function: runs after the render (it waits for what it needs itself). */
  play?: (context: { canvasElement: HTMLElement; args: Record<string, unknown> }) => unknown;
}
interface StoriesModule {
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
          const el = await fixture(render!(args, { args, name, globals: {} }));
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
  });
}
