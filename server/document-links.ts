/**
 * The signed, expiring links to documents (server/signed-url.ts): the invoice PDF (`pdf_url`) and
 * the sales order of a license order (`sales_order_url`). One signer per server, shared by every
 * handler that gives out a link (invoices, orders, the transaction history), so a link signed for
 * one response is the same string in the next within a minute.
 */
import { cachingSigner } from './signed-url.js';

/** How long a document link stays valid at most. */
export const PDF_URL_TTL_MS = 15 * 60_000;
/**
 * The expiry of a link is rounded down to this step, so a link lives 14-15 minutes and one
 * signature per document serves every response of the same minute (cachingSigner).
 */
export const PDF_URL_STEP_MS = 60_000;

export interface DocumentLinks {
  /** `origin` is the public origin, read once per response rather than once per link. */
  invoicePdf(origin: string, invoiceId: string): string;
  salesOrderPdf(origin: string, orderId: string): string;
}

export function documentLinks(secret: string): DocumentLinks {
  return {
    invoicePdf: cachingSigner(secret, PDF_URL_TTL_MS, PDF_URL_STEP_MS, (id) => `/api/invoices/${encodeURIComponent(id)}/pdf`),
    salesOrderPdf: cachingSigner(secret, PDF_URL_TTL_MS, PDF_URL_STEP_MS, (id) => `/api/orders/${encodeURIComponent(id)}/sales-order.pdf`),
  };
}
