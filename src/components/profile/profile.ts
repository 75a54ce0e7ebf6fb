import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { formatCalendarDate } from '../../core/dates.js';
import { addDaysToDate } from '../../core/license-display.js';
import { roleName } from '../../core/role-display.js';
import { safeContactUrl } from '../../core/safe-url.js';
import { toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { AccountProfile } from '../../api/schemas/account-profile.js';
import type { LicenseOverview } from '../../api/schemas/license.js';
import { AcctErrorEvent } from '../../events/index.js';
import { profileStyles } from './profile.styles.js';

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'populated'; account: Account; profile: AccountProfile; licenses: LicenseOverview | undefined; licensesFailed: boolean; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'populated'] as const;

/**
 * The account's profile, read only: the company, the account number, the contact details, the
 * host's administrator who set the account up, the token's role, and the licenses at a glance
 * (product, plan, licenses in use and being set up, the renewal). Changes go through the host:
 * the last line says so, with the host's contact — the `contact` slot when the host fills it, else
 * a link to `contact-url`, else to the account's `contact_url` (https, same origin or `mailto:`
 * only; any other link is left out).
 *
 * The facts come from `GET /account/profile` (the role and the contact from `GET /account`), the
 * licenses from `GET /licenses`; a fact the server leaves out is left out (no empty rows). The licenses are a part of their own: if they fail to load, the profile is
 * still shown, with a Retry for them. Phone numbers and e-mail addresses are text, not links: a
 * profile is for reading. It reloads by itself when the account or the licenses change.
 *
 * @summary The account's profile, read only, with the host's contact for changes.
 *
 * @slot contact - The host's contact for changes, in place of the default link.
 *
 * @csspart base - The card around everything.
 * @csspart heading - The "Profile" heading.
 * @csspart facts - The list of company, account number, contacts, administrator, role and customer since.
 * @csspart licenses - The licenses block.
 * @csspart license - One license row.
 * @csspart licenses-error - The message (with Retry) when the licenses did not load.
 * @csspart contact - The paragraph with the host's contact for changes.
 * @csspart contact-link - The default contact link.
 * @csspart error - The error or missing-configuration message.
 * @csspart retry-button - The Retry button in an error.
 *
 * @cssprop [--acct-profile-background=light-dark(#ffffff, #15181d)] - Card background.
 * @cssprop [--acct-profile-padding=1.5rem] - Inner padding of the card.
 *
 * @cssstate loading - The profile is loading (skeleton, `aria-busy`), or reloading with the facts kept.
 * @cssstate populated - The profile is shown.
 * @cssstate error - Loading the account failed; a message with Retry is shown.
 * @cssstate unconfigured - No API: set `api-base` + `token`, `api`, or use `acct-provider`.
 *
 * @fires {AcctErrorEvent} acct-error - Loading the account or the licenses failed.
 */
@localized()
export class AcctProfile extends AcctElement {
  static override styles = [baseStyles, profileStyles];
  protected static override resources: readonly ResourceName[] = ['account', 'licenses'];

  /** The host's contact for changes; wins over the account's `contact_url`. */
  @property({ attribute: 'contact-url' }) contactUrl?: string;

  /** The heading's level (1–6) for the host page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The failures last reported with `acct-error`, so each is reported once. */
  #reported = new Set<unknown>();

  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  #profile = new ApiTask(this, { load: (api, options) => api.getAccountProfile(options) });
  #licenses = new ApiTask(this, { load: (api, options) => api.listLicenses(options) });

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    for (const state of STATES) {
      this.setCustomState(state, state === 'loading' ? view.kind === 'loading' || (view.kind === 'populated' && view.refreshing) : state === view.kind);
    }
    for (const task of [this.#account, this.#profile, this.#licenses]) {
      if (task.failed && !this.#reported.has(task.error)) {
        this.#reported.add(task.error);
        this.dispatchEvent(new AcctErrorEvent({ error: toApiError(task.error) }));
      }
    }
  }

  /** Reloads the profile and the licenses from the server. */
  refresh(): void {
    this.#account.reload();
    this.#profile.reload();
    this.#licenses.reload();
  }

