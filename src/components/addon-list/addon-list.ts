import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ReloadPoll } from '../../core/reload-poll.js';
import { dialogStyles } from '../../core/dialog-styles.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import { WriteIntent } from '../../core/write-intent.js';
import { ApiError, toApiError } from '../../api/errors.js';
import { newIdempotencyKey } from '../../api/idempotency.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Addon, AddonChange, AddonPreview } from '../../api/schemas/addon.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctAddonChangeEvent } from '../../events/addon-events.js';
import { addonDialogLoader, DIALOG_HELPERS, type AddonDialogModule } from './addon-dialog-loader.js';
import { addonPriceText } from './addon-display.js';
import { addonListStyles } from './addon-list.styles.js';

const MANAGE_CAPABILITY = 'addons:manage';
const DEFAULT_POLL_MS = 5000;

type Action = 'enable' | 'disable';

/** What Confirm sends: the add-on, the change, and the preview the customer saw. */
interface ChangeBody {
  id: string;
  action: Action;
  preview_id: string;
}

/** The open confirmation: which add-on and change, its preview, and what to tell the customer. */
interface Confirming {
  addon: Addon;
  action: Action;
  preview?: AddonPreview;
  previewError?: string;
  message?: { tone: 'error' | 'warning'; text: string };
  /** The add-on changed meanwhile: nothing can be confirmed, Close only. */
  closed?: boolean;
}

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'empty' }
  | { kind: 'populated'; addons: Addon[]; canManage: boolean; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'empty', 'populated', 'readonly', 'pending', 'setup-needed', 'confirming', 'changing', 'unknown', 'session-expired'] as const;

/** The add-on's state, as a badge: enabled, disabled, or being enabled / disabled. */
function stateBadge(addon: Addon): { text: string; tone: string } {
  if (addon.state === 'enabled') return { text: msg('Enabled'), tone: 'success' };
  if (addon.state === 'disabled') return { text: msg('Disabled'), tone: 'neutral' };
  if (addon.state === 'pending') return { text: addon.pending_action === 'disable' ? msg('Being disabled') : msg('Being enabled'), tone: 'warning' };
  return { text: addon.state, tone: 'neutral' };
}

const needsSetup = (addon: Addon) => addon.state === 'enabled' && !!addon.setup && !addon.setup.complete;

/**
 * The account's add-ons, as a list or as cards (`layout`): name, description, price and how it is
 * billed, state, the setup an add-on still needs outside the product (with its link), and a
 * learn-more link. With `addons:manage`, Enable and Disable open a confirmation dialog (native
 * `<dialog>`: focus moves in and comes back to the button) with the **server's preview** of the
 * price change — what is invoiced or credited now, what later invoices change by — and Confirm
 * makes the change **exactly once** through the write-intent controller (one Idempotency-Key; an
 * unknown outcome offers only "Check again", which sends the same change). An expired preview is
 * replaced by the new price to review; an add-on changed meanwhile (another tab) says so. Every
 * element showing invoices, credits, the balance or transactions refreshes after a change. A
 * billing viewer sees the list without the buttons. While a change is pending the element asks
 * again every `poll-interval` ms.
 *
 * The dialog's content is a chunk of its own, loaded when a pointer or focus reaches Enable or
 * Disable (or when one is pressed).
 *
 * @summary Add-ons: price and billing, state, setup; Enable and Disable with a previewed price, confirmed once.
 *
 * @csspart base - The element's root container.
 * @csspart heading - The heading.
 * @csspart addons - The list of add-ons.
 * @csspart addon - One add-on (a list item).
 * @csspart name - An add-on's name.
 * @csspart description - An add-on's description.
 * @csspart price - An add-on's price and billing.
 * @csspart state - An add-on's state badge.
 * @csspart setup - The note on an enabled add-on whose outside setup is not done.
 * @csspart setup-link - Its setup link.
 * @csspart learn-more-link - An add-on's "Learn more" link.
 * @csspart enable-button - Enable on a disabled add-on.
 * @csspart disable-button - Disable on an enabled add-on.
 * @csspart readonly - The note for a token that may not change add-ons.
 * @csspart empty - The message shown when the account has no add-ons.
 * @csspart dialog - The confirmation dialog.
 * @csspart preview - The previewed price change in the dialog.
 * @csspart preview-status - The line saying the preview is being prepared or could not be made.
 * @csspart amount-now - What is invoiced or credited now.
 * @csspart confirm-button - The dialog's Enable or Disable button.
 * @csspart check-again-button - "Check again", when the change's outcome is unknown.
 * @csspart cancel-button - The dialog's Cancel (or Close) button.
 * @csspart message - A message about the change (price changed, unknown outcome, refusal).
 * @csspart error - A load error, or the missing-configuration message.
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-addon-list-gap=var(--acct-space-m, 1rem)] - Space between add-ons.
 * @cssprop [--acct-addon-list-card-width=16rem] - The narrowest a card gets in the `cards` layout.
 * @cssprop [--acct-addon-list-dialog-width=32rem] - Maximum width of the confirmation dialog.
 *
 * @cssstate loading - The add-ons are loading (or reloading with the list kept).
 * @cssstate populated - The add-ons are shown.
 * @cssstate empty - The account has no add-ons.
 * @cssstate readonly - The token may not change add-ons (`addons:manage`).
 * @cssstate pending - A change of an add-on is being carried out.
 * @cssstate setup-needed - An enabled add-on still needs its outside setup.
 * @cssstate confirming - The confirmation dialog is open.
 * @cssstate changing - The confirmed change is on its way.
 * @cssstate unknown - The change's outcome is unknown; "Check again" sends the same change.
 * @cssstate session-expired - The session expired before the change ran; it is kept.
 * @cssstate error - Loading failed.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires {AcctAddonChangeEvent} acct-addon-change - An add-on was enabled or disabled: `detail.addon`, `detail.action`, `detail.invoiceId`, `detail.creditId`.
 * @fires {AcctErrorEvent} acct-error - Loading failed, or a change was refused.
 */
