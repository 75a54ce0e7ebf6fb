// Angular (standalone, zoneless, CUSTOM_ELEMENTS_SCHEMA): `[api]` binds the property,
// `(acct-invoice-view)` listens to the DOM event; compiled ahead of time by ngc with strictTemplates,
// which types `$event` from the element's events (HTMLElementTagNameMap + GlobalEventHandlersEventMap).
import { ApplicationRef, Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { AcctAddonChangeEvent, AcctInvoiceViewEvent, AcctLicensePurchaseRequestEvent, AcctPlanSelectEvent, AcctPortalNavigateEvent, AcctUsageColumnsChangeEvent, AcctUsageQueryChangeEvent } from 'account-elements';
import { api, record, recordAddon, recordColumns, recordNavigation, recordPlan, recordPurchase, recordUsageQuery, start, usageColumns } from '../harness.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<acct-invoice-list filter="open" page-size="5" [api]="api" (acct-invoice-view)="onView($event)"></acct-invoice-list>
    <acct-license-summary [api]="api" poll-interval="0" (acct-license-purchase-request)="onBuy($event)"></acct-license-summary>
    <acct-license-purchase product-id="prod_analytics" quote-delay="0" [api]="api"></acct-license-purchase>
    <acct-transaction-history type="payment" page-size="5" [api]="api"></acct-transaction-history>
    <acct-pricing-table product="prod_workspace" quantity="12" [api]="api" (acct-plan-select)="onPlan($event)"></acct-pricing-table>
    <acct-addon-list layout="cards" poll-interval="0" [api]="api" (acct-addon-change)="onAddon($event)"></acct-addon-list>
    <acct-credit-list status="available" [pageSize]="5" [api]="api"></acct-credit-list>
    <acct-usage-chart metric="api_requests" interval="week" [api]="api"></acct-usage-chart>
    <acct-profile contact-url="https://example.com/am" [headingLevel]="3" [api]="api"></acct-profile>
    <acct-portal routing="none" sections="overview,profile" [api]="api" (acct-portal-navigate)="onNavigate($event)"></acct-portal>
    <acct-address-book [headingLevel]="3" [api]="api"></acct-address-book>
    <acct-users [headingLevel]="3" [api]="api"></acct-users>
    <acct-usage-table [columns]="usageColumns" [pageSize]="200" [api]="api" (acct-usage-query-change)="onUsageQuery($event)" (acct-usage-columns-change)="onColumns($event)"></acct-usage-table>`,
})
class AppComponent {
  readonly api = api;
  readonly usageColumns = usageColumns;
  onView(event: AcctInvoiceViewEvent): void {
    record(event);
  }
  onBuy(event: AcctLicensePurchaseRequestEvent): void {
    recordPurchase(event);
  }
  onPlan(event: AcctPlanSelectEvent): void {
    recordPlan(event);
  }
  onAddon(event: AcctAddonChangeEvent): void {
    recordAddon(event);
  }
  onUsageQuery(event: AcctUsageQueryChangeEvent): void {
    recordUsageQuery(event);
  }
  onColumns(event: AcctUsageColumnsChangeEvent): void {
    recordColumns(event);
  }
  onNavigate(event: AcctPortalNavigateEvent): void {
    recordNavigation(event);
  }
}

let app: ApplicationRef | undefined;
await start(
  async () => {
    document.getElementById('root')!.replaceChildren(document.createElement('app-root'));
    app = await bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] });
  },
  () => app?.destroy(),
);
