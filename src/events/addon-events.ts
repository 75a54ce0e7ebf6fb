/**
 * The add-on elements' events, apart from index.ts so that the other elements' shared code does
 * not carry them (exported from the package root like every event).
 */
import type { Addon } from '../api/schemas/addon.js';

const init = { bubbles: true, composed: true } as const;

export interface AddonChangeDetail {
  /** The add-on after the change (its `state` may be `pending` while the product carries it out). */
  addon: Addon;
  action: 'enable' | 'disable';
  /** The invoice the change made (enabling with an amount now), else null. */
  invoiceId: string | null;
  /** The credit the change made (disabling before the period's end), else null. */
  creditId: string | null;
}

/** `acct-addon-change`: an add-on was enabled or disabled, at the price its confirmation showed. */
export class AcctAddonChangeEvent extends Event {
  static readonly type = 'acct-addon-change';
  constructor(readonly detail: AddonChangeDetail) {
    super(AcctAddonChangeEvent.type, init);
  }
}