@localized()
export class AcctAddonList extends AcctElement {
  static override styles = [baseStyles, dialogStyles, addonListStyles];
  protected static override resources: readonly ResourceName[] = ['addons', 'account'];

  /** `list` (rows) or `cards` (a grid of cards). */
  @property({ reflect: true }) layout: 'list' | 'cards' = 'list';

  /** Level of the heading (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** How often (ms) to ask again while a change is pending; 0 turns it off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = DEFAULT_POLL_MS;

  /** The confirmation in the dialog. @internal */
  @state() private _confirming?: Confirming;
  /** What the status line announces after a change. @internal */
  @state() private _announcement = '';

  #reported = new WeakSet<object>();
  #previewAbort?: AbortController;
  /** The open confirmation's dialog should be open (its code is here); false once it is closed. */
  #dialogWanted = false;
  /** The dialog was closed by the element, which has done what closing does. */
  #closedAtOnce = false;
  /** The button that opened the dialog, found again after the list re-renders. */
  #returnFocus?: { id: string };

  #addons = new ApiTask(this, { load: (api, options) => api.listAddons(options) });
  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  #poll = new ReloadPoll(this, () => this.pollInterval, () => this.#addons.reload());
  #dialogCode = new LazyModule<AddonDialogModule>(this, () => addonDialogLoader.load(), () => addonDialogLoader.loaded);

