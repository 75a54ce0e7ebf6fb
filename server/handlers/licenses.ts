import * as z from 'zod/mini';
import type { licenseOperations } from '../../src/api/operations/licenses.js';
import type { linkOperations } from '../../src/api/operations/links.js';
import type { pricingOperations } from '../../src/api/operations/pricing.js';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { LicenseOrderPage } from '../../src/api/schemas/license.js';
import { createOrder, createQuote, listOrders, readOrder, readOverview, readPricing, readSalesOrder } from '../licenses.js';
import { renderSalesOrderPdf } from '../pdf.js';
import { HttpProblem, invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

/** The orders cursor: the last row's (created_at, id), bound to the account. */
const OrderCursor = z.object({ a: z.string(), s: z.literal('orders'), k: z.tuple([z.iso.datetime(), z.string()]) });

export function licenseHandlers({ db, secret, settings, sweep, licensing, provisioning, links, publicOrigin }: HandlerContext): Handlers<
  typeof pricingOperations & typeof licenseOperations & Pick<typeof linkOperations, 'getSalesOrderPdf'>
> {
  /** The signed sales order link, for the origin of this response. */
  const salesOrderLink = () => {
    const origin = publicOrigin();
    return (orderId: string) => links.salesOrderPdf(origin, orderId);
  };

  return {
    getPricing: () => readPricing(db),

    async listLicenses({ claims }) {
      await provisioning.beforeRead();
      return readOverview(db, licensing, claims.account_id);
    },

    async createLicenseQuote({ claims, body }) {
      await provisioning.beforeRead();
      return createQuote(db, licensing, claims.account_id, body);
    },

    async createLicenseOrder({ claims, body }) {
      // The order charges like a payment: due bank payments settle first, as before POST /payments.
      await sweep.beforeRead();
      const { response, bankPayment } = await createOrder(
        db,
        { payments: settings, licensing },
        { accountId: claims.account_id, userId: claims.user },
        body,
        salesOrderLink(),
      );
      if (response.status === 201) provisioning.changed();
      if (bankPayment) sweep.changed();
      return response;
    },

    async listOrders({ claims, query }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = OrderCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id) throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        after = cursor.data.k;
      }
      await provisioning.beforeRead();
      const { orders, more, total } = await listOrders(db, claims.account_id, limit, after, salesOrderLink());
      const last = orders.at(-1);
      const page: LicenseOrderPage = {
        data: orders,
        next_cursor: more && last ? seal('cursor', secret, { a: claims.account_id, s: 'orders', k: [last.created_at, last.id] }) : null,
        total_count: total,
      };
      return page;
    },

    async getOrder({ claims, params }) {
      await provisioning.beforeRead();
      const order = await readOrder(db, claims.account_id, params.id, salesOrderLink());
      if (!order) throw new HttpProblem(404, 'not_found', 'No such order.');
      return order;
    },

    // Signed and expiring like the invoice PDF; the route layer has checked the signature.
    async getSalesOrderPdf({ c, params, query }) {
      await provisioning.beforeRead();
      const order = await readSalesOrder(db, params.id);
      if (!order) throw new HttpProblem(404, 'not_found', 'No such order.');
      const pdf = await renderSalesOrderPdf(order);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `${query.disposition ?? 'attachment'}; filename="${order.number.replace(/[^\w.-]/g, '_')}.pdf"`,
        'Cache-Control': 'private, no-store',
      });
    },
  };
}
