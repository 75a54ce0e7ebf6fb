import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatMoney } from '../../core/money.js';
import { plural } from '../../core/plural.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import { quantityWithUnit, unitNoun } from '../../core/units.js';
import type { AccountApi, ResourceName } from '../../api/account-api.js';
import { ApiError, isAbortError, toApiError } from '../../api/errors.js';
import { PublicHttpConnection } from '../../api/lazy-http-api.js';
import type { LicenseOverview } from '../../api/schemas/license.js';
import type { Plan, Pricing, PricingProduct } from '../../api/schemas/pricing.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctPlanSelectEvent } from '../../events/pricing-events.js';
import {
  bestYearlySaving,
  defaultQuantity,
  estimate,
  fillLinkTemplate,
  intervalsOf,
  QUANTITY_CEILING,
  quantityRange,
  standing,
  yearlySaving,
  type PlanEstimate,
  type PlanStanding,
} from './pricing-model.js';
import { pricingTableStyles } from './pricing-table.styles.js';

type View = 'unconfigured' | 'loading' | 'error' | 'empty' | 'populated';

/** What one render shows: the product, and the currency, interval and quantity it is priced in. */
interface Shown {
  catalogue: Pricing;
  product: PricingProduct;
  currency: string;
  intervals: string[];
  interval: string;
  range: { min: number; max: number | null } | null;
  quantity: number;
  highlight: string | undefined;
  currentPlan: string | undefined;
  locale: string;
}

/** A custom AccountApi may answer anything: the table needs products with plans and currencies. */
function checkPricing(pricing: Pricing | undefined): Pricing {
  if (!pricing || !Array.isArray(pricing.products) || !Array.isArray(pricing.currencies)) {
    throw new ApiError('invalid-response', 'getPricing did not return a catalogue', { path: 'products' });
  }
  return pricing;
}

/** "Monthly", "Yearly", or an interval the element does not know, as the server wrote it. */
function intervalName(interval: string): string {
  if (interval === 'month') return msg('Monthly');
  if (interval === 'year') return msg('Yearly');
  return interval;
}

/** "per month" after an amount. */
function perInterval(interval: string): string {
  if (interval === 'month') return msg('per month');
  if (interval === 'year') return msg('per year');
  return msg(str`per ${interval}`);
}

/** "From $15.00 per seat per month": the lowest price of one license. */
function fromPerUnit(price: string, unit: string, interval: string): string {
  if (interval === 'month') return msg(str`From ${price} per ${unit} per month`, { id: 'pricing-table.from-unit.month' });
  if (interval === 'year') return msg(str`From ${price} per ${unit} per year`, { id: 'pricing-table.from-unit.year' });
  return msg(str`From ${price} per ${unit}`, { id: 'pricing-table.from-unit.other' });
}

