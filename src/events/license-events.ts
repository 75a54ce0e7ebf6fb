/**
 * The license elements' events, apart from index.ts so that the other elements' shared code does
 * not carry them (exported from the package root like every event).
 */
import type { License, LicenseOrder, LicenseQuote } from '../api/schemas/license.js';

const init = { bubbles: true, composed: true } as const;

export interface LicensePurchaseRequestDetail {
  /** The license to add to, as the summary showed it. */
  license: License;
}

/**
 * `acct-license-purchase-request`: the user pressed "Buy more" on a license in
 * `acct-license-summary`. The host (or `acct-portal`) shows `acct-license-purchase` for
 * `detail.license.product_id`. Not cancelable: the summary does nothing more on its own.
 */
export class AcctLicensePurchaseRequestEvent extends Event {
  static readonly type = 'acct-license-purchase-request';
  constructor(readonly detail: LicensePurchaseRequestDetail) {
    super(AcctLicensePurchaseRequestEvent.type, init);
  }
}

/** `acct-license-quote`: the server quoted the quantity shown (after the quantity settled). */
export class AcctLicenseQuoteEvent extends Event {
  static readonly type = 'acct-license-quote';
  constructor(readonly detail: { quote: LicenseQuote }) {
    super(AcctLicenseQuoteEvent.type, init);
  }
}

/** `acct-license-order`: the order was placed (charged or invoiced); its licenses are being provisioned. */
export class AcctLicenseOrderEvent extends Event {
  static readonly type = 'acct-license-order';
  constructor(readonly detail: { order: LicenseOrder }) {
    super(AcctLicenseOrderEvent.type, init);
  }
}

/** `acct-license-provisioned`: the ordered licenses are ready to use. */
export class AcctLicenseProvisionedEvent extends Event {
  static readonly type = 'acct-license-provisioned';
  constructor(readonly detail: { order: LicenseOrder }) {
    super(AcctLicenseProvisionedEvent.type, init);
  }
}
