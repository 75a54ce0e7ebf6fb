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
let prefetching = false;

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
 * Starts loading the later steps when the browser is idle, so that Continue rarely waits for them.
 * Called once the step before them is on screen (after the first data: the page's first download
 * does not include them). A failure here is silent: the step that needs them asks again, and shows
 * Retry if that fails too.
 */
export function prefetchPaySteps(): void {
  if (payStepsLoader.loaded || pending || prefetching) return;
  prefetching = true;
  const start = () => {
    prefetching = false;
    loadPaySteps().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 50);
}