/**
 * The public pricing of a product (`GET /pricing`, no token): its plans side by side with the
 * price of each for the quantity entered, a billing interval switch with the yearly saving, a
 * currency choice, a feature comparison and a call to action per plan.
 *
 * Prices are estimates computed from the catalogue (per seat, volume, graduated or tiered: see
 * docs/pricing.md) and say so; what a purchase costs is always the server's quote. A plan that is
 * sold by sales (`contact_sales`), that has no price in the chosen currency and interval, or whose
 * price scheme the element does not know, shows "Contact sales" rather than a wrong number. A
 * quantity below a plan's minimum is priced at that minimum; above its maximum the plan says
 * how many it sells.
 *
 * Its only connection may be `api-base` with no token: the catalogue is public. With a token (or
 * an `api` that answers `listLicenses()`), the account's plan of the product is marked "Current
 * plan" and later plans "Upgrade"; without one, or when the licenses cannot be read (401, 403, or
 * any error), the table shows public pricing and no error.
 *
 * It also renders on the server (Lit SSR, declarative shadow DOM) from a given `pricing`, so that
 * a marketing page shows prices without JavaScript (server/marketing.ts); its controls are then a
 * form that reloads the page with the visitor's choices, and once the element runs they update as
 * you go. Plans stack two, then one, per row on narrower hosts (container queries).
 *
 * @summary Public plans and prices with quantity estimates, an interval switch, currencies, a comparison and calls to action.
 *
 * @csspart base - The element's root container.
 * @csspart controls - The form around the currency, interval and quantity controls.
 * @csspart currency - The currency select.
 * @csspart interval - The interval switch (a radio group).
 * @csspart quantity - The quantity input.
 * @csspart apply-button - "Update prices", shown only while the element is not running (a server-rendered page without JavaScript).
 * @csspart plans - The list of plans.
 * @csspart plan - Each plan's card.
 * @csspart highlighted - Also on the highlighted plan's card: `::part(plan highlighted)`.
 * @csspart current - Also on the card of the account's current plan (with a token): `::part(plan current)`.
 * @csspart plan-name - The plan's name.
 * @csspart badge - The "Most popular" and "Current plan" badges.
 * @csspart price - The plan's price block: the estimate, what it is for, the price per license.
 * @csspart cta - The call to action: a link with `cta-href`, else a button.
 * @csspart features - The feature comparison table.
 * @csspart empty - The message shown when the catalogue has no plans.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-pricing-table-card-background=light-dark(#ffffff, #15181d)] - Background of a plan's card.
 * @cssprop [--acct-pricing-table-card-padding=1.5rem] - Inner padding of a plan's card.
 * @cssprop [--acct-pricing-table-highlight-color=light-dark(#1d4ed8, #93b4ff)] - Border of the highlighted plan.
 * @cssprop [--acct-pricing-table-price-size=2rem] - Font size of a plan's price.
 *
 * @cssstate loading - The catalogue is loading (skeleton cards), or reloading with the plans kept.
 * @cssstate populated - Plans are shown.
 * @cssstate empty - The catalogue has no plans for the product.
 * @cssstate error - The catalogue failed to load; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection and no `pricing`.
 * @cssstate interactive - The element runs in the browser (a server-rendered table without it shows its form's "Update prices").
 *
 * @fires {AcctPlanSelectEvent} acct-plan-select - A plan's call to action was pressed: `{product, plan, interval, currency, quantity, estimate}`. Cancelable: `preventDefault()` stops the link.
 * @fires {AcctErrorEvent} acct-error - Loading the catalogue failed: `{error}`.
 */
@localized()
export class AcctPricingTable extends AcctElement {
  static override styles = [baseStyles, pricingTableStyles];
  protected static override resources: readonly ResourceName[] = ['pricing', 'licenses'];

  // ---- public properties ----

  /** The product to show, by id; default the catalogue's first. */
  @property() product?: string;

  /** ISO 4217 code of the prices; default the catalogue's `default_currency`. A select offers the others. */
  @property() currency?: string;

  /** The billing interval shown, `month` or `year` (when the product has prices for it). */
  @property() interval = 'month';

  /** The quantity priced; default the highlighted plan's minimum (with a token: the account's licenses). */
  @property({ type: Number }) quantity?: number;

  /** The plan to highlight, by id; default the one the catalogue marks `highlighted`. */
  @property() highlight?: string;

  /**
   * Makes each call to action a link: a URL template with `{product}`, `{plan}`, `{interval}`,
   * `{currency}` and `{quantity}`, e.g. `/signup?plan={plan}&interval={interval}`. Only `https:`
   * and same-origin URLs become links; without one (or with another) the call to action is a button.
   */
  @property({ attribute: 'cta-href' }) ctaHref?: string;

  /** The link of "Contact sales" plans (same placeholders); default `cta-href`. */
  @property({ attribute: 'contact-href' }) contactHref?: string;

  /**
   * A catalogue to show before, or instead of, loading one: a server-rendered page hands the
   * element the catalogue it rendered, so it hydrates without a flash. With an API connection the
   * element still loads the current catalogue and shows that once it arrives.
   */
  @property({ attribute: false }) pricing?: Pricing;

  // ---- internal state ----

