import { Pricing } from '../schemas/pricing.js';
import { operation, type DocsFor } from './operation.js';

/** The public pricing catalogue (its own file: the pricing table needs nothing else of the licensing API). */
export const pricingOperations = {
  /** The public catalogue: products, plans, prices and features. No token. */
  getPricing: operation({
    method: 'GET',
    path: '/pricing',
    status: 200,
    response: Pricing,
    auth: 'none',
    capability: null,
    idempotency: 'none',
    reads: ['pricing'],
    publicCache: { maxAge: 300 },
  }),
};

export const pricingDocs: DocsFor<typeof pricingOperations> = {
  getPricing: {
    summary: 'The public pricing catalogue: products, plans, prices per currency and interval, features. No token.',
    description:
      'Public and cacheable (`Cache-Control: public, max-age=300` with an `ETag`; `If-None-Match` answers 304), with CORS open to any origin, ' +
      'so a marketing page can show live prices with one script tag. Prices are integer minor units per interval; ' +
      '`scheme` says how they grow with the quantity (`per_seat`, `volume`, `graduated`, `tiered`: docs/pricing.md).',
    tags: ['licenses'],
  },
};
