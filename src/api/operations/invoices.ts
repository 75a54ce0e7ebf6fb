import { InvoiceDetail, InvoicePage } from '../schemas/invoice.js';
import { INVOICE_FILTERS } from '../vocabulary.js';
import { operation, type DocsFor } from './operation.js';
import { enumParam, idParam, pageParamDocs, pageParams } from './params.js';

/** Invoices and their details. */
export const invoiceOperations = {
  /** Invoices, newest first, cursor-paginated; `status: 'open'` includes overdue ones. */
  listInvoices: operation({
    method: 'GET',
    path: '/invoices',
    query: { status: enumParam(INVOICE_FILTERS, { default: 'all' }), ...pageParams },
    status: 200,
    response: InvoicePage,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['invoices'],
  }),

  /** One invoice with its statement summary, grouped lines, taxes and a signed `pdf_url`. */
  getInvoice: operation({
    method: 'GET',
    path: '/invoices/{id}',
    pathParams: { id: idParam },
    status: 200,
    response: InvoiceDetail,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['invoices'],
    notFound: true,
  }),
};

export const invoiceDocs: DocsFor<typeof invoiceOperations> = {
  listInvoices: {
    summary: 'Invoices, newest first, cursor-paginated.',
    tags: ['invoices'],
    params: { status: '`open` includes overdue invoices; `all` (the default) lists every status.', ...pageParamDocs },
  },
  getInvoice: {
    summary: 'One invoice with its statement summary, grouped lines, taxes and memo.',
    tags: ['invoices'],
    params: { id: 'The invoice id.' },
  },
};
