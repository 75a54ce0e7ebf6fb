import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { isApiError, toApiError } from '../api/errors.js';

/** A user-facing sentence for an error. Never shows server HTML or stack traces. */
export function messageForError(error: unknown): string {
  const e = toApiError(error);
  switch (e.kind) {
    case 'network':
      return msg('We could not reach the server. Check your connection and try again.');
    case 'timeout':
      return msg('The server took too long to answer. Please try again.');
    case 'unauthorized':
      return msg('Your session has expired. Sign in again to continue.');
    case 'forbidden':
      return msg('You do not have permission to see this.');
    case 'not-found':
      return msg('We could not find this. It may have been removed.');
    case 'rate-limited':
      return msg('Too many requests right now. Please wait a moment and try again.');
    case 'server':
      return msg('Something went wrong on our side. Please try again.');
    case 'invalid-response':
      return msg('The server sent data we could not read. Please try again later.');
    case 'validation':
      return e.problem?.detail ?? msg('The request was not accepted.');
    case 'declined':
      return e.problem?.detail ?? msg('The payment was declined. Try another payment method.');
    case 'conflict':
      return e.problem?.detail ?? msg('This changed in the meantime. Reload and try again.');
    case 'config':
      return e.message;
    case 'aborted':
      return msg('The request was cancelled.');
  }
}

/**
 * The error state every element shows: a sentence, the request id when the server gave one (for
 * support), and Retry when a retry can help. `role="alert"` so screen readers hear it.
 */
export function renderError(error: unknown, onRetry?: () => void): TemplateResult {
  const e = isApiError(error) ? error : undefined;
  // A retry cannot fix an expired session or missing configuration; everything else may pass.
  const canRetry = onRetry && e?.kind !== 'unauthorized' && e?.kind !== 'config';
  const requestId = e?.requestId;
  return html`<div class="message error" role="alert" part="error">
    <p>${messageForError(error)}</p>
    ${requestId ? html`<p class="muted"><small>${msg(str`Reference: ${requestId}`)}</small></p>` : nothing}
    ${e?.kind === 'invalid-response' && e.path
      ? html`<p class="muted"><small>${msg(str`Unexpected value at ${e.path}`)}</small></p>`
      : nothing}
    ${canRetry
      ? html`<button class="button" part="retry-button" @click=${onRetry}>${msg('Retry')}</button>`
      : nothing}
  </div>`;
}

/** The missing-configuration state. */
export function renderConfigError(text: string): TemplateResult {
  return html`<div class="message error" role="alert" part="error"><p>${text}</p></div>`;
}

/**
 * True when the element's `api` attribute is an object's text ("[object Object]"): React 19 and Vue
 * set a prop as an attribute on an element that is not defined yet, so an element registered after
 * the framework's first render receives its AccountApi as that string and never as the property.
 */
export function hasStringifiedApi(element: Element): boolean {
  return /^\[object [^\]]*\]$/.test(element.getAttribute('api') ?? '');
}

/** The on-screen sentence for `hasStringifiedApi`: what happened and the two fixes. */
export function lateRegistrationMessage(tag: string): string {
  return msg(
    str`<${tag}> was registered after your framework rendered it, so its api was set as the text "[object Object]" instead of the object. Import the registration (account-elements/${tag}.js) before the first render, or bind api as a property.`,
  );
}

/** The console's version (for developers, in English): the cause and each framework's fix. */
export function lateRegistrationConsoleMessage(tag: string): string {
  return (
    `<${tag}>: its "api" attribute is "[object Object]". The page's framework rendered the element before ` +
    `customElements.define('${tag}') ran, so it set the AccountApi as an attribute (React 19 and Vue do this for ` +
    `elements that are not yet defined). Import 'account-elements/${tag}.js' (or 'account-elements/all.js') before ` +
    `the first render, or set api as a property: Vue ":api.prop", Angular "[api]", Svelte "{api}", or a ref ` +
    `(element.api = ...). See docs/frameworks.md.`
  );
}
