import type { AccountApi } from '../../src/api/account-api.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { SEED_DATE } from '../../server/seed.js';
import type { Login, TestCard, World } from './world.js';

/** The in-memory side: a new MemoryAccountApi per scenario, on the fixture the server seeds, generated around the same date. */
export function memoryWorld(): World {
  const memory = (api: AccountApi) => {
    if (!(api instanceof MemoryAccountApi)) throw new Error('not a MemoryAccountApi');
    return api;
  };
  return {
    name: 'memory',
    async fresh(login: Login) {
      // Bank payments stay processing, and orders pending, until the scenario settles or provisions them, as on the server world.
      return new MemoryAccountApi({ fixture: login, today: SEED_DATE, achSettleMs: 10 * 60_000, provisioningMs: 10 * 60_000 });
    },
    async cardToken(api: AccountApi, card: TestCard) {
      return memory(api).createCardToken(card);
    },
    async settle(api: AccountApi, paymentId: string) {
      memory(api).settleNow(paymentId);
    },
    async provision(api: AccountApi, orderId: string) {
      memory(api).provisionNow(orderId);
    },
    async expireQuote(api: AccountApi, quoteId: string) {
      memory(api).expireQuote(quoteId);
    },
    async expireAddonPreview(api: AccountApi, previewId: string) {
      memory(api).expireAddonPreview(previewId);
    },
    async provisionAddon(api: AccountApi, addonId: string) {
      memory(api).provisionAddonNow(addonId);
    },
    async close() {},
  };
}
