import type { Database } from '../db.js';
import type { PaymentSettings, SettlementSweep } from '../payments.js';

/** What the handlers share: the database, the signing secret, the test gateway and the settlement sweep. */
export interface HandlerContext {
  db: Database;
  secret: string;
  settings: PaymentSettings;
  sweep: SettlementSweep;
  /** The hosted-fields page's URL (the public origin's host name, the second port), or null. */
  hostedFieldsUrl: () => string | null;
  /** The origin clients reach the API at: absolute URLs in responses start with it. */
  publicOrigin: () => string;
}
