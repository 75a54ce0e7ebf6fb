import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ReloadPoll } from '../../core/reload-poll.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatCalendarDate } from '../../core/dates.js';
import { formatMoney } from '../../core/money.js';
import { safeContactUrl } from '../../core/safe-url.js';
import { addDaysToDate, minutesText } from '../../core/license-display.js';
import { toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { License, LicenseOverview } from '../../api/schemas/license.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctLicensePurchaseRequestEvent } from '../../events/license-events.js';
import { licenseSummaryStyles } from './license-summary.styles.js';

const PURCHASE_CAPABILITY = 'licenses:purchase';
const DEFAULT_POLL_MS = 5000;

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'empty'; contact?: string }
  | { kind: 'populated'; overview: LicenseOverview; canPurchase: boolean; contact?: string; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'empty', 'populated', 'provisioning', 'readonly'] as const;

/**
 * The account's licenses and its contract term: per product the plan, the licenses in use, those
 * bought and still being set up, the contract price of one license for the term, and the renewal
 * date. "Buy more" (with `licenses:purchase`, on self-service products) fires
 * `acct-license-purchase-request`; the host shows `acct-license-purchase` for that product.
 *
 * What is not self-service — fewer licenses, another plan, products sold by the account manager —
 * is said plainly, with the account manager's contact: the `contact` slot when the host fills it,
 * else a link to `contact-url`, else to the account's `contact_url` (https, same-origin, `mailto:`
 * or `tel:` only). While licenses are being provisioned the element asks again every
 * `poll-interval` ms until they are ready, and after any purchase (invalidation of `licenses`).
 *
 * @summary The licenses and the contract term, "Buy more", provisioning status and the account manager's contact.
 *
 * @slot contact - The account manager's contact, in place of the default link.
 *
 * @csspart base - The element's root container.
 * @csspart term - The contract term and renewal line.
 * @csspart licenses - The list of licenses.
 * @csspart license - One license (a list item).
 * @csspart quantity - A license's quantity in use.
 * @csspart pending - The licenses of a license still being provisioned.
 * @csspart status - A license's status badge.
 * @csspart buy-button - "Buy more" on a self-service license.
 * @csspart not-self-service - The note on a license sold by the account manager.
 * @csspart contact - The paragraph with the account manager's contact.
 * @csspart contact-link - The default contact link.
 * @csspart empty - The message shown when the account has no licenses.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-license-summary-row-gap=var(--acct-space-m, 1rem)] - Space between licenses.
 *
 * @cssstate loading - Licenses are loading (or reloading with the rows kept).
 * @cssstate populated - Licenses are shown.
 * @cssstate empty - The account has no licenses.
 * @cssstate provisioning - Some bought licenses are still being set up.
 * @cssstate readonly - The token may not buy licenses (`licenses:purchase`).
 * @cssstate error - Loading failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires {AcctLicensePurchaseRequestEvent} acct-license-purchase-request - "Buy more" was pressed: `detail.license`.
 * @fires {AcctErrorEvent} acct-error - Loading failed.
 */
@localized()
export class AcctLicenseSummary extends AcctElement {
  static override styles = [baseStyles, licenseSummaryStyles];
  protected static override resources: readonly ResourceName[] = ['licenses', 'account'];

  /** The account manager's contact link; wins over the account's `contact_url`. */
  @property({ attribute: 'contact-url' }) contactUrl?: string;

  /** How often (ms) to ask again while licenses are being provisioned; 0 turns it off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = DEFAULT_POLL_MS;

  /** Level of the heading (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  #reported = new WeakSet<object>();

  #licenses = new ApiTask(this, { load: (api, options) => api.listLicenses(options) });
  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  #poll = new ReloadPoll(this, () => this.pollInterval, () => this.#licenses.reload());

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const provisioning = view.kind === 'populated' && view.overview.licenses.some((l) => l.pending_quantity > 0);
    for (const name of STATES) {
      const on =
        name === 'loading'
          ? view.kind === 'loading' || (view.kind === 'populated' && view.refreshing)
          : name === 'provisioning'
            ? provisioning
            : name === 'readonly'
              ? view.kind === 'populated' && !view.canPurchase
              : view.kind === name;
      this.setCustomState(name, on);
    }
    this.#poll.keep(provisioning && view.kind === 'populated' && !view.refreshing);
    for (const error of [this.#licenses.failed ? this.#licenses.error : undefined, this.#account.failed ? this.#account.error : undefined]) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  /** Reloads the licenses and the account. */
  refresh(): void {
    this.#licenses.reload();
    this.#account.reload();
  }