  #onRetry = (): void => this.refresh();
  #onRetryLicenses = (): void => this.#licenses.reload();

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    const account = this.#account;
    const profile = this.#profile;
    if (account.failed) return { kind: 'error', error: account.error };
    if (profile.failed) return { kind: 'error', error: profile.error };
    const licenses = this.#licenses;
    // The first showing waits for the licenses too (or their failure), so nothing pops in.
    if (!account.value || !profile.value || (licenses.value === undefined && !licenses.failed)) return { kind: 'loading' };
    return {
      kind: 'populated',
      account: account.value,
      profile: profile.value,
      licenses: licenses.failed ? undefined : licenses.value,
      licensesFailed: licenses.failed,
      refreshing: account.pending || profile.pending || licenses.pending,
    };
  }

  #level(): number {
    return Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
  }

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'loading':
        return html`<section part="base" class="card" aria-label=${msg('Profile')} aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading profile…')}</p>
          <div class="skeleton-block" aria-hidden="true">
            <span class="skeleton short"></span>
            <span class="skeleton"></span>
            <span class="skeleton"></span>
            <span class="skeleton short"></span>
          </div>
        </section>`;
      case 'populated':
        return this.#renderProfile(view);
    }
  }

  #renderProfile(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    const { account, profile } = view;
    const locale = this.resolvedLocale;
    const contact = safeContactUrl(this.contactUrl) ?? safeContactUrl(account.contact_url);
    const admin = profile.provisioned_by;
    const fact = (label: string, value: TemplateResult | string | null | undefined) =>
      value ? html`<div><dt>${label}</dt><dd>${typeof value === 'string' ? html`<bdi>${value}</bdi>` : value}</dd></div>` : nothing;
    return html`<section part="base" class="card" aria-labelledby="heading" aria-busy=${view.refreshing ? 'true' : 'false'}>
      <div role="heading" aria-level=${this.#level()} class="heading" part="heading" id="heading">${msg('Profile')}</div>
      <dl part="facts" class="facts">
        ${fact(msg('Company'), profile.company)}
        ${fact(msg('Account number'), profile.account_number)}
        ${fact(msg('Billing e-mail'), profile.email)}
        ${fact(msg('Phone'), profile.phone ? html`<bdi dir="ltr">${profile.phone}</bdi>` : undefined)}
        ${fact(
          msg('Set up by'),
          admin?.name
            ? html`<bdi>${admin.name}</bdi>${admin.email ? html` <span class="secondary"><bdi>${admin.email}</bdi></span>` : nothing}`
            : undefined,
        )}
        ${fact(msg('Your role'), roleName(account.role))}
        ${fact(msg('Customer since'), profile.created_on ? formatCalendarDate(profile.created_on, locale) : undefined)}
      </dl>
      ${this.#renderLicenses(view)}
      <p part="contact" class="muted">
        ${msg('To change these details, contact your account manager.')}
        <slot name="contact"
          >${contact ? html`<a class="link" part="contact-link" href=${contact}>${msg('Contact your account manager')}</a>` : nothing}</slot
        >
      </p>
    </section>`;
  }

  #renderLicenses(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    const locale = this.resolvedLocale;
    const level = Math.min(6, this.#level() + 1);
    const heading = html`<div role="heading" aria-level=${level} class="subheading">${msg('Licenses')}</div>`;
    if (view.licensesFailed) {
      return html`<div part="licenses" class="licenses-block">
        ${heading}
        <p part="licenses-error" role="alert">
          ${msg('The licenses could not be loaded.')}
          <button type="button" class="button" part="retry-button" @click=${this.#onRetryLicenses}>${msg('Retry')}</button>
        </p>
      </div>`;
    }
    const overview = view.licenses!;
    const term = overview.term;
    return html`<div part="licenses" class="licenses-block">
      ${heading}
      ${overview.licenses.length === 0
        ? html`<p class="muted">${msg('This account has no licenses yet.')}</p>`
        : html`<ul class="licenses">
            ${overview.licenses.map(
              (license) => html`<li part="license" class="license">
                <span><bdi>${license.product_name}</bdi> · <bdi class="muted">${license.plan_name}</bdi></span>
                <span>
                  ${msg(str`${license.quantity} in use`)}${license.pending_quantity > 0
                    ? html` · ${msg(str`${license.pending_quantity} being set up`)}`
                    : nothing}
                </span>
              </li>`,
            )}
          </ul>`}
      ${term
        ? html`<p class="muted">
            ${term.auto_renews
              ? msg(str`Renews on ${formatCalendarDate(term.end, locale)}`)
              : msg(str`Ends on ${formatCalendarDate(addDaysToDate(term.end, -1), locale)}`)}
          </p>`
        : nothing}
    </div>`;
  }
}
