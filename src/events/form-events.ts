/** `acct-cancel`: the user pressed Cancel in a form (`acct-payment-method-form`); the host closes it. */
export class AcctCancelEvent extends Event {
  static readonly type = 'acct-cancel';
  readonly detail = {};
  constructor() {
    super(AcctCancelEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'acct-cancel': AcctCancelEvent;
  }
}
