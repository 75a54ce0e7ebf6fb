import { LicenseOrder, LicenseOrderPage, LicenseOverview, LicenseQuote, NewLicenseOrder, NewLicenseQuote } from '../schemas/license.js';
import { operation, type DocsFor } from './operation.js';
import { idParam, pageParamDocs, pageParams } from './params.js';

/** What an order changes: the licenses, the invoice and payment it made, the balance and the ledger. */
const ORDER_CHANGES = ['licenses', 'orders', 'invoices', 'account', 'payments', 'transactions'] as const;

/** The account's licenses, quotes for more, and license orders. */
export const licenseOperations = {
  /** The account's current contract term and its licenses. */
  listLicenses: operation({
    method: 'GET',
    path: '/licenses',
    status: 200,
    response: LicenseOverview,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['licenses'],
  }),

  /**
   * A binding price for more licenses of a product, prorated to the term's end, kept by the server
   * until `expires_at`. The same request gives the same quote while it is open.
   */
  createLicenseQuote: operation({
    method: 'POST',
    path: '/licenses/quotes',
    body: NewLicenseQuote,
    status: 201,
    response: LicenseQuote,
    auth: 'bearer',
    capability: 'licenses:purchase',
    idempotency: 'optional',
    invalidates: [],
  }),

  /** Orders a quote: charges a saved method or invoices the account. Consumes the quote. */
  createLicenseOrder: operation({
    method: 'POST',
    path: '/licenses/orders',
    body: NewLicenseOrder,
    status: 201,
    response: LicenseOrder,
    auth: 'bearer',
    capability: 'licenses:purchase',
    idempotency: 'required',
    invalidates: ORDER_CHANGES,
  }),

  /** License orders, newest first. */
  listOrders: operation({
    method: 'GET',
    path: '/orders',
    query: pageParams,
    status: 200,
    response: LicenseOrderPage,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['orders'],
  }),

  /** One order: its status turns `provisioned` when the licenses are ready. */
  getOrder: operation({
    method: 'GET',
    path: '/orders/{id}',
    pathParams: { id: idParam },
    status: 200,
    response: LicenseOrder,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['orders'],
    notFound: true,
  }),
};

const QUOTE_PROBLEMS = ['quantity_not_positive', 'license_decrease_not_self_service', 'quantity_above_maximum', 'product_not_self_service', 'product_not_licensed'];

export const licenseDocs: DocsFor<typeof licenseOperations> = {
  listLicenses: {
    summary: "The account's current contract term and its licenses, with what is still being provisioned.",
    tags: ['licenses'],
  },
  createLicenseQuote: {
    summary: 'Quotes more licenses of a product, prorated to the end of the term. Needs `licenses:purchase`.',
    description:
      'The server computes and keeps the quote: the contract unit price, the period from today to the renewal (whole months and days), ' +
      'the product\'s proration policy (`prorate_by_day`, `prorate_by_month`, `full_price`, `at_renewal`), subtotal, tax and total ' +
      'in integer minor units with one rounding (docs/proration.md), what is charged today and what the next invoice adds. ' +
      'An open quote for the same product and quantity is returned again rather than a new one. Decreases, zero and quantities above ' +
      'the maximum are 422 with a `code`; products that are not self-service are sold by the account manager (`product_not_self_service`).',
    tags: ['licenses'],
    problems: {
      404: { description: 'No such product.', codes: ['not_found'] },
      422: { description: 'These licenses cannot be bought here.', codes: QUOTE_PROBLEMS },
    },
  },
  createLicenseOrder: {
    summary: 'Places an order for a quote: pays with a saved method or invoices the account. Needs `licenses:purchase`.',
    description:
      'The order consumes its quote, so two tabs ordering the same quote make one order: the second is a 409 `quote_already_ordered` ' +
      'that names the order (`order_id` in the problem). An expired quote is a 409 `quote_expired` with a fresh quote (`quote` in the problem) ' +
      'at today\'s price. Paying with a method charges `due_today` at once (a decline is a 402 and the quote stays open); ' +
      '`invoice` makes an open invoice where the account\'s terms allow it. The order is `pending_provisioning` until the product ' +
      'has set up the licenses, then `provisioned`.',
    tags: ['licenses'],
    problems: {
      402: { description: 'The gateway declined the charge.', codes: ['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc'] },
      409: { description: 'The quote was ordered already, or has expired.', codes: ['quote_already_ordered', 'quote_expired'] },
      422: { description: 'The quote or the payment cannot be used.', codes: ['quote_not_found', 'authorization_required', 'invoice_payment_not_allowed', 'payment_method_not_found', ...QUOTE_PROBLEMS] },
    },
  },
  listOrders: {
    summary: 'License orders, newest first, cursor-paginated.',
    tags: ['licenses'],
    params: pageParamDocs,
  },
  getOrder: {
    summary: 'One license order, with its sales order PDF and provisioning status.',
    tags: ['licenses'],
    params: { id: 'The order id.' },
  },
};
