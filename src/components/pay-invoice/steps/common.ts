import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatMoney } from '../../../core/money.js';
import { formatCalendarDate } from '../../../core/dates.js';
import type { Money } from '../../../api/schemas/common.js';
import type { InvoiceSummary } from '../../../api/schemas/invoice.js';
import type { PayStep } from '../flow.js';

/** What every step's rendering reads from the element. */
export interface StepContext {
  readonly locale: string;
  /** Level of the step headings (1-6, already checked). */
  readonly headingLevel: number;
}

export function money(context: StepContext, amount: Money): string {
  return formatMoney(amount, context.locale);
}

/** "Due Dec 31, 2026" (or "No due date"): the line under an invoice number in the select and review steps. */
export function dueLine(context: StepContext, invoice: InvoiceSummary): string {
  return invoice.due_on ? msg(str`Due ${formatCalendarDate(invoice.due_on, context.locale)}`) : msg('No due date');
}

/** An ARIA heading of the configured level (one element for every level: no static templates in the bundle). */
export function heading(context: StepContext, text: string): TemplateResult {
  return html`<div id="step-heading" role="heading" aria-level=${context.headingLevel} part="heading" class="heading" tabindex="-1">
    ${text}
  </div>`;
}

/** The heading of the review (rendered by the element, also while the step's code loads). */
export function reviewTitle(): string {
  return msg('Review payment');
}

/** The heading of the method step (likewise). */
export function methodTitle(): string {
  return msg('Choose a payment method');
}

/** The heading of the confirm step (likewise). */
export function confirmTitle(): string {
  return msg('Confirm payment');
}

export function section(content: TemplateResult): TemplateResult {
  return html`<section part="step" class="step" aria-labelledby="step-heading">${content}</section>`;
}

/** A step that is only a message. @parts readonly-note (the only `part` passed in) */
export function messageStep(context: StepContext, title: string, text: string, part?: 'readonly-note'): TemplateResult {
  return html`${heading(context, title)}
    <p class="message" part=${part ?? nothing}>${text}</p>`;
}

export function progress(step: PayStep): TemplateResult {
  const steps: Array<[PayStep, string]> = [
    ['select', msg('Invoices')],
    ['review', msg('Review')],
    ['method', msg('Payment method')],
    ['confirm', msg('Confirm')],
  ];
  const current = steps.findIndex(([name]) => name === step);
  return html`<ol part="progress" class="progress" aria-label=${msg('Payment steps')}>
    ${steps.map(
      ([name, label], index) =>
        html`<li class=${index < current ? 'done' : ''} aria-current=${name === step ? 'step' : nothing}>${label}</li>`,
    )}
  </ol>`;
}