  #onRetry = (): void => {
    if (this.#licenses.failed) this.#licenses.reload();
    if (this.#account.failed) this.#account.reload();
  };

  #onBuy(license: License): void {
    this.dispatchEvent(new AcctLicensePurchaseRequestEvent({ license }));
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#licenses.failed) return { kind: 'error', error: this.#licenses.error };
    if (this.#account.failed) return { kind: 'error', error: this.#account.error };
    const overview = this.#licenses.value;
    const account = this.#account.value;
    if (!overview || !account) return { kind: 'loading' };
    const contact = safeContactUrl(this.contactUrl) ?? safeContactUrl(account.contact_url);
    if (overview.licenses.length === 0) return { kind: 'empty', contact };
    return {
      kind: 'populated',
      overview,
      canPurchase: account.capabilities.includes(PURCHASE_CAPABILITY),
      contact,
      refreshing: this.#licenses.pending || this.#account.pending,
    };
  }

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'loading':
        return html`<div part="base" aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading licenses…')}</p>
          <div class="skeleton-row" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
        </div>`;
      case 'empty':
        return html`<div part="base">
          <p class="message muted" part="empty">${msg('This account has no licenses yet.')}</p>
          ${this.#renderContact(view.contact, msg('To buy licenses, contact your account manager.'))}
          <p class="visually-hidden" role="status">${msg('This account has no licenses yet.')}</p>
        </div>`;
      case 'populated':
        return this.#renderPopulated(view);
    }
  }

  #heading(text: string): TemplateResult {
    const level = Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
    return html`<div role="heading" aria-level=${level} class="heading">${text}</div>`;
  }

  #renderPopulated(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    const { overview } = view;
    const locale = this.resolvedLocale;
    const term = overview.term;
    const pending = overview.licenses.reduce((sum, l) => sum + l.pending_quantity, 0);
    const minutes = overview.ordering.provisioning_minutes;
    return html`<div part="base" aria-busy=${view.refreshing ? 'true' : 'false'}>
      ${this.#heading(msg('Licenses'))}
      ${term
        ? html`<p part="term" class="term">
            <span>${msg(str`Contract term: ${formatCalendarDate(term.start, locale)} – ${formatCalendarDate(addDaysToDate(term.end, -1), locale)}`)}</span>
            <span>${term.auto_renews
              ? msg(str`Renews on ${formatCalendarDate(term.end, locale)}`)
              : msg(str`Ends on ${formatCalendarDate(addDaysToDate(term.end, -1), locale)}`)}</span>
          </p>`
        : nothing}
      <ul part="licenses" class="licenses">
        ${overview.licenses.map((license) => this.#renderLicense(license, view.canPurchase, view.contact, term?.interval))}
      </ul>
      ${pending > 0
        ? html`<p class="pending">${msg(str`Licenses being set up can take up to ${minutesText(minutes, locale)} to appear.`)}</p>`
        : nothing}
      ${this.#renderContact(view.contact, msg('Fewer licenses, another plan or other products: your account manager can change the contract.'))}
      ${view.canPurchase
        ? nothing
        : html`<p class="muted">${msg('You can see the licenses, but not buy more. Ask an account administrator.')}</p>`}
      <p class="visually-hidden" role="status">${pending > 0 ? msg(str`Licenses being set up: ${pending}.`) : ''}</p>
    </div>`;
  }

  #renderLicense(license: License, canPurchase: boolean, contact: string | undefined, interval: string | undefined): TemplateResult {
    const locale = this.resolvedLocale;
    const price = formatMoney(license.unit_price, locale);
    const pending = license.pending_quantity > 0;
    const nameId = `license-${license.id}`;
    return html`<li part="license" class="license" aria-labelledby=${nameId}>
      <div>
        <p class="name" id=${nameId}><bdi>${license.product_name}</bdi></p>
        <p class="muted"><bdi>${license.plan_name}</bdi></p>
      </div>
      <div class="figures">
        <p part="quantity">${msg(str`${license.quantity} in use`)}</p>
        ${pending
          ? html`<p part="pending" class="pending">${msg(str`${license.pending_quantity} being set up`)}</p>`
          : nothing}
        <p class="muted">
          <bdi>${interval === 'month' ? msg(str`${price} per license per month`) : msg(str`${price} per license per year`)}</bdi>
        </p>
        <p><span part="status" class="badge ${pending ? 'warning' : 'success'}">${pending ? msg('Being set up') : msg('Active')}</span></p>
      </div>
      <div class="actions">
        ${license.self_service
          ? canPurchase
            ? html`<button type="button" class="button" part="buy-button" aria-describedby=${nameId} @click=${() => this.#onBuy(license)}>
                ${msg('Buy more')}
              </button>`
            : nothing
          : html`<p part="not-self-service" class="muted">
              ${contact
                ? html`<a class="link" href=${contact} aria-describedby=${nameId}>${msg('Sold by your account manager')}</a>`
                : msg('Sold by your account manager')}
            </p>`}
      </div>
    </li>`;
  }

  #renderContact(contact: string | undefined, sentence: string): TemplateResult {
    return html`<p part="contact" class="muted">
      ${sentence}
      <slot name="contact"
        >${contact ? html`<a class="link" part="contact-link" href=${contact}>${msg('Contact your account manager')}</a>` : nothing}</slot
      >
    </p>`;
  }
}
