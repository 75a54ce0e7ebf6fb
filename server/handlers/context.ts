import type { Database } from '../db.js';
import type { DocumentLinks } from '../document-links.js';
import type { LicensingSettings, ProvisioningSweep } from '../licenses.js';
import type { PaymentSettings, SettlementSweep } from '../payments.js';

/** What the handlers share: the database, the signing secret, the test gateway, licensing, the sweeps and the document links. */
export interface HandlerContext {
  db: Database;
  secret: string;
  settings: PaymentSettings;
  sweep: SettlementSweep;
  licensing: LicensingSettings;
  provisioning: ProvisioningSweep;
  links: DocumentLinks;
  /** The hosted-fields page's URL (the public origin's host name, the second port), or null. */
  hostedFieldsUrl: () => string | null;
  /** The origin clients reach the API at: absolute URLs in responses start with it. */
  publicOrigin: () => string;
}
