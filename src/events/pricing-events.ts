import type { Money } from '../api/schemas/common.js';

export interface PlanSelectDetail {
  /** The product's id. */
  product: string;
  /** The chosen plan's id. */
  plan: string;
  /** The billing interval shown when it was chosen (`month`, `year`). */
  interval: string;
  /** ISO 4217 code of the prices shown. */
  currency: string;
  /** The quantity priced: the one entered, or the plan's minimum when it was below it. */
  quantity: number;
  /** The estimate shown for that quantity; null for "Contact sales" plans. Never a quote. */
  estimate: Money | null;
}

/**
 * `acct-plan-select`: a plan's call to action was pressed in `acct-pricing-table`. Cancelable:
 * `preventDefault()` stops the link (with `cta-href`) from being followed, so the host can open
 * its own sign-up or checkout instead.
 */
export class AcctPlanSelectEvent extends Event {
  static readonly type = 'acct-plan-select';
  constructor(readonly detail: PlanSelectDetail) {
    super(AcctPlanSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'acct-plan-select': AcctPlanSelectEvent;
  }
}
