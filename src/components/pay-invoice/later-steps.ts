/**
 * The pay flow from the method step on: the method, confirm and result steps, the rules and
 * transitions they need, and the settlement poll of a bank payment. Its own chunk, loaded with a
 * dynamic import (`steps-loader.ts`) when the flow first gets to the method step, or earlier, once
 * the review is on screen and the page is idle: most visits to a page with the flow never pay, and
 * those that do rarely wait for it.
 *
 * Only `steps-loader.ts` imports it, and only dynamically; the rest of the element imports its
 * types alone. Its modules import values only from core, api and events, never from the element's
 * other modules (the element passes what they need): a host's bundler (Vite 8) otherwise splits
 * lit and the core out of the element's first file into several (pay page 45.0 → 47.4 kB gzip).
 */
export { renderMethodStep } from './steps/method.js';
export { renderConfirm } from './steps/confirm.js';
export { renderResult, resultTitle } from './steps/result.js';
export { SettlementPoll } from './settlement-poll.js';
export { paymentRequest, methodToUse } from './flow-later.js';
export { methodAdded, methodContinue, paymentFailed, showPayment, tryAnotherMethod } from './flow-state-later.js';
