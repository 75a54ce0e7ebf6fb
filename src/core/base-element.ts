import { isServer, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume, ContextRoot } from '@lit/context';
import { msg } from '@lit/localize';
import type { AccountApi, ResourceName } from '../api/account-api.js';
import { accountContext, type AccountSettings } from '../api/context.js';
import type { TokenSource } from '../api/http-api.js';
import { consumeTokenAttribute, HttpConnection } from '../api/lazy-http-api.js';
import { applyLocale } from './localization.js';
import { hasStringifiedApi, lateRegistrationConsoleMessage, lateRegistrationMessage } from './error-view.js';
// Types only: every element's events on GlobalEventHandlersEventMap, in every entry's declarations.
import '../events/global-events.js';

let contextRoot: ContextRoot | undefined;

/**
 * Context requests from elements that upgrade before their provider is defined would be lost;
 * a ContextRoot on the document replays them when the provider appears.
 */
function ensureContextRoot() {
  if (contextRoot || typeof document === 'undefined') return;
  contextRoot = new ContextRoot();
  contextRoot.attach(document.documentElement);
}

/** How long an element waits for a provider before it reports missing configuration. */
const CONFIG_GRACE_MS = 100;

/**
 * The thin base of every data element: finds its AccountApi (own `api` property, own
 * `api-base` + `token`, or the nearest `acct-provider`), its locale, follows invalidations of the
 * resources it shows, and exposes custom states. Behaviour beyond that lives in controllers.
 *
 * @fires acct-auth-expired - The element's own connection (`api-base`) was refused even after
 * `getToken()`: sign the user in again. (Inside a provider, the provider fires it.)
 */
export abstract class AcctElement extends LitElement {
  /** Resources this element shows; an invalidation of any of them calls `refresh()`. */
  protected static resources: readonly ResourceName[] = [];

  @consume({ context: accountContext, subscribe: true })
  @state()
  protected settings?: AccountSettings;

  /** Base URL of the host API, for a lone element without `acct-provider`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /**
   * Bearer token, for a lone element. The `token` attribute is read once and removed from the DOM
   * so the token is not left in the page's markup.
   */
  @property({ attribute: false }) token?: string;

  /** Returns a fresh token; called again after a 401 (once for all waiting requests). */
  @property({ attribute: false }) getToken?: TokenSource;

  /** Any AccountApi implementation (custom backends, tests, MemoryAccountApi). Wins over the rest. */
  @property({ attribute: false }) api?: AccountApi;

  /** Locale for this element (BCP 47); defaults to the provider's, then the page's `lang`. */
  @property({ reflect: true }) locale?: string;

  /** @internal */
  @state() protected configChecked = false;

  readonly #http = new HttpConnection(this);
  #unsubscribe?: () => void;
  #subscribedTo?: AccountApi;
  #configTimer?: ReturnType<typeof setTimeout>;
  #reportedConfig = false;
  protected readonly internals: ElementInternals = this.attachInternals();

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'token'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!consumeTokenAttribute(this, name, value)) super.attributeChangedCallback(name, old, value);
  }

  /** The AccountApi this element talks to, or undefined while it has none. */
  get resolvedApi(): AccountApi | undefined {
    if (this.api) return this.api;
    // api-base without credentials counts as missing configuration (every request would be a 401).
    return this.#http.api ?? this.settings?.api;
  }

  /** The BCP 47 locale for numbers and dates. */
  get resolvedLocale(): string {
    return (
      this.locale ||
      this.settings?.locale ||
      // Rendered on the server (SSR) the element has no page around it: `locale`, else English.
      (isServer ? 'en' : this.closest('[lang]')?.getAttribute('lang')) ||
      (typeof navigator !== 'undefined' ? navigator.language : '') ||
      'en'
    );
  }

  /** What to tell the host when there is no api, or undefined while waiting or configured. */
  protected get configError(): string | undefined {
    if (this.resolvedApi || !this.configChecked) return undefined;
    // The most specific cause first: the framework stringified the api it was given.
    if (hasStringifiedApi(this)) return lateRegistrationMessage(this.localName);
    return (
      this.settings?.configProblem ??
      msg('This element is not connected to an account. Set api-base and token, or place it inside acct-provider.')
    );
  }

  override connectedCallback(): void {
    ensureContextRoot();
    super.connectedCallback();
    // willUpdate re-subscribes to invalidations; an element moved or re-inserted needs that update.
    if (this.hasUpdated) this.requestUpdate();
    this.#configTimer = setTimeout(() => {
      this.configChecked = true;
    }, CONFIG_GRACE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#configTimer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Server rendering (SSR) has no page, catalogue or connection: the element renders what it was given.
    if (isServer) return;
    // Strings are one catalogue per page, chosen by the provider; a lone element chooses it from its
    // own `locale` or the page's `lang` (never from the browser default, which could undo a provider's).
    if (!this.settings && (changed.has('locale') || !this.hasUpdated)) {
      const explicit = this.locale || this.closest('[lang]')?.getAttribute('lang');
      if (explicit) void applyLocale(explicit);
    }
    const api = this.resolvedApi;
    if (api !== this.#subscribedTo && this.isConnected) {
      this.#unsubscribe?.();
      this.#subscribedTo = api;
      this.#unsubscribe = api?.onInvalidate((resources) => {
        const mine = (this.constructor as typeof AcctElement).resources;
        if (mine.some((r) => resources.has(r))) this.refresh();
      });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const problem = this.configError;
    if (problem && !this.#reportedConfig) {
      this.#reportedConfig = true;
      // A provider answered (settings) but has no api: the fix is on the provider, not here.
      console.error(
        hasStringifiedApi(this)
          ? lateRegistrationConsoleMessage(this.localName)
          : this.settings
            ? `<${this.localName}>: its <acct-provider> has no AccountApi. Set the provider's "api-base" attribute ` +
              `and its "token" attribute or "getToken" property, or its "api" property.`
            : `<${this.localName}>: no AccountApi. Set the "api-base" attribute and the "token" attribute or ` +
              `"getToken" property, set the "api" property, or place the element inside <acct-provider>.`,
      );
    }
  }

  /** Reloads what the element shows; called on invalidation and by Retry buttons. */
  abstract refresh(): void;

  /** Turns a custom state (`:state(loading)`) on or off. */
  protected setCustomState(name: string, on: boolean): void {
    const states = this.internals.states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Older engines accepted only `--name` identifiers.
      if (on) states.add(`--${name}`);
      else states.delete(`--${name}`);
    }
  }

  /** Message for a failed attribute value: the default is kept and the host is told once. */
  protected warnInvalid(attribute: string, value: unknown, allowed: string): void {
    // Developer-facing, so not translated.
    console.warn(`<${this.localName}>: ignored ${attribute}="${String(value)}"; expected ${allowed}. Keeping the default.`);
  }
}
