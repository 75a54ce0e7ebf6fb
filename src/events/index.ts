import type { Money } from '../api/schemas/common.js';
import type { InvoiceSummary } from '../api/schemas/invoice.js';
import type { Payment } from '../api/schemas/payment.js';
import type { PaymentMethod } from '../api/schemas/payment-method.js';
import type { Account } from '../api/schemas/account.js';
import type { ApiError } from '../api/errors.js';

const init = { bubbles: true, composed: true } as const;

export interface PayRequestDetail {
  /** The invoices to pay, as the list or detail showed them. */
  invoices: InvoiceSummary[];
  /** Sum of their amounts due, from the server's figures. */
  total: Money;
}

/**
 * `acct-pay-request`: the user asked to pay these invoices ("Pay selected" or a row's "Pay" in the
 * list, "Pay" in the detail). The host (or `acct-portal`) opens the payment flow. Not cancelable:
 * the elements do nothing more on their own, so there is nothing to prevent.
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
 * `acct-invoice-view`: the user asked to see an invoice (the list's "View", the summary's "View
 * last invoice"). Cancelable: call `preventDefault()` to stop the list from expanding the invoice
 * inline (when `inline-detail` is set) and show it your way.
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

export interface BeforePaymentDetail {
  /** The invoices about to be paid, with their amounts due as reviewed. */
  invoices: InvoiceSummary[];
  /** The amount about to be charged. */
  amount: Money;
  paymentMethod: PaymentMethod;
}

/**
 * `acct-before-payment`: the customer confirmed; nothing is charged yet. Cancelable: call
 * `preventDefault()` to veto the payment (the element returns to the review step and says so).
 */
export class AcctBeforePaymentEvent extends Event {
  static readonly type = 'acct-before-payment';
  constructor(readonly detail: BeforePaymentDetail) {
    super(AcctBeforePaymentEvent.type, { ...init, cancelable: true });
  }
}

export interface PaymentOutcomeDetail {
  payment: Payment;
}

/** `acct-payment-succeeded`: the payment went through (the result screen shows it). */
export class AcctPaymentSucceededEvent extends Event {
  static readonly type = 'acct-payment-succeeded';
  constructor(readonly detail: PaymentOutcomeDetail) {
    super(AcctPaymentSucceededEvent.type, init);
  }
}

/** `acct-payment-processing`: a bank payment was accepted and waits for the bank to settle it. */
export class AcctPaymentProcessingEvent extends Event {
  static readonly type = 'acct-payment-processing';
  constructor(readonly detail: PaymentOutcomeDetail) {
    super(AcctPaymentProcessingEvent.type, init);
  }
}

export interface PaymentFailedDetail {
  /** The error (kind `declined` with the problem's `code`, `conflict` for already paid, ...). */
  error: ApiError;
  /** The failed payment when the server recorded one (a bank payment that did not settle). */
  payment?: Payment;
}

/** `acct-payment-failed`: the payment was declined, refused, or a bank payment failed to settle. */
export class AcctPaymentFailedEvent extends Event {
  static readonly type = 'acct-payment-failed';
  constructor(readonly detail: PaymentFailedDetail) {
    super(AcctPaymentFailedEvent.type, init);
  }
}

export interface PaymentMethodChangeDetail {
  /** `added`, `deleted` or `default`: what happened to `paymentMethod`. */
  change: 'added' | 'deleted' | 'default' | 'updated';
  paymentMethod: PaymentMethod;
}

/** `acct-payment-method-change`: a payment method was added, deleted, made the default or edited. */
export class AcctPaymentMethodChangeEvent extends Event {
  static readonly type = 'acct-payment-method-change';
  constructor(readonly detail: PaymentMethodChangeDetail) {
    super(AcctPaymentMethodChangeEvent.type, init);
  }
}

export interface AutopayChangeDetail {
  autopay: Account['autopay'];
}

/** `acct-autopay-change`: autopay was switched on or off. */
export class AcctAutopayChangeEvent extends Event {
  static readonly type = 'acct-autopay-change';
  constructor(readonly detail: AutopayChangeDetail) {
    super(AcctAutopayChangeEvent.type, init);
  }
}

/** `acct-make-payment`: "Make a payment" in the account summary; the host opens `acct-pay-invoice`. */
export class AcctMakePaymentEvent extends Event {
  static readonly type = 'acct-make-payment';
  constructor(readonly detail: { balance: Money }) {
    super(AcctMakePaymentEvent.type, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'acct-pay-request': AcctPayRequestEvent;
    'acct-invoice-view': AcctInvoiceViewEvent;
    'acct-selection-change': AcctSelectionChangeEvent;
    'acct-error': AcctErrorEvent;
    'acct-auth-expired': AcctAuthExpiredEvent;
    'acct-before-payment': AcctBeforePaymentEvent;
    'acct-payment-succeeded': AcctPaymentSucceededEvent;
    'acct-payment-processing': AcctPaymentProcessingEvent;
    'acct-payment-failed': AcctPaymentFailedEvent;
    'acct-payment-method-change': AcctPaymentMethodChangeEvent;
    'acct-autopay-change': AcctAutopayChangeEvent;
    'acct-make-payment': AcctMakePaymentEvent;
  }
}

