import type { Money } from '../api/schemas/common.js';
import type { InvoiceSummary } from '../api/schemas/invoice.js';
import type { ApiError } from '../api/errors.js';

const init = { bubbles: true, composed: true } as const;

export interface PayRequestDetail {
  /** The invoices to pay, as the list or detail showed them. */
  invoices: InvoiceSummary[];
  /** Sum of their amounts due, from the server's figures. */
  total: Money;
}

/**
 * `acct-pay-request`: the user asked to pay these invoices ("Pay selected" in the list, "Pay" in
 * the detail). The host (or `acct-portal`) opens the payment flow.
 */
export class AcctPayRequestEvent extends Event {
  static readonly type = 'acct-pay-request';
  constructor(readonly detail: PayRequestDetail) {
    super(AcctPayRequestEvent.type, init);
  }
}

export interface InvoiceViewDetail {
  invoiceId: string;
  invoice: InvoiceSummary;
}

/**
 * `acct-invoice-view`: the user asked to see an invoice. Cancelable: call `preventDefault()` to
 * stop the list from expanding the invoice inline (when `inline-detail` is set) and show it your way.
 */
export class AcctInvoiceViewEvent extends Event {
  static readonly type = 'acct-invoice-view';
  constructor(readonly detail: InvoiceViewDetail) {
    super(AcctInvoiceViewEvent.type, { ...init, cancelable: true });
  }
}

export interface SelectionChangeDetail {
  invoices: InvoiceSummary[];
  total: Money | null;
}

/** `acct-selection-change`: the set of selected invoices changed. */
export class AcctSelectionChangeEvent extends Event {
  static readonly type = 'acct-selection-change';
  constructor(readonly detail: SelectionChangeDetail) {
    super(AcctSelectionChangeEvent.type, init);
  }
}

export interface LoadErrorDetail {
  /** The error, without credentials: kind, status, message and request id. */
  error: ApiError;
}

/** `acct-error`: a load failed and the element shows an error state (for host logging). */
export class AcctErrorEvent extends Event {
  static readonly type = 'acct-error';
  constructor(readonly detail: LoadErrorDetail) {
    super(AcctErrorEvent.type, init);
  }
}

/** `acct-auth-expired`: the token was refused even after `getToken()`; the host should sign in again. */
export class AcctAuthExpiredEvent extends Event {
  static readonly type = 'acct-auth-expired';
  readonly detail = {};
  constructor() {
    super(AcctAuthExpiredEvent.type, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'acct-pay-request': AcctPayRequestEvent;
    'acct-invoice-view': AcctInvoiceViewEvent;
    'acct-selection-change': AcctSelectionChangeEvent;
    'acct-error': AcctErrorEvent;
    'acct-auth-expired': AcctAuthExpiredEvent;
  }
}
