import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { LazyModule } from '../../core/lazy-module.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { AccountApi } from '../../api/account-api.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { UsageQueryDetail } from '../../events/usage-events.js';
import { AcctErrorEvent, type AcctInvoiceViewEvent, type AcctPayRequestEvent } from '../../events/index.js';
import type { AcctLicensePurchaseRequestEvent } from '../../events/license-events.js';
import type { AcctUsageQueryChangeEvent } from '../../events/usage-events.js';
import { AcctPortalNavigateEvent } from '../../events/portal-events.js';
import { PORTAL_SECTIONS, type PortalSection, type PortalSectionId } from './portal-sections.js';
import { readOnlyApi } from './read-only-api.js';
import { portalStyles } from './portal.styles.js';

const STATES = ['unconfigured', 'loading', 'error', 'populated', 'readonly'] as const;

/** `sections="overview, invoices"`: ids separated by commas or spaces. */
const sectionListConverter = {
  fromAttribute: (value: string | null) => (value === null ? undefined : value.split(/[\s,]+/).filter(Boolean)),
  toAttribute: (value: string[] | string | undefined) => (Array.isArray(value) ? value.join(',') : value),
};

/** `#/invoices/in_123` → `invoices/in_123`; any other hash (the host's own) → undefined. */
function viewOfHash(hash: string): string | undefined {
  if (!hash.startsWith('#/')) return undefined;
  const view = decodeURIComponent(hash.slice(2));
  return view || undefined;
}

/**
 * The whole account in one element: a navigation (on the side on a wide host, at the bottom on a
 * narrow one: container queries on the element's own width, not the window's) and a section per
 * part of the account — overview (balance and open invoices), invoices, payments, payment methods, licenses, add-ons, usage,
 * credits, transactions, addresses, profile and users. Each section's elements load the first time it is shown, so
 * the first view downloads the overview's only.
 *
 * Deep links: by default the view is in the page's hash (`#/invoices/in_123`), so a reload or a
 * shared link opens the same view and Back goes to the previous one. A host with its own router
 * sets `routing="none"`, listens to `acct-portal-navigate` (cancel it to take over) and sets
 * `view`. Views: a section id; `invoices/<id>` (an invoice's detail), `payments/pay` (the payment
 * flow), `licenses/buy/<product id>` (buying more licenses).
 *
 * Sections the token's capabilities do not allow are not offered (and a link to one says so); the
 * host chooses which sections to show, in its order, with `sections`; `readonly` makes every
 * element read only (their write actions are not offered, and writes are refused before they reach
 * the API). The elements inside get the portal's connection: the provider's, or the portal's own
 * `api-base` + `token` or `api`.
 *
 * @summary Every account element in one place, with navigation, lazy sections and deep links.
 *
 * @csspart base - The layout around the navigation and the section.
 * @csspart nav - The navigation.
 * @csspart nav-link - A section's link (a button with `routing="none"`); the current one has `aria-current="page"`.
 * @csspart section - The section shown.
 * @csspart section-heading - The section's heading (focused when the customer navigates to it).
 * @csspart back-link - "Back to …" from an invoice, the payment flow or a purchase.
 * @csspart pay-button - "Make a payment" in the payments section.
 * @csspart unavailable - The message for a section this token may not see.
 * @csspart error - The error or missing-configuration message.
 * @csspart retry-button - The Retry button in an error.
 *
 * @cssprop [--acct-portal-nav-width=14rem] - Width of the side navigation on a wide host.
 * @cssprop [--acct-portal-nav-background=var(--acct-color-surface-alt)] - Background of the navigation.
 * @cssprop [--acct-portal-current-color=var(--acct-color-accent)] - Colour of the current section's link.
 *
 * @cssstate loading - The account (its capabilities) is loading.
 * @cssstate populated - The navigation and a section are shown.
 * @cssstate readonly - `readonly` is set.
 * @cssstate error - Loading the account failed; a message with Retry is shown.
 * @cssstate unconfigured - No API: set `api-base` + `token`, `api`, or use `acct-provider`.
 *
 * @fires {AcctPortalNavigateEvent} acct-portal-navigate - The customer asked for another view: `{view, from}`. Cancelable.
 * @fires {AcctErrorEvent} acct-error - Loading the account failed.
 */
@localized()
export class AcctPortal extends AcctElement {
  static override styles = [baseStyles, portalStyles];
  protected static override resources: readonly ResourceName[] = ['account'];

