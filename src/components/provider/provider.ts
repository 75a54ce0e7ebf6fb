import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { AccountApi } from '../../api/account-api.js';
import { accountContext, type AccountSettings } from '../../api/context.js';
import type { CardTokenizer } from '../../api/tokenizer.js';
import type { TokenSource } from '../../api/http-api.js';
import { consumeTokenAttribute, HttpConnection, PublicHttpConnection } from '../../api/lazy-http-api.js';
import { applyLocale } from '../../core/localization.js';
import { hasStringifiedApi, lateRegistrationConsoleMessage, lateRegistrationMessage } from '../../core/error-view.js';
// Types only: every element's events on GlobalEventHandlersEventMap, in every entry's declarations.
import '../../events/global-events.js';

/**
 * Configures every account element inside it: where the API is, how to authenticate, and the
 * locale. Renders only its children.
 *
 * @summary Gives the elements inside it an API connection and a locale.
 * @slot - The account elements (any depth, through shadow roots too).
 * @fires acct-auth-expired - The token was refused even after `getToken()`: sign the user in again.
 */
@localized()
export class AcctProvider extends LitElement {
  /** Base URL of the host API, e.g. `https://app.example.com/api/billing`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /**
   * Bearer token. The `token` attribute is read once and removed from the DOM, so the token does
   * not stay in the page's markup; prefer the `getToken` property.
   */
  @property({ attribute: false }) token?: string;

  /** Returns a token (sync or async); called first when there is no `token`, and again after a 401. */
  @property({ attribute: false }) getToken?: TokenSource;

  /** Any AccountApi (custom backend, `MemoryAccountApi`); wins over `api-base`. */
  @property({ attribute: false }) api?: AccountApi;

  /** BCP 47 locale for strings, numbers and dates (`en`, `de-DE`); defaults to the page's `lang`. */
  @property({ reflect: true }) locale?: string;

  /**
   * Your card tokenizer (Stripe Elements, Adyen, ...): card fields come from your payment
   * provider and only a token reaches your API. See `CardTokenizer`.
   */
  @property({ attribute: false }) cardTokenizer?: CardTokenizer;

  /**
   * Allow the built-in test-gateway card form, which sends card numbers to your API. It is used
   * only when the server's gateway also declares `accepts_raw_card_data` (the reference server's
   * test gateway). Never set it in production.
   */
  @property({ type: Boolean, attribute: 'allow-raw-card-data' }) allowRawCardData = false;

  @provide({ context: accountContext })
  @state()
  protected settings: AccountSettings = {};

  readonly #http = new HttpConnection(this);
  readonly #public = new PublicHttpConnection(this);
  #reportedLate = false;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'token'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!consumeTokenAttribute(this, name, value)) super.attributeChangedCallback(name, old, value);
  }

  /** The AccountApi the elements inside use. */
  get resolvedApi(): AccountApi | undefined {
    return this.settings.api;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update always publishes settings: an unconfigured provider must still tell its
    // elements what is missing, and again in the new language when the catalogue changes.
    const configProblem = this.#configProblem();
    if (
      !this.hasUpdated ||
      configProblem !== this.settings.configProblem ||
      changed.has('api') ||
      changed.has('apiBase') ||
      changed.has('token') ||
      changed.has('locale') ||
      changed.has('getToken') ||
      changed.has('cardTokenizer') ||
      changed.has('allowRawCardData')
    ) {
      const api = this.#resolveApi();
      this.settings = {
        api,
        // A marketing page's provider may have api-base alone: the pricing table still loads.
        publicApi: api ? undefined : this.#public.api,
        locale: this.locale,
        configProblem,
        cardTokenizer: this.cardTokenizer,
        allowRawCardData: this.allowRawCardData,
      };
    }
    // First render too: a provider without `locale` on a <html lang="de"> page must show German strings.
    if (!this.hasUpdated || changed.has('locale')) void applyLocale(this.locale || document.documentElement.lang);
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #configProblem(): string | undefined {
    if (this.api) return undefined;
    if (hasStringifiedApi(this)) {
      if (!this.#reportedLate) console.error(lateRegistrationConsoleMessage(this.localName));
      this.#reportedLate = true;
      return lateRegistrationMessage(this.localName);
    }
    if (!this.apiBase) return msg('The account provider has no API address. Set its api-base attribute, or its api property.');
    if (!this.token && !this.getToken) return msg('The account provider has no credentials. Set its token attribute or getToken property.');
    return undefined;
  }

  #resolveApi(): AccountApi | undefined {
    // One connection for every element inside: they share its cache and in-flight requests.
    return this.api ?? this.#http.api;
  }
}
