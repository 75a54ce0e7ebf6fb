/**
 * The pay flow from the review on: the review, method, confirm and result steps, the rules and
 * transitions they need (the amount to pay, ...), and the settlement poll of a bank payment. Its own
 * chunk, loaded with a dynamic import (`steps-loader.ts`) when the flow first gets to the review, or
 * earlier, when the pointer or focus reaches the select step's Continue: most visits to a page with the
 * flow never pay, and those that do rarely wait for it. A flow given its invoices starts at the
 * review: it asks for the chunk at once, alongside its first data.
 *
 * Only `steps-loader.ts` imports it, and only dynamically; the rest of the element imports its
 * types alone. Its modules import values only from core, api and events, never from the element's
 * other modules (the element passes what they need): a host's bundler (Vite 8) otherwise splits
 * lit and the core out of the element's first file into several (pay page 45.0 → 47.4 kB gzip).
 */
export { renderReview } from './steps/review.js';
export { renderMethodStep } from './steps/method.js';
export { renderConfirm } from './steps/confirm.js';
export { renderResult, resultTitle } from './steps/result.js';
export { SettlementPoll } from './settlement-poll.js';
export { paymentRequest, methodToUse } from './flow-later.js';
export { amountOf, methodAdded, methodContinue, reviewContinue, paymentFailed, showPayment, tryAnotherMethod } from './flow-state-later.js';
