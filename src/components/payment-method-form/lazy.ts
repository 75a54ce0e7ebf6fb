import type { AcctPaymentMethodForm } from './payment-method-form.js';

const TAG = 'acct-payment-method-form';

/** Makes a new add form, once its code is on the page. */
export type CreatePaymentMethodForm = () => AcctPaymentMethodForm;

/** The page already has the add form (its host, or another element, registered it): no load needed. */
export function registeredPaymentMethodForm(): CreatePaymentMethodForm | undefined {
  return customElements.get(TAG) ? () => document.createElement(TAG) as AcctPaymentMethodForm : undefined;
}

/**
 * Loads the add form's code, its own chunk, when a customer first opens it (`acct-pay-invoice`,
 * `acct-payment-methods`): most visits never add a payment method. Registers
 * `acct-payment-method-form` unless the page did; when the page registered the class under another
 * name, forms are made from the class directly.
 *
 * An object, so that tests can stand in a failing load (a chunk missing after a deployment).
 */
export const paymentMethodFormLoader = {
  async load(): Promise<CreatePaymentMethodForm> {
    const { AcctPaymentMethodForm } = await import('./payment-method-form.js');
    const registered = registeredPaymentMethodForm();
    if (registered) return registered;
    if (customElements.getName?.(AcctPaymentMethodForm)) return () => new AcctPaymentMethodForm();
    customElements.define(TAG, AcctPaymentMethodForm);
    return () => new AcctPaymentMethodForm();
  },
};
