import * as z from 'zod/mini';
import type { billingWriteOperations } from '../../src/api/operations/billing-writes.js';
import type { paymentMethodOperations } from '../../src/api/operations/payment-methods.js';
import type { paymentOperations } from '../../src/api/operations/payments.js';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { PaymentPage } from '../../src/api/schemas/payment.js';
import { addMethod, createPayment, deleteMethod, listMethods, listPayments, readGateway, readPayment, updateMethod } from '../payments.js';
import { HttpProblem, invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

/** The payments cursor: the last row's (created_at, id), bound to the account. */
const PaymentCursor = z.object({ a: z.string(), s: z.literal('payments'), k: z.tuple([z.iso.datetime(), z.string()]) });

export function paymentHandlers({ db, secret, settings, sweep }: HandlerContext): Handlers<typeof paymentOperations & Pick<typeof billingWriteOperations, 'createPayment'>> {
  return {
    async listPayments({ claims, query }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = PaymentCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id) throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        after = cursor.data.k;
      }
      await sweep.beforeRead();
      const { payments, more, total } = await listPayments(db, claims.account_id, limit, after);
      const last = payments.at(-1);
      const page: PaymentPage = {
        data: payments,
        next_cursor: more && last ? seal('cursor', secret, { a: claims.account_id, s: 'payments', k: [last.created_at, last.id] }) : null,
        total_count: total,
      };
      return page;
    },

    async getPayment({ claims, params }) {
      await sweep.beforeRead();
      const payment = await readPayment(db, claims.account_id, params.id);
      if (!payment) throw new HttpProblem(404, 'not_found', 'No such payment.');
      return payment;
    },

    async createPayment({ claims, body }) {
      await sweep.beforeRead();
      const response = await createPayment(db, settings, claims.account_id, body);
      // A bank payment may now be processing: reads must not trust the sweep's last finding.
      sweep.changed();
      return response;
    },
  };
}

export function paymentMethodHandlers({ db, settings, hostedFieldsUrl }: HandlerContext): Handlers<typeof paymentMethodOperations & Pick<typeof billingWriteOperations, 'addPaymentMethod' | 'updatePaymentMethod' | 'deletePaymentMethod'>> {
  return {
    async listPaymentMethods({ claims }) {
      const [data, gateway] = await Promise.all([listMethods(db, claims.account_id), readGateway(db, claims.account_id, settings, hostedFieldsUrl())]);
      return { data, gateway };
    },
    addPaymentMethod: ({ claims, body }) => addMethod(db, settings, claims.account_id, body),
    updatePaymentMethod: ({ claims, params, body }) => updateMethod(db, claims.account_id, params.id, body),
    deletePaymentMethod: ({ claims, params }) => deleteMethod(db, claims.account_id, params.id),
  };
}