  /** The view shown: a section id, or `invoices/<id>`, `payments/pay`, `licenses/buy/<product>`. */
  @property({ reflect: true }) view?: string;

  /** Where the view lives: `hash` (the page's `#/…`, the default) or `none` (the host's router sets `view`). */
  @property() routing: 'hash' | 'none' = 'hash';

  /**
   * The sections offered, in this order: an array of ids, or a string of ids separated by commas
   * or spaces (React, Vue and Svelte set the attribute's text as the property); default: every one.
   */
  @property({ converter: sectionListConverter }) sections?: string[] | string;

  /** Every element read only: no write action is offered, and writes are refused. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** The level of the sections' headings (1–6); the elements' own headings are one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  // Through the read-only view with `readonly`: its capabilities decide the sections, as the elements' do.
  #account = new ApiTask(this, { args: () => [this.readonly] as const, load: (api, options, [readonly]) => (readonly ? readOnlyApi(api) : api).getAccount(options) });
  #modules = new Map<PortalSectionId, LazyModule<unknown>>();
  #reportedError?: unknown;
  /** The invoices of the payment flow (from a Pay request); undefined: every open invoice. */
  @state() private _payInvoices?: InvoiceSummary[];
  /** The payment flow's element: a new one per flow, so a finished payment's result never shows for the next. */
  @state() private _payFlow?: HTMLElement;
  /** The usage table's filters, which the chart follows. */
  @state() private _usageQuery?: UsageQueryDetail;
  /** Focus the section's heading after the next render (the customer navigated). */
  #focusHeading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    this.addEventListener('acct-invoice-view', this.#onInvoiceView);
    this.addEventListener('acct-pay-request', this.#onPayRequest);
    this.addEventListener('acct-make-payment', this.#onMakePayment);
    this.addEventListener('acct-license-purchase-request', this.#onPurchaseRequest);
    this.addEventListener('acct-usage-query-change', this.#onUsageQuery);
    if (this.routing === 'hash' && this.view === undefined) this.view = viewOfHash(location.hash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.removeEventListener('acct-invoice-view', this.#onInvoiceView);
    this.removeEventListener('acct-pay-request', this.#onPayRequest);
    this.removeEventListener('acct-make-payment', this.#onMakePayment);
    this.removeEventListener('acct-license-purchase-request', this.#onPurchaseRequest);
    this.removeEventListener('acct-usage-query-change', this.#onUsageQuery);
  }

  /**
   * The connection the elements inside get (as their `api` property, with the portal's `locale`):
   * the portal's own, read only with `readonly`. The rest of a provider's settings (a card
   * tokenizer, raw card data) they take from the provider around the portal themselves.
   */
  #childApi(): AccountApi | undefined {
    const api = this.resolvedApi;
    return this.readonly && api ? readOnlyApi(api) : api;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const kind = this.#kind();
    for (const state of STATES) this.setCustomState(state, state === 'readonly' ? this.readonly : state === kind);
    const task = this.#account;
    if (task.failed && this.#reportedError !== task.error) {
      this.#reportedError = task.error;
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(task.error) }));
    }
    if (this.#focusHeading && kind === 'populated') {
      this.#focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('[part~="section-heading"]')?.focus();
    }
  }

  /** Reloads the account (and with it which sections the token may see). */
  refresh(): void {
    this.#account.reload();
  }

  /** Shows `view`, as the navigation does: fires `acct-portal-navigate`, then (unless cancelled) shows it and puts it in the hash. */
  navigate(view: string): void {
    const from = this.#currentView();
    if (view === from) return;
    const event = new AcctPortalNavigateEvent({ view, from });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.#focusHeading = true;
    this.view = view;
    if (this.routing === 'hash') location.hash = `/${view}`;
  }

  #onHashChange = (): void => {
    if (this.routing !== 'hash') return;
    const view = viewOfHash(location.hash);
    if (view !== undefined && view !== this.view) {
      this.#focusHeading = true;
      this.view = view;
    }
  };

  #onInvoiceView = (event: AcctInvoiceViewEvent): void => {
    event.preventDefault();
    this.navigate(`invoices/${event.detail.invoiceId}`);
  };

  #onPayRequest = (event: AcctPayRequestEvent): void => {
    this._payInvoices = event.detail.invoices;
    this.#openPayment();
  };

  #onMakePayment = (): void => {
    this._payInvoices = undefined;
    this.#openPayment();
  };

  #openPayment(): void {
    this._payFlow = undefined;
    this.navigate('payments/pay');
  }

