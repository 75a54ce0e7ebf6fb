import type * as OrderOutcomeModule from './order-outcome.js';

export type OrderOutcome = typeof OrderOutcomeModule;

/**
 * The confirmation's code (what the order bought and how it was paid, the sales order, the live
 * provisioning status): its own chunk, loaded when the acknowledgement is checked or Place order is
 * pressed, since most visits to the form never place an order (docs/performance.md). An object, so
 * that tests can stand in a failing load; `loaded` lets every purchase element of the page share one load.
 */
export const orderOutcomeLoader: { loaded?: OrderOutcome; load(): Promise<OrderOutcome> } = {
  loaded: undefined,
  load: async () => (orderOutcomeLoader.loaded = await import('./order-outcome.js')),
};