  /** What the visitor typed into the quantity field while it is not a quantity the table takes. @internal */
  @state() private quantityText?: string;

  readonly #public = new PublicHttpConnection(this);
  #reported = new WeakSet<object>();
  #warned = new Set<string>();
  #view: View = 'loading';

  // ---- tasks ----

  #catalogue = new ApiTask(this, {
    load: async (api, options) => checkPricing(await api.getPricing(options)),
  });

  /** The account's licenses, when there is an account; null when there is none or they cannot be read. */
  #licenses = new ApiTask(this, {
    args: () => [this.#signedIn] as const,
    load: (api, options, [signedIn]) => (signedIn ? this.#loadLicenses(api, options) : Promise.resolve(null)),
  });

  // ---- lifecycle ----

  /**
   * The element's API: its own `api`, `api-base` with credentials or the provider's; else, for the
   * public catalogue, `api-base` alone (its own or the provider's).
   */
  override get resolvedApi(): AccountApi | undefined {
    return super.resolvedApi ?? this.#public.api ?? this.settings?.publicApi;
  }

  /** A given `pricing` needs no connection: nothing is missing. @internal */
  protected override get configError(): string | undefined {
    return this.pricing ? undefined : super.configError;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Frameworks that set properties (React 19, Svelte, Angular) pass an attribute's text as is:
    // quantity="12" arrives as the string "12", which the attribute would have converted.
    const given = this.quantity as unknown;
    if (changed.has('quantity') && typeof given === 'string') this.quantity = /^\s*\d{1,9}\s*$/.test(given) ? Number(given) : Number.NaN;
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'error', 'empty', 'populated'] as const) this.setCustomState(name, view === name);
    this.setCustomState('loading', view === 'loading' || this.#refreshing);
    this.setCustomState('interactive', true);
    this.#syncInterval();
    this.#reportErrors();
  }

  // ---- public methods ----

  /** Loads the catalogue (and the account's licenses) again, past any stored response. */
  refresh(): void {
    this.#catalogue.reload();
    this.#licenses.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => this.refresh();

  /** With JavaScript the choices apply as they are made: the form never reloads the page. */
  #onSubmit = (event: SubmitEvent): void => event.preventDefault();

  #onCurrency = (event: Event): void => {
    this.currency = (event.target as HTMLSelectElement).value;
  };

  #onInterval = (event: Event): void => {
    const radio = event.target as HTMLInputElement;
    if (radio.checked) this.interval = radio.value;
  };

  #onQuantity = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const shown = this.#shown();
    const value = input.value.trim();
    const quantity = /^\d+$/.test(value) ? Number(value) : NaN;
    if (shown?.range && this.#quantityFits(quantity, shown.range)) {
      this.quantity = quantity;
      this.quantityText = undefined;
    } else {
      this.quantityText = input.value;
    }
  };

  #onSelect(event: Event, shown: Shown, plan: Plan, priced: PlanEstimate): void {
    const quantity = priced.kind === 'price' ? priced.quantity : Math.max(shown.quantity, plan.min_quantity);
    const selected = new AcctPlanSelectEvent({
      product: shown.product.id,
      plan: plan.id,
      interval: shown.interval,
      currency: shown.currency,
      quantity,
      estimate: priced.kind === 'price' ? { amount: priced.total, currency: shown.currency } : null,
    });
    this.dispatchEvent(selected);
    if (selected.defaultPrevented) event.preventDefault();
  }

  // ---- internals ----

  get #signedIn(): boolean {
    // A connection made for the public catalogue has no account behind it.
    return super.resolvedApi !== undefined;
  }

  async #loadLicenses(api: AccountApi, options: { signal: AbortSignal; fresh: boolean }): Promise<LicenseOverview | null> {
    // A custom AccountApi for a marketing page may implement the catalogue only.
    if (typeof api.listLicenses !== 'function') return null;
    try {
      const overview = await api.listLicenses(options);
      return Array.isArray(overview?.licenses) ? overview : null;
    } catch (error) {
      if (isAbortError(error)) throw error;
      // No account, no permission, or licenses that cannot be read: public pricing, never an error.
      return null;
    }
  }

  #quantityFits(quantity: number, range: { min: number; max: number | null }): boolean {
    return Number.isSafeInteger(quantity) && quantity >= range.min && quantity <= (range.max ?? QUANTITY_CEILING);
  }

  /**
   * The radios' checkedness follows `interval`. Set here rather than bound (`.checked`): server
   * rendering writes a bound `checked` as an attribute, `checked="false"` included, which checks it.
   */
  #syncInterval(): void {
    const interval = this.#shown()?.interval;
    for (const radio of this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="interval"]')) radio.checked = radio.value === interval;
  }

  #reportErrors(): void {
    const error = this.#catalogue.failed ? this.#catalogue.error : undefined;
    if (!error || typeof error !== 'object' || this.#reported.has(error)) return;
    this.#reported.add(error);
    this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
  }

  #warnOnce(attribute: string, value: unknown, allowed: string): void {
    const key = `${attribute}=${String(value)}`;
    if (isServer || this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnInvalid(attribute, value, allowed);
  }

  /** A reload with the plans on screen (Retry, an invalidation): they stay, marked busy. */
  get #refreshing(): boolean {
    return this.#catalogue.pending && this.#catalogue.value !== undefined;
  }

  get #catalogueShown(): Pricing | undefined {
    return this.#catalogue.value ?? this.pricing;
  }

  /** The product, currency, interval and quantity to show, from the properties and the catalogue. */
  #shown(): Shown | undefined {
    const catalogue = this.#catalogueShown;
    if (!catalogue) return undefined;
    let product = catalogue.products.find((p) => p.id === this.product);
    if (!product) {
      if (this.product) this.#warnOnce('product', this.product, `a product id of the catalogue (${catalogue.products.map((p) => p.id).join(', ')})`);
      product = catalogue.products[0];
    }
    if (!product) return undefined;

    let currency = this.currency?.toUpperCase();
    if (!currency || !catalogue.currencies.includes(currency)) {
      if (this.currency) this.#warnOnce('currency', this.currency, `one of ${catalogue.currencies.join(', ')}`);
      currency = catalogue.default_currency;
    }
    const intervals = intervalsOf(product, currency);
    const interval = intervals.includes(this.interval) ? this.interval : (intervals[0] ?? this.interval);

    const highlight = product.plans.find((p) => p.id === this.highlight)?.id ?? product.plans.find((p) => p.highlighted)?.id;
    const license = this.#licenses.value?.licenses.find((l) => l.product_id === product.id);
    const currentPlan = license?.plan_id;

    const range = quantityRange(product);
    let quantity = this.quantity;
    if (quantity !== undefined && !(range && this.#quantityFits(quantity, range))) {
      this.#warnOnce('quantity', quantity, range ? `a whole number from ${range.min}${range.max ? ` to ${range.max}` : ''}` : 'no quantity (the product has no prices by quantity)');
      quantity = undefined;
    }
    if (quantity === undefined && license && range) {
      // The account's licenses, bought and on their way: what it would pay for on another plan.
      const held = license.quantity + license.pending_quantity;
      if (this.#quantityFits(held, range)) quantity = held;
    }
    quantity ??= defaultQuantity(product, product.plans.find((p) => p.id === highlight));

    return { catalogue, product, currency, intervals, interval, range, quantity, highlight, currentPlan, locale: this.resolvedLocale };
  }

  #currentView(): { view: View; error?: unknown; shown?: Shown } {
    if (this.#catalogueShown) {
      const shown = this.#shown();
      return shown?.product.plans.length ? { view: 'populated', shown } : { view: 'empty' };
    }
    if (this.configError) return { view: 'unconfigured' };
    if (!this.resolvedApi) return { view: 'loading' };
    if (this.#catalogue.failed) return { view: 'error', error: this.#catalogue.error };
    return { view: 'loading' };
  }

  #money(amount: number, shown: Shown): string {
    return formatMoney({ amount, currency: shown.currency }, shown.locale);
  }

  /** "25 seats" in the element's language. */
  #count(count: number, shown: Shown): string {
    return quantityWithUnit(formatCount(count, shown.locale), count, shown.product.unit_label);
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const { view, error, shown } = this.#currentView();
    this.#view = view;
    const body =
      view === 'unconfigured'
        ? renderConfigError(this.configError ?? '')
        : view === 'error'
          ? renderError(error, this.#onRetry)
          : view === 'loading'
            ? this.#renderSkeleton()
            : view === 'empty' || !shown
              ? html`<p class="message muted" part="empty">${msg('No plans to show yet.')}</p>`
              : this.#renderTable(shown);
    return html`<div part="base" aria-busy=${view === 'loading' || this.#refreshing ? 'true' : 'false'}>
      ${body}
      <div role="status" class="visually-hidden">${this.#announcement(view, shown)}</div>
    </div>`;
  }

  #renderSkeleton() {
    return html`<ul class="plans" role="list" aria-label=${msg('Loading prices…')}>
      ${[0, 1, 2].map(
        () => html`<li class="skeleton-card" aria-hidden="true">
          <span class="skeleton title"></span><span class="skeleton price"></span><span class="skeleton"></span><span class="skeleton"></span>
        </li>`,
      )}
    </ul>`;
  }

  #renderTable(shown: Shown) {
    const { catalogue, product, intervals, range } = shown;
    const hasControls = catalogue.currencies.length > 1 || intervals.length > 1 || range !== null;
    return html`${hasControls
        ? html`<form class="controls" part="controls" aria-label=${msg('Pricing options')} @submit=${this.#onSubmit}>
            <input type="hidden" name="product" value=${product.id} />
            ${catalogue.currencies.length > 1 ? this.#renderCurrency(shown) : nothing}
            ${intervals.length > 1 ? this.#renderIntervals(shown) : nothing}
            ${range ? this.#renderQuantity(shown, range) : nothing}
            <button class="button apply" part="apply-button" type="submit">${msg('Update prices')}</button>
          </form>`
        : nothing}
      <ul class="plans" part="plans" role="list" aria-label=${msg(str`${product.name} plans`)}>
        ${product.plans.map((plan, index) => this.#renderPlan(shown, plan, index))}
      </ul>
      ${product.features.length ? this.#renderComparison(shown) : nothing}`;
  }

  #renderCurrency({ catalogue, currency, locale }: Shown) {
    const names = currencyNames(locale);
    return html`<div class="field">
      <label for="currency">${msg('Currency')}</label>
      <select id="currency" name="currency" part="currency" .value=${currency} @change=${this.#onCurrency}>
        ${catalogue.currencies.map((code) => html`<option value=${code} ?selected=${code === currency}>${currencyLabel(names, code)}</option>`)}
      </select>
    </div>`;
  }

  #renderIntervals(shown: Shown) {
    const { intervals, interval, product, currency, quantity, locale } = shown;
    const saving = intervals.includes('year') ? bestYearlySaving(product, currency, quantity) : null;
    return html`<fieldset class="field" part="interval">
      <legend>${msg('Billing period')}</legend>
      <div class="segments">
        ${intervals.map(
          (value) => html`<label class="segment">
            <input type="radio" name="interval" value=${value} ?checked=${value === interval} @change=${this.#onInterval} />
            <span>${intervalName(value)}</span>
            ${value === 'year' && saving !== null
              ? html`<span class="saving-badge">${msg(str`Save up to ${formatPercent(saving, locale)}`)}</span>`
              : nothing}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #renderQuantity(shown: Shown, range: { min: number; max: number | null }) {
    const invalid = this.quantityText !== undefined;
    const { locale } = shown;
    const count = (n: number) => this.#count(n, shown);
    const number = (n: number) => formatCount(n, locale);
    const limits = range.max !== null ? msg(str`${number(range.min)} to ${count(range.max)}`) : msg(str`At least ${count(range.min)}`);
    return html`<div class="field">
      <label for="quantity">${msg('Quantity')}</label>
      <input
        id="quantity"
        name="quantity"
        part="quantity"
        type="number"
        inputmode="numeric"
        min=${range.min}
        max=${range.max ?? QUANTITY_CEILING}
        step="1"
        required
        .value=${live(this.quantityText ?? String(shown.quantity))}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby="quantity-hint quantity-error"
        @input=${this.#onQuantity}
      />
      <span id="quantity-hint" class="hint">${limits}</span>
      <span id="quantity-error" class="field-error">${invalid ? msg(str`Enter a whole number from ${number(range.min)} to ${number(range.max ?? QUANTITY_CEILING)}.`) : ''}</span>
    </div>`;
  }

  /** One plan's card. @parts plan highlighted current */
  #renderPlan(shown: Shown, plan: Plan, index: number) {
    const priced = estimate(plan, shown.currency, shown.interval, shown.quantity);
    const place = standing(shown.product, plan, shown.currentPlan);
    const highlighted = plan.id === shown.highlight;
    const nameId = `plan-${index}`;
    const partName = `plan${highlighted ? ' highlighted' : ''}${place === 'current' ? ' current' : ''}`;
    return html`<li class="plan${highlighted ? ' highlighted' : ''}" part=${partName} aria-labelledby=${nameId}>
      <div class="plan-head">
        <h3 id=${nameId} part="plan-name"><bdi>${plan.name}</bdi></h3>
        ${highlighted ? html`<span class="badge info" part="badge">${msg('Most popular')}</span>` : nothing}
        ${place === 'current' ? html`<span class="badge success" part="badge">${msg('Current plan')}</span>` : nothing}
      </div>
      ${plan.description ? html`<p class="description"><bdi>${plan.description}</bdi></p>` : nothing}
      <div class="price" part="price">${this.#renderPrice(shown, plan, priced)}</div>
      ${this.#renderCta(shown, plan, priced, place)}
    </li>`;
  }

  #renderPrice(shown: Shown, plan: Plan, priced: PlanEstimate) {
    if (priced.kind === 'contact') return html`<p class="contact">${msg('Price on request')}</p>`;
    if (priced.kind === 'above-maximum') {
      return html`<p class="contact">${msg(str`Up to ${this.#count(priced.max, shown)}`)}</p>
        <p class="detail">${msg('Choose a smaller quantity for this plan, or another plan.')}</p>`;
    }
    const { interval } = shown;
    const unit = unitNoun(shown.product.unit_label);
    const saving = interval === 'year' ? yearlySaving(plan, shown.currency, priced.quantity) : null;
    const band = priced.band;
    return html`<p class="amount"><bdi class="num">${this.#money(priced.total, shown)}</bdi> <span class="per">${perInterval(interval)}</span></p>
      <p class="detail">
        ${priced.raised
          ? msg(str`Estimated for ${this.#count(priced.quantity, shown)}, the plan's minimum`)
          : msg(str`Estimated for ${this.#count(priced.quantity, shown)}`)}
      </p>
      ${band
        ? html`<p class="detail">
            ${band.to === null
              ? msg(str`One price from ${this.#count(band.from, shown)}`)
              : msg(str`One price for ${formatCount(band.from, shown.locale)} to ${this.#count(band.to, shown)}`)}
          </p>`
        : priced.from !== null
          ? html`<p class="detail">${fromPerUnit(this.#money(priced.from, shown), unit, interval)}</p>`
          : nothing}
      ${saving !== null ? html`<p class="saving">${msg(str`You save ${this.#money(saving, shown)} a year`)}</p>` : nothing}`;
  }

  #renderCta(shown: Shown, plan: Plan, priced: PlanEstimate, place: PlanStanding) {
    const contact = priced.kind === 'contact';
    const label =
      place === 'current'
        ? msg('Current plan')
        : contact
          ? msg(str`Contact sales about ${plan.name}`)
          : place === 'upgrade'
            ? msg(str`Upgrade to ${plan.name}`)
            : place === 'other'
              ? msg(str`Switch to ${plan.name}`)
              : msg(str`Choose ${plan.name}`);
    const disabled = place === 'current' || priced.kind === 'above-maximum';
    // One call to action stands out: the upgrades of an account, else the highlighted plan.
    const primary = place === 'upgrade' || (place === 'none' && plan.id === shown.highlight);
    const className = `button cta${primary ? ' primary' : ''}`;
    const fromContact = contact && this.contactHref !== undefined;
    const template = fromContact ? this.contactHref : this.ctaHref;
    const quantity = priced.kind === 'price' ? priced.quantity : Math.max(shown.quantity, plan.min_quantity);
    const href = !disabled && template
      ? safeLinkUrl(fillLinkTemplate(template, { product: shown.product.id, plan: plan.id, interval: shown.interval, currency: shown.currency, quantity: String(quantity) }))
      : undefined;
    if (template && !disabled && !href) this.#warnOnce(fromContact ? 'contact-href' : 'cta-href', template, 'an https: or same-origin URL template');
    const onClick = (event: Event) => this.#onSelect(event, shown, plan, priced);
    return href
      ? html`<a class=${className} part="cta" href=${href} @click=${onClick}><bdi>${label}</bdi></a>`
      : html`<button class=${className} part="cta" type="button" ?disabled=${disabled} @click=${onClick}><bdi>${label}</bdi></button>`;
  }

  #renderComparison({ product }: Shown) {
    return html`<div class="compare" role="region" tabindex="0" aria-labelledby="compare-caption">
      <table part="features">
        <caption id="compare-caption">${msg('Compare plans')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Feature')}</th>
            ${product.plans.map((plan) => html`<th scope="col"><bdi>${plan.name}</bdi></th>`)}
          </tr>
        </thead>
        <tbody>
          ${product.features.map(
            (feature) => html`<tr>
              <th scope="row"><bdi>${feature.name}</bdi></th>
              ${product.plans.map((plan) => html`<td>${renderFeatureValue(plan.features[feature.id])}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #announcement(view: View, shown: Shown | undefined): string {
    if (view === 'loading') return msg('Loading prices…');
    if (view === 'empty') return msg('No plans to show yet.');
    if (view !== 'populated' || !shown) return '';
    const count = shown.product.plans.length;
    return plural(count, {
      zero: () => msg(str`${count} plans`, { id: 'pricing-table.count.zero' }),
      one: () => msg(str`${count} plan`, { id: 'pricing-table.count.one' }),
      two: () => msg(str`${count} plans`, { id: 'pricing-table.count.two' }),
      few: () => msg(str`${count} plans`, { id: 'pricing-table.count.few' }),
      many: () => msg(str`${count} plans`, { id: 'pricing-table.count.many' }),
      other: () => msg(str`${count} plans`, { id: 'pricing-table.count.other' }),
    });
  }
}

/** Included, not included (an icon with its words for screen readers), or the plan's own value ("10 GB"). */
function renderFeatureValue(value: boolean | string | undefined) {
  if (typeof value === 'string') return html`<bdi>${value}</bdi>`;
  return value
    ? html`<span class="yes" aria-hidden="true">✓</span><span class="visually-hidden">${msg('Included')}</span>`
    : html`<span class="no" aria-hidden="true">—</span><span class="visually-hidden">${msg('Not included')}</span>`;
}

const counts = new Map<string, Intl.NumberFormat>();

/** A whole number in the element's locale (one cached formatter per locale). */
function formatCount(count: number, locale: string): string {
  let format = counts.get(locale);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat();
    }
    counts.set(locale, format);
  }
  return format.format(count);
}

/** "17 %" in the element's locale. */
function formatPercent(share: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  } catch {
    return `${Math.round(share * 100)}%`;
  }
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** Currency names in the element's language (`Intl.DisplayNames`, cached per locale); null where the engine has none. */
function currencyNames(locale: string): Intl.DisplayNames | null {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(locale, { type: 'currency' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return names;
}

/** "US Dollar (USD)". */
function currencyLabel(names: Intl.DisplayNames | null, code: string): string {
  const name = names?.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}