  /** Confirm: one key and the same bytes on every send, until the server decides. */
  #changing = new WriteIntent<ChangeBody, AddonChange>(this, {
    send: ({ id, action, preview_id }, options) => {
      const api = this.resolvedApi;
      if (!api) return Promise.reject(new ApiError('config', 'No AccountApi'));
      return action === 'enable' ? api.enableAddon(id, { preview_id }, options) : api.disableAddon(id, { preview_id }, options);
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#previewAbort?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const addons = view.kind === 'populated' ? view.addons : [];
    const pending = addons.some((a) => a.state === 'pending');
    const intent = this.#changing.state;
    const on = new Set<string>([view.kind]);
    if (view.kind === 'populated' && view.refreshing) on.add('loading');
    if (view.kind === 'populated' && !view.canManage) on.add('readonly');
    if (pending) on.add('pending');
    if (addons.some(needsSetup)) on.add('setup-needed');
    if (this._confirming) on.add('confirming');
    if (this.#changing.busy) on.add('changing');
    if (intent === 'unknown' || intent === 'session-expired') on.add(intent);
    for (const name of STATES) this.setCustomState(name, on.has(name));
    this.#poll.keep(pending && view.kind === 'populated' && !view.refreshing);
    this.#openDialog();
    if (this.#returnFocus && !this._confirming && !(view.kind === 'populated' && view.refreshing)) this.#restoreFocus();
    const errors = [this.#addons, this.#account].map((task) => (task.failed ? task.error : undefined));
    errors.push(intent === 'failed' ? this.#changing.error : undefined);
    for (const error of errors) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  /** Reloads the add-ons and the account. */
  refresh(): void {
    this.#addons.reload();
    this.#account.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => {
    if (this.#addons.failed) this.#addons.reload();
    if (this.#account.failed) this.#account.reload();
  };

  /** Pointer or focus on Enable or Disable: the dialog's code loads, unless it has. */
  #prefetchDialog = (): void => {
    if (this.#dialogCode.status === 'idle') void this.#dialogCode.request();
  };

  async #onChange(addon: Addon, action: Action): Promise<void> {
    if (this._confirming || this.#changing.busy) return;
    this.#returnFocus = { id: addon.id };
    this.#changing.reset(true);
    this._confirming = { addon, action };
    this.#requestPreview();
    const code = await (this.#dialogCode.status === 'failed' ? this.#dialogCode.retry() : this.#dialogCode.request());
    if (!code || this._confirming?.addon.id !== addon.id) return;
    this.#dialogWanted = true;
    await this.updateComplete;
    this.#openDialog();
  }

  /** Opens the dialog once its code is here and the confirmation wants it (again after any render that had none). */
  #openDialog(): void {
    const dialog = this.#dialog;
    if (this.#dialogWanted && this._confirming && dialog?.isConnected && !dialog.open) dialog.showModal();
  }

  #onRetryDialog = (addon: Addon, action: Action): void => {
    this._confirming = undefined;
    void this.#onChange(addon, action);
  };

  /** Asks the server for the change's price (a new request each time the dialog opens or Retry is pressed). */
  #requestPreview(): void {
    const confirming = this._confirming;
    const api = this.resolvedApi;
    if (!confirming || !api) return;
    this.#previewAbort?.abort();
    const abort = new AbortController();
    this.#previewAbort = abort;
    this._confirming = { ...confirming, preview: undefined, previewError: undefined };
    const { addon, action } = confirming;
    api.previewAddonChange(addon.id, { action }, { idempotencyKey: newIdempotencyKey(), signal: abort.signal }).then(
      (preview) => {
        if (this.#previewAbort !== abort || this._confirming?.addon.id !== addon.id) return;
        this._confirming = { ...this._confirming, preview };
      },
      (error: unknown) => {
        if (this.#previewAbort !== abort || this._confirming?.addon.id !== addon.id) return;
        const apiError = toApiError(error);
        if (apiError.kind === 'aborted') return;
        if (apiError.problem?.code === 'addon_state_changed') {
          this._confirming = { ...this._confirming, closed: true, message: { tone: 'warning', text: this.#changedMeanwhile(addon) } };
          this.#addons.reload();
          return;
        }
        this._confirming = { ...this._confirming, previewError: messageForError(apiError) };
      },
    );
  }

  #onConfirm = async (event: Event): Promise<void> => {
    const confirming = this._confirming;
    if (!confirming?.preview || confirming.closed || this.#changing.busy) return;
    const body: ChangeBody = { id: confirming.addon.id, action: confirming.action, preview_id: confirming.preview.id };
    this._confirming = { ...confirming, message: undefined };
    const sending = this.#changing.start(body, event.currentTarget as Element);
    if (sending) await sending.then(() => this.#afterChange());
  };

  #onCheckAgain = async (event: Event): Promise<void> => {
    const sending = this.#changing.resend(event.currentTarget as Element);
    if (sending) await sending.then(() => this.#afterChange());
  };

  /** What the change's answer means for the dialog and the list. */
  async #afterChange(): Promise<void> {
    const confirming = this._confirming;
    if (!confirming) return;
    const state = this.#changing.state;
    const { addon } = confirming;
    if (state === 'done' && this.#changing.result) {
      const change = this.#changing.result;
      this._announcement = this.#doneText(change.addon, confirming.action);
      this.dispatchEvent(new AcctAddonChangeEvent({ addon: change.addon, action: confirming.action, invoiceId: change.invoice_id, creditId: change.credit_id }));
      this.#closeDialog();
      return;
    }
    if (state === 'unknown') {
      this._confirming = { ...confirming, message: { tone: 'error', text: msg('We could not confirm whether the change went through. Check again: the same change is sent, and it is never made twice.') } };
    } else if (state === 'session-expired') {
      this._confirming = { ...confirming, message: { tone: 'error', text: msg('Your session expired before the change was made. Sign in again, then confirm: nothing was changed.') } };
    } else if (state === 'failed') {
      const error = this.#changing.error!;
      const problem = error.problem;
      if (problem?.code === 'preview_expired' && problem.preview && typeof problem.preview === 'object') {
        this.#changing.reset();
        this._confirming = {
          ...confirming,
          preview: problem.preview as AddonPreview,
          message: { tone: 'warning', text: msg('The price was computed again because the preview expired. Review it, then confirm.') },
        };
      } else if (problem?.code === 'addon_state_changed') {
        this._confirming = { ...confirming, closed: true, message: { tone: 'warning', text: this.#changedMeanwhile(addon) } };
        this.#addons.reload();
      } else {
        this._confirming = { ...confirming, message: { tone: 'error', text: messageForError(error) } };
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('dialog [part~="message"]')?.focus();
  }

  #changedMeanwhile(addon: Addon): string {
    return msg(str`${addon.name} was changed meanwhile (in another tab, or by someone else). The list shows it as it is now.`);
  }

  #doneText(addon: Addon, action: Action): string {
    if (addon.state === 'pending') return msg(str`${addon.name} is being set up. This page updates by itself.`);
    if (action === 'enable') return needsSetup(addon) ? msg(str`${addon.name} is enabled. Finish its setup to start using it.`) : msg(str`${addon.name} is enabled.`);
    return msg(str`${addon.name} is disabled.`);
  }

  #onDialogCancel = (event: Event): void => {
    // Escape closes the dialog, but not while the change is on its way.
    if (this.#changing.busy) event.preventDefault();
    else this.#dialogWanted = false;
  };

  /** The dialog's `close` event (Escape, or the `close()` of Cancel, Close and a change made). */
  #onDialogCloseEvent = (): void => {
    this.#dialogWanted = false;
    // Cancel, Close and a change made have done it at once: the event comes a task later, when
    // another add-on's dialog may already be opening.
    if (this.#closedAtOnce) {
      this.#closedAtOnce = false;
      return;
    }
    this.#onDialogClose();
  };

  #onDialogClose = (): void => {
    this.#previewAbort?.abort();
    this._confirming = undefined;
    // An unknown outcome is forgotten with the dialog: the list reloads to show what happened.
    if (this.#changing.open) this.#addons.reload();
    this.#changing.reset(true);
    void this.updateComplete.then(() => this.#restoreFocus());
  };

  #closeDialog = (): void => {
    this.#dialogWanted = false;
    const dialog = this.#dialog;
    if (dialog?.open) {
      this.#closedAtOnce = true;
      dialog.close();
    }
    this.#onDialogClose();
  };

  /** Focus back on the add-on's button; again once a reload after the change has re-rendered the list. */
  #restoreFocus(): void {
    const id = this.#returnFocus?.id;
    const view = this.#view();
    if (view.kind !== 'populated' || !view.refreshing) this.#returnFocus = undefined;
    const row = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="addon"]')].find((el) => el.dataset.id === id);
    (row?.querySelector<HTMLElement>('[part~="enable-button"], [part~="disable-button"]') ?? row?.querySelector<HTMLElement>('[part~="name"]'))?.focus();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#addons.failed) return { kind: 'error', error: this.#addons.error };
    if (this.#account.failed) return { kind: 'error', error: this.#account.error };
    const addons = this.#addons.value;
    const account = this.#account.value;
    if (!addons || !account) return { kind: 'loading' };
    if (addons.data.length === 0) return { kind: 'empty' };
    return { kind: 'populated', addons: addons.data, canManage: account.capabilities.includes(MANAGE_CAPABILITY), refreshing: this.#addons.pending || this.#account.pending };
  }

  #level(): number {
    const level = this.headingLevel;
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'loading':
        return html`<div part="base" aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading add-ons…')}</p>
          <div class="skeleton-row" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
        </div>`;
      case 'empty':
        return html`<div part="base">
          <div role="heading" aria-level=${this.#level()} class="heading" part="heading">${msg('Add-ons')}</div>
          <p class="message muted" part="empty">${msg('No add-ons are available for this account.')}</p>
        </div>`;
      case 'populated':
        return this.#renderPopulated(view);
    }
  }

  #renderPopulated(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    return html`<div part="base" aria-busy=${view.refreshing ? 'true' : 'false'}>
        <div role="heading" aria-level=${this.#level()} class="heading" part="heading">${msg('Add-ons')}</div>
        <ul part="addons" class="addons">
          ${view.addons.map((addon) => this.#renderAddon(addon, view.canManage))}
        </ul>
        ${view.canManage ? nothing : html`<p class="muted" part="readonly">${msg('You can see the add-ons, but not change them. Ask an account administrator.')}</p>`}
        <p class="visually-hidden" role="status">${this._announcement}</p>
      </div>
      ${this.#renderDialog()}`;
  }

  /** One add-on's row or card. @parts enable-button disable-button */
  #renderAddon(addon: Addon, canManage: boolean): TemplateResult {
    const locale = this.resolvedLocale;
    const nameId = `addon-${addon.id}`;
    const badge = stateBadge(addon);
    const learnMore = safeLinkUrl(addon.learn_more_url);
    const setupUrl = addon.setup ? safeLinkUrl(addon.setup.url) : undefined;
    const opening = this._confirming?.addon.id === addon.id && !this.#dialog?.open ? this.#dialogCode.status : undefined;
    const action: Action | undefined = addon.state === 'enabled' ? 'disable' : addon.state === 'disabled' ? 'enable' : undefined;
    return html`<li part="addon" class="addon" data-id=${addon.id} aria-labelledby=${nameId}>
      <div class="text">
        <p class="name" part="name" id=${nameId} tabindex="-1"><bdi>${addon.name}</bdi></p>
        <p part="description" class="muted"><bdi>${addon.description}</bdi></p>
        ${learnMore
          ? html`<p><a class="link" part="learn-more-link" href=${learnMore} aria-describedby=${nameId}>${msg('Learn more')}</a></p>`
          : nothing}
      </div>
      <div class="figures">
        <p part="price"><bdi>${addonPriceText(addon, locale)}</bdi></p>
        <p><span part="state" class="badge ${badge.tone}">${badge.text}</span></p>
        ${needsSetup(addon)
          ? html`<p part="setup" class="setup">
              ${addon.setup!.provider ? html`<bdi>${msg(str`Needs setup: connect your ${addon.setup!.provider} account.`)}</bdi>` : msg('Needs setup before it works.')}
              ${setupUrl ? html`<a class="link" part="setup-link" href=${setupUrl} aria-describedby=${nameId}>${msg('Set up')}</a>` : nothing}
            </p>`
          : nothing}
      </div>
      <div class="actions">
        ${canManage && action
          ? opening === 'failed'
            ? renderLazyStatus('failed', () => this.#onRetryDialog(addon, action))
            : html`<button
                type="button"
                class="button ${action === 'enable' ? 'primary' : ''}"
                part=${action === 'enable' ? 'enable-button' : 'disable-button'}
                aria-describedby=${nameId}
                aria-busy=${opening === 'loading' ? 'true' : 'false'}
                @pointerenter=${this.#prefetchDialog}
                @focus=${this.#prefetchDialog}
                @click=${() => void this.#onChange(addon, action)}
              >
                ${action === 'enable' ? msg('Enable') : msg('Disable')}
              </button>`
          : nothing}
      </div>
    </li>`;
  }

  #renderDialog(): TemplateResult {
    const confirming = this._confirming;
    const code = this.#dialogCode.status === 'ready' ? this.#dialogCode.value : undefined;
    const intent = this.#changing.state;
    return html`<dialog part="dialog" aria-labelledby="addon-dialog-title" aria-describedby="addon-dialog-text" @cancel=${this.#onDialogCancel} @close=${this.#onDialogCloseEvent}>
      ${confirming && code
        ? code.renderAddonDialog(
            {
              addon: confirming.addon,
              action: confirming.action,
              locale: this.resolvedLocale,
              preview: confirming.preview,
              previewLoading: !confirming.preview && !confirming.previewError,
              previewError: confirming.previewError,
              busy: this.#changing.busy,
              unknown: intent === 'unknown',
              message: confirming.message,
              closed: !!confirming.closed,
            },
            { onConfirm: this.#onConfirm, onCheckAgain: this.#onCheckAgain, onRetryPreview: () => this.#requestPreview(), onClose: this.#closeDialog },
            DIALOG_HELPERS,
          )
        : nothing}
    </dialog>`;
  }
}
