/**
 * Operations the browser reaches by a link, not through AccountApi (kept apart so the HTTP client,
 * which imports only AccountApi's operations, does not carry them).
 */
import { operation, type DocsFor } from './operation.js';
import { USAGE_EXPORT_FORMATS, USAGE_INVOICED_FILTERS } from '../usage-vocabulary.js';
import { dateParam, enumParam, idParam, integerParam, stringParam } from './params.js';

/** The query of a signed link: when it expires, its signature, and how to show it. */
const signedQuery = {
  expires: integerParam({ minimum: 0, maximum: 999_999_999_999_999, required: true }),
  signature: stringParam({ minLength: 43, maxLength: 43, pattern: /^[A-Za-z0-9_-]+$/, required: true }),
  disposition: enumParam(['attachment', 'inline'], { default: 'attachment' }),
};

export const linkOperations = {
  /** The usage export a `createUsageExport` link names: its filters and columns are signed with it. */
  getUsageExport: operation({
    method: 'GET',
    path: '/usage/export',
    query: {
      account: stringParam({ minLength: 1, maxLength: 200, required: true }),
      format: enumParam(USAGE_EXPORT_FORMATS, { default: 'csv' }),
      from: dateParam(),
      to: dateParam(),
      metric: stringParam({ minLength: 1, maxLength: 200 }),
      invoiced: enumParam(USAGE_INVOICED_FILTERS, { default: 'all' }),
      q: stringParam({ minLength: 1, maxLength: 100 }),
      columns: stringParam({ minLength: 1, maxLength: 2100, pattern: /^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*$/ }),
      expires: signedQuery.expires,
      signature: signedQuery.signature,
    },
    status: 200,
    response: null,
    // USAGE_EXPORT_CONTENT_TYPES (src/api/usage-export.ts), without their parameters.
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    auth: 'signed',
    capability: null,
    idempotency: 'none',
  }),

  getInvoicePdf: operation({
    method: 'GET',
    path: '/invoices/{id}/pdf',
    pathParams: { id: idParam },
    query: signedQuery,
    status: 200,
    response: null,
    produces: 'application/pdf',
    auth: 'signed',
    capability: null,
    idempotency: 'none',
    notFound: true,
  }),

  getSalesOrderPdf: operation({
    method: 'GET',
    path: '/orders/{id}/sales-order.pdf',
    pathParams: { id: idParam },
    query: signedQuery,
    status: 200,
    response: null,
    produces: 'application/pdf',
    auth: 'signed',
    capability: null,
    idempotency: 'none',
    notFound: true,
  }),
};

export const linkDocs: DocsFor<typeof linkOperations> = {
  getUsageExport: {
    summary: 'The filtered usage records as CSV or XLSX, streamed, through the signed link `createUsageExport` gives.',
    description:
      'No bearer token: the link is the credential, and it covers the format, the filters and the columns (change one and it answers 403). ' +
      'CSV (`text/csv; charset=utf-8`, RFC 4180, with a byte-order mark) or XLSX (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`), ' +
      'as a download; every matching record, oldest first.',
    tags: ['usage'],
    problems: { 403: { description: 'The link has expired or its signature does not match.', codes: ['invalid_signature'] } },
    params: {
      account: 'The account whose records the link exports (signed with the rest).',
      format: '`csv` (default) or `xlsx`.',
      from: 'The first day, inclusive (UTC).',
      to: 'The last day, inclusive (UTC).',
      metric: 'One metric id.',
      invoiced: '`yes`, `no` or `all` (default).',
      q: 'Text the records contain.',
      columns: 'The columns to write, comma-separated, in order; absent: every column.',
      expires: 'When the link stops working, in Unix seconds.',
      signature: 'base64url HMAC-SHA256 over the path, its query and `expires`.',
    },
  },

  getInvoicePdf: {
    summary: 'The invoice as a PDF, through the signed, expiring link given as `pdf_url`.',
    description:
      'No bearer token: the link itself is the credential, so it works in a plain `<a download>`. ' +
      '`signature` is the base64url HMAC-SHA256 of the path and `expires`; an expired or altered link answers 403. ' +
      'The PDF comes as a download named after the invoice number (`Content-Disposition: attachment`); ' +
      'append `disposition=inline` (not signed: it changes how, not what) to show it in the browser instead.',
    tags: ['invoices'],
    problems: { 403: { description: 'The link has expired or its signature does not match.', codes: ['invalid_signature'] } },
    params: {
      id: 'The invoice id.',
      expires: 'When the link stops working, in Unix seconds.',
      signature: 'base64url HMAC-SHA256 over the path and `expires`.',
      disposition: '`attachment` (default): a download with the invoice number as its file name; `inline`: shown in the browser.',
    },
  },
  getSalesOrderPdf: {
    summary: 'The sales order of a license order as a PDF, through the signed, expiring link given as `sales_order_url`.',
    description:
      'Signed like the invoice PDF (no bearer token; an expired or altered link answers 403). The document names the order, the quote it ' +
      'consumed, the licenses, the prorated period, the amounts, how it was paid, and the authorization the buyer acknowledged.',
    tags: ['licenses'],
    problems: { 403: { description: 'The link has expired or its signature does not match.', codes: ['invalid_signature'] } },
    params: {
      id: 'The order id.',
      expires: 'When the link stops working, in Unix seconds.',
      signature: 'base64url HMAC-SHA256 over the path and `expires`.',
      disposition: '`attachment` (default): a download named after the order number; `inline`: shown in the browser.',
    },
  },
};
