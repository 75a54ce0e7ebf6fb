/**
 * The portal's event, apart from index.ts so that the other elements' shared code does not carry
 * it (exported from the package root like every event).
 */

export interface PortalNavigateDetail {
  /** The view asked for: a section id, optionally with what it shows (`invoices/in_123`). */
  view: string;
  /** The view it leaves. */
  from: string;
}

/**
 * `acct-portal-navigate`: the customer chose another section of `acct-portal` (its navigation, or
 * an element asking to show an invoice, the payment flow or a purchase). Cancelable: a host with
 * its own router calls `preventDefault()`, puts the view in its URL and sets the portal's `view`.
 */
export class AcctPortalNavigateEvent extends Event {
  static readonly type = 'acct-portal-navigate';
  constructor(readonly detail: PortalNavigateDetail) {
    super(AcctPortalNavigateEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}
