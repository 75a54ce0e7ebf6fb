import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Outcome } from '../flow.js';
import { outcomeText } from '../flow-later.js';
import type { StepContext } from './common.js';
import { renderFacts } from './confirm.js';

export interface ResultHandlers {
  onStartOver: () => void;
  onTryAnotherMethod: () => void;
}

/** The heading of the result (rendered by the element, as every step's: see later-steps.ts). */
export function resultTitle({ kind }: Outcome): string {
  return kind === 'succeeded'
    ? msg('Payment successful')
    : kind === 'processing'
      ? msg('Payment processing')
      : kind === 'failed'
        ? msg('Payment failed')
        : kind === 'declined'
          ? msg('Payment declined')
          : msg('Already paid');
}

/**
 * The outcome below its heading: paid or processing (with the facts), failed or declined (with the
 * facts too: which method was declined, for which invoices), or already paid.
 */
export function renderResult(context: StepContext, outcome: Outcome, on: ResultHandlers): TemplateResult {
  const { kind } = outcome;
  const paid = kind === 'succeeded' || kind === 'processing';
  const tone = kind === 'succeeded' ? 'success' : kind === 'processing' ? 'warning' : kind === 'already-paid' ? '' : 'error';
  const payment = 'payment' in outcome ? outcome.payment : undefined;
  return html`<div part="result" class="message ${tone}">
      <p>${outcomeText(outcome, context.locale)}</p>
      ${paid ? nothing : html`<p>${msg('Nothing was charged.')}</p>`}
    </div>
    ${kind === 'already-paid' ? nothing : renderFacts(context, outcome.intent, payment?.amount ?? outcome.intent.amount, payment)}
    ${paid
      ? nothing
      : html`<div part="actions" class="actions">
          <button
            type="button"
            class="button primary"
            part="continue-button"
            @click=${kind === 'already-paid' ? on.onStartOver : on.onTryAnotherMethod}
          >
            ${kind === 'already-paid' ? msg('Start over') : msg('Try another payment method')}
          </button>
        </div>`}`;
}
