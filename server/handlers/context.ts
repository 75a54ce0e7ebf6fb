import type { Context } from 'hono';
import type { Database } from '../db.js';
import type { Env } from '../http.js';
import type { PaymentSettings, SettlementSweep } from '../payments.js';

/** What the handlers share: the database, the signing secret, the test gateway and the settlement sweep. */
export interface HandlerContext {
  db: Database;
  secret: string;
  settings: PaymentSettings;
  sweep: SettlementSweep;
  /** The hosted-fields page's URL for this request (its hostname, the second port), or null. */
  hostedFieldsUrl: (c: Context<Env>) => string | null;
}
