import type * as LaterSteps from './later-steps.js';

/** The pay flow's later steps (`later-steps.ts`), once loaded. */
export type PaySteps = typeof LaterSteps;

/**
 * Loads the pay flow's later steps, their own chunk. An object, so that tests can stand in a slow
 * or failing load (a chunk missing after a deployment) and start again from `loaded: undefined`.
 */
export const payStepsLoader: { loaded?: PaySteps; load(): Promise<PaySteps> } = {
  /** The module, once any pay flow of the page has loaded it: the next one has it at once. */
  loaded: undefined,
  load: () => import('./later-steps.js'),
};

let pending: Promise<PaySteps> | undefined;

/** The later steps: at once when loaded, else one load for every flow of the page that asks meanwhile. */
export function loadPaySteps(): Promise<PaySteps> {
  const loaded = payStepsLoader.loaded;
  if (loaded) return Promise.resolve(loaded);
  return (pending ??= payStepsLoader
    .load()
    .then((steps) => (payStepsLoader.loaded = steps))
    .finally(() => (pending = undefined)));
}

/**
 * Starts loading the later steps, silently: called when the pointer or focus reaches the select
 * step's Continue (after the first data, which is on screen by then: the page's first download does
 * not include them, and a page that only shows the flow never loads them). A failure here is
 * silent: the step that needs them asks again, and shows Retry if that fails too.
 */
export function prefetchPaySteps(): void {
  if (payStepsLoader.loaded || pending) return;
  loadPaySteps().catch(() => undefined);
}
