// The demo host page: the portal (acct-portal) of a product ("Tickr"), every part of the account in
// one element, with its views in the page's hash (#/invoices/…), inside the product's own header.
import '../src/components/provider/acct-provider.js';
import '../src/components/portal/acct-portal.js';
import { startDemoHost } from './host.js';

startDemoHost();