  #onPurchaseRequest = (event: AcctLicensePurchaseRequestEvent): void => {
    this.navigate(`licenses/buy/${event.detail.license.product_id}`);
  };

  #onUsageQuery = (event: AcctUsageQueryChangeEvent): void => {
    this._usageQuery = event.detail;
  };

  #onRetry = (): void => this.refresh();

  #kind(): (typeof STATES)[number] {
    if (this.configError) return 'unconfigured';
    if (!this.resolvedApi) return 'loading';
    if (this.#account.failed) return 'error';
    return this.#account.value ? 'populated' : 'loading';
  }

  /** The sections this token may see, in the host's order. */
  #visibleSections(): PortalSection[] {
    const capabilities = new Set(this.#account.value?.capabilities ?? []);
    const given = typeof this.sections === 'string' ? sectionListConverter.fromAttribute(this.sections) : this.sections;
    const chosen = given?.length ? given : PORTAL_SECTIONS.map((s) => s.id);
    return chosen
      .map((id) => PORTAL_SECTIONS.find((section) => section.id === id))
      .filter((section): section is PortalSection => !!section && (section.capability === null || capabilities.has(section.capability)));
  }

  #currentView(): string {
    return this.view || this.#visibleSections()[0]?.id || 'overview';
  }

  #module(section: PortalSection): LazyModule<unknown> {
    let module = this.#modules.get(section.id);
    if (!module) {
      module = new LazyModule(this, section.load);
      this.#modules.set(section.id, module);
    }
    return module;
  }

  #level(offset = 0): number {
    const level = Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
    return Math.min(6, level + offset);
  }

  protected override render(): TemplateResult {
    const kind = this.#kind();
    if (kind === 'unconfigured') return renderConfigError(this.configError!);
    if (kind === 'error') return renderError(this.#account.error, this.#onRetry);
    if (kind === 'loading') {
      return html`<div part="base" class="layout" aria-busy="true">
        <p class="visually-hidden" role="status">${msg('Loading your account…')}</p>
        <div class="skeleton-block" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
      </div>`;
    }
    const sections = this.#visibleSections();
    const view = this.#currentView();
    const [sectionId, ...rest] = view.split('/');
    const section = sections.find((s) => s.id === sectionId);
    return html`<div part="base" class="layout">
      <nav part="nav" class="nav" aria-label=${msg('Account')}>
        <ul>
          ${sections.map((s) => this.#renderNavItem(s, s.id === sectionId))}
        </ul>
      </nav>
      <div class="main">${section ? this.#renderSection(section, rest) : this.#renderUnavailable(sectionId, sections)}</div>
    </div>`;
  }

  #renderNavItem(section: PortalSection, current: boolean): TemplateResult {
    // The current section's link too: from an invoice or the payment flow it goes back to the section.
    const onClick = (event: Event) => {
      event.preventDefault();
      this.navigate(section.id);
    };
    return html`<li>
      ${this.routing === 'hash'
        ? html`<a part="nav-link" class="nav-link" href="#/${section.id}" aria-current=${current ? 'page' : nothing} @click=${onClick}>${section.label()}</a>`
        : html`<button type="button" part="nav-link" class="nav-link" aria-current=${current ? 'page' : nothing} @click=${onClick}>${section.label()}</button>`}
    </li>`;
  }

  #renderUnavailable(id: string, sections: PortalSection[]): TemplateResult {
    const first = sections[0];
    return html`<section part="section" class="section" aria-labelledby="section-heading">
      <div role="heading" aria-level=${this.#level()} part="section-heading" class="section-heading" id="section-heading" tabindex="-1">${msg('Not available')}</div>
      <p part="unavailable" role="alert">
        ${msg('This part of the account is not available to you. Ask an account administrator if you need it.')}
        <span class="visually-hidden">${id}</span>
      </p>
      ${first ? html`<p>${this.#link(first.id, msg('Go to the overview'))}</p>` : nothing}
    </section>`;
  }

  #link(view: string, text: string): TemplateResult {
    const go = (event: Event) => {
      event.preventDefault();
      this.navigate(view);
    };
    return this.routing === 'hash'
      ? html`<a part="back-link" class="link" href="#/${view}" @click=${go}>${text}</a>`
      : html`<button type="button" part="back-link" class="button" @click=${go}>${text}</button>`;
  }

  #renderSection(section: PortalSection, rest: string[]): TemplateResult {
    const module = this.#module(section);
    if (module.status === 'idle') void module.request();
    const body =
      module.status === 'ready'
        ? this.#renderSectionBody(section.id, rest)
        : module.status === 'failed'
          ? html`<div part="error" role="alert" class="message">
              ${msg('This part of the account could not be loaded.')}
              <button type="button" class="button" part="retry-button" @click=${() => void module.retry()}>${msg('Retry')}</button>
            </div>`
          : html`<p class="visually-hidden" role="status">${msg('Loading…')}</p>
              <div class="skeleton-block" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>`;
    return html`<section part="section" class="section" aria-labelledby="section-heading" data-section=${section.id} aria-busy=${module.status === 'loading' ? 'true' : 'false'}>
      <div role="heading" aria-level=${this.#level()} part="section-heading" class="section-heading" id="section-heading" tabindex="-1">${section.label()}</div>
      ${body}
    </section>`;
  }

  /** The payment flow, made when first shown (and again after "Make a payment" or a Pay request). */
  #payElement(level: number): HTMLElement {
    if (!this._payFlow) {
      const flow = document.createElement('acct-pay-invoice');
      flow.headingLevel = level;
      if (this._payInvoices) flow.invoices = this._payInvoices;
      this._payFlow = flow;
    }
    Object.assign(this._payFlow, { api: this.#childApi(), locale: this.locale });
    return this._payFlow;
  }

  #renderSectionBody(id: PortalSectionId, rest: string[]): TemplateResult {
    const level = this.#level(1);
    const api = this.#childApi();
    const locale = this.locale;
    switch (id) {
      case 'overview':
        return html`<acct-account-summary .api=${api} .locale=${locale} heading-level=${level}></acct-account-summary>
          <div role="heading" aria-level=${level} class="subheading">${msg('Open invoices')}</div>
          <acct-invoice-list .api=${api} .locale=${locale} filter="open" page-size="5" hide-filter></acct-invoice-list>`;
      case 'invoices':
        return rest[0]
          ? html`<p>${this.#link('invoices', msg('Back to invoices'))}</p>
              <acct-invoice-detail .api=${api} .locale=${locale} invoice-id=${rest[0]} heading-level=${level}></acct-invoice-detail>`
          : html`<acct-invoice-list .api=${api} .locale=${locale} filter="all"></acct-invoice-list>`;
      case 'payments':
        return rest[0] === 'pay'
          ? html`<p>${this.#link('payments', msg('Back to payments'))}</p>
              ${this.#payElement(level)}`
          : html`${this.#account.value?.capabilities.includes('invoices:pay')
                ? html`<p><button type="button" class="button primary" part="pay-button" @click=${this.#onMakePayment}>${msg('Make a payment')}</button></p>`
                : nothing}
              <acct-payment-history .api=${api} .locale=${locale}></acct-payment-history>`;
      case 'payment-methods':
        return html`<acct-payment-methods .api=${api} .locale=${locale}></acct-payment-methods><acct-autopay-toggle .api=${api} .locale=${locale}></acct-autopay-toggle>`;
      case 'licenses':
        return rest[0] === 'buy' && rest[1]
          ? html`<p>${this.#link('licenses', msg('Back to licenses'))}</p>
              <acct-license-purchase .api=${api} .locale=${locale} product-id=${rest[1]} heading-level=${level}></acct-license-purchase>`
          : html`<acct-license-summary .api=${api} .locale=${locale} heading-level=${level}></acct-license-summary>`;
      case 'addons':
        return html`<acct-addon-list .api=${api} .locale=${locale} heading-level=${level} layout="cards"></acct-addon-list>`;
      case 'usage': {
        const q = this._usageQuery;
        return html`<acct-usage-chart .api=${api} .locale=${locale} heading-level=${level} .from=${q?.from} .to=${q?.to} .metric=${q?.metric} .invoiced=${q?.invoiced} .q=${q?.q}></acct-usage-chart>
          <acct-usage-table .api=${api} .locale=${locale}></acct-usage-table>`;
      }
      case 'credits':
        return html`<acct-credit-list .api=${api} .locale=${locale}></acct-credit-list>`;
      case 'transactions':
        return html`<acct-transaction-history .api=${api} .locale=${locale}></acct-transaction-history>`;
      case 'addresses':
        return html`<acct-address-book .api=${api} .locale=${locale} heading-level=${level}></acct-address-book>`;
      case 'profile':
        return html`<acct-profile .api=${api} .locale=${locale} heading-level=${level}></acct-profile>`;
      case 'users':
        return html`<acct-users .api=${api} .locale=${locale} heading-level=${level}></acct-users>`;
    }
  }
}
