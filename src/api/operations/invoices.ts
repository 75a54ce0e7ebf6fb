import { InvoiceDetail, InvoicePage } from '../schemas/invoice.js';
import { INVOICE_FILTERS } from '../vocabulary.js';
import { operation } from './operation.js';
import { enumParam, idParam, integerParam, pageParams, stringParam } from './params.js';

const invoiceId = { id: idParam('The invoice id.') };

/** Invoices and their details. */
export const invoiceOperations = {
  /** Invoices, newest first, cursor-paginated; `status: 'open'` includes overdue ones. */
  listInvoices: operation({
    method: 'GET',
    path: '/invoices',
    query: {
      status: enumParam(INVOICE_FILTERS, { default: 'all', description: '`open` includes overdue invoices; `all` (the default) lists every status.' }),
      ...pageParams,
    },
    status: 200,
    response: InvoicePage,
    responseName: 'InvoicePage',
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['invoices'],
    summary: 'Invoices, newest first, cursor-paginated.',
    tags: ['invoices'],
  }),

  /** One invoice with its statement summary, grouped lines, taxes and a signed `pdf_url`. */
  getInvoice: operation({
    method: 'GET',
    path: '/invoices/{id}',
    pathParams: invoiceId,
    status: 200,
    response: InvoiceDetail,
    responseName: 'InvoiceDetail',
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['invoices'],
    notFound: true,
    summary: 'One invoice with its statement summary, grouped lines, taxes and memo.',
    tags: ['invoices'],
  }),
};

/** Operations the browser reaches by a link, not through AccountApi. */
export const linkOperations = {
  getInvoicePdf: operation({
    method: 'GET',
    path: '/invoices/{id}/pdf',
    pathParams: invoiceId,
    query: {
      expires: integerParam({ minimum: 0, maximum: 999_999_999_999_999, required: true, description: 'When the link stops working, in Unix seconds.' }),
      signature: stringParam({
        minLength: 43,
        maxLength: 43,
        pattern: /^[A-Za-z0-9_-]+$/,
        required: true,
        description: 'base64url HMAC-SHA256 over the path and `expires`.',
      }),
    },
    status: 200,
    response: null,
    produces: 'application/pdf',
    auth: 'signed',
    capability: null,
    idempotency: 'none',
    notFound: true,
    problems: { 403: { description: 'The link has expired or its signature does not match.', codes: ['invalid_signature'] } },
    summary: 'The invoice as a PDF, through the signed, expiring link given as `pdf_url`.',
    description:
      'No bearer token: the link itself is the credential, so it works in a plain `<a download>`. ' +
      '`signature` is the base64url HMAC-SHA256 of the path and `expires`; an expired or altered link answers 403.',
    tags: ['invoices'],
  }),
};
