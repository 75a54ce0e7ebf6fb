import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';

/** Returns the localized problem with a field's value, or undefined when it is fine. */
export type FieldValidator<N extends string> = (name: N, values: Readonly<Record<N, string>>) => string | undefined;

export interface FieldOptions {
  label: string;
  required?: boolean;
  /** A short instruction under the label (format, length), tied with aria-describedby. */
  hint?: string;
  autocomplete?: string;
  /** `numeric` fields (card number, expiry, security code, routing and account numbers) are also `dir="ltr"`: digits read left to right on a right-to-left page. */
  inputmode?: 'numeric' | 'text';
  maxlength?: number;
  /** Ids of other elements that describe the field (e.g. the card brand shown next to it). */
  describedBy?: string;
  /** Rendered right after the control (e.g. the card brand). */
  after?: TemplateResult;
}

type Host = ReactiveControllerHost & { renderRoot: ParentNode };

/**
 * Values, errors and markup of a form's native fields: labels, `aria-invalid`, errors tied with
 * `aria-describedby`, validation when the user leaves a field they changed (and again as they fix
 * one that shows an error), validation of all fields on submit, server field errors, and focus on
 * the first invalid field. Values are kept on every error, so nothing typed is ever lost.
 */
export class FormFields<N extends string> implements ReactiveController {
  values: Record<N, string>;
  errors: Partial<Record<N, string>> = {};
  readonly #host: Host;
  readonly #prefix: string;
  readonly #validate: FieldValidator<N>;
  readonly #changed = new Set<N>();

  constructor(host: Host, prefix: string, initial: Record<N, string>, validate: FieldValidator<N>) {
    this.#host = host;
    this.#prefix = prefix;
    this.values = { ...initial };
    this.#validate = validate;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The id of a field's control (ids are scoped to the host's shadow root). */
  id(name: N): string {
    return `${this.#prefix}-${name}`;
  }

  set(name: N, value: string): void {
    this.values = { ...this.values, [name]: value };
    this.#changed.add(name);
    // A field that shows an error is checked as it is corrected, so the error goes as soon as it is fixed.
    if (this.errors[name] !== undefined) this.#check(name);
    this.#host.requestUpdate();
  }

  /** Validates `names` (in order) and shows their errors; returns the first invalid one. */
  validate(names: readonly N[]): N | undefined {
    let first: N | undefined;
    for (const name of names) if (!this.#check(name) && first === undefined) first = name;
    this.#host.requestUpdate();
    return first;
  }

  /** Renders the host again (something the fields depend on arrived, such as a lazily loaded rule). */
  requestUpdate(): void {
    this.#host.requestUpdate();
  }

  /** Shows errors from elsewhere (the server's field errors). */
  setErrors(errors: Partial<Record<N, string>>): void {
    this.errors = { ...this.errors, ...errors };
    this.#host.requestUpdate();
  }

  reset(values: Record<N, string>): void {
    this.values = { ...values };
    this.errors = {};
    this.#changed.clear();
    this.#host.requestUpdate();
  }

  focus(name: N): void {
    (this.#host.renderRoot.querySelector(`#${this.id(name)}`) as HTMLElement | null)?.focus();
  }

  input(name: N, options: FieldOptions): TemplateResult {
    const id = this.id(name);
    const error = this.errors[name];
    return this.#field(
      name,
      options,
      html`<input
        id=${id}
        name=${name}
        type="text"
        .value=${live(this.values[name])}
        ?required=${options.required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(name, options) || nothing}
        autocomplete=${options.autocomplete ?? nothing}
        inputmode=${options.inputmode ?? nothing}
        dir=${options.inputmode === 'numeric' ? 'ltr' : nothing}
        maxlength=${options.maxlength ?? nothing}
        spellcheck="false"
        @input=${this.#onInput}
        @blur=${this.#onBlur}
      />`,
    );
  }

  select(name: N, options: FieldOptions, choices: ReadonlyArray<readonly [value: string, label: string]>): TemplateResult {
    const id = this.id(name);
    const error = this.errors[name];
    const value = this.values[name];
    return this.#field(
      name,
      options,
      html`<select
        id=${id}
        name=${name}
        ?required=${options.required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(name, options) || nothing}
        autocomplete=${options.autocomplete ?? nothing}
        .value=${live(value)}
        @change=${this.#onInput}
        @blur=${this.#onBlur}
      >
        ${value === '' ? html`<option value="" selected>${msg('Choose…')}</option>` : nothing}
        ${choices.map(([choice, label]) => html`<option value=${choice} ?selected=${choice === value}>${label}</option>`)}
      </select>`,
    );
  }

  /** A required checkbox; its value is `'true'` or `''`. */
  checkbox(name: N, options: FieldOptions): TemplateResult {
    const id = this.id(name);
    const error = this.errors[name];
    return html`<div class="field checkbox">
      <input
        id=${id}
        name=${name}
        type="checkbox"
        .checked=${live(this.values[name] === 'true')}
        ?required=${options.required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(name, options) || nothing}
        @change=${this.#onInput}
      />
      <label for=${id}>${options.label}</label>
      ${this.#error(name)}
    </div>`;
  }

  #field(name: N, options: FieldOptions, control: TemplateResult): TemplateResult {
    const id = this.id(name);
    return html`<div class="field">
      <label for=${id}
        >${options.label}${options.required ? nothing : html` <span class="optional">${msg('(optional)')}</span>`}</label
      >
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      <div class="control">${control}${options.after ?? nothing}</div>
      ${this.#error(name)}
    </div>`;
  }

  #error(name: N) {
    const error = this.errors[name];
    return error ? html`<p class="field-error" id="${this.id(name)}-error">${error}</p>` : nothing;
  }

  #describedBy(name: N, options: FieldOptions): string {
    const id = this.id(name);
    return [options.hint ? `${id}-hint` : '', options.describedBy ?? '', this.errors[name] ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
  }

  /** Validates one field and shows or clears its error; true when valid. */
  #check(name: N): boolean {
    const error = this.#validate(name, this.values);
    const errors = { ...this.errors };
    if (error === undefined) delete errors[name];
    else errors[name] = error;
    this.errors = errors;
    return error === undefined;
  }

  #onInput = (event: Event) => {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const value = control instanceof HTMLInputElement && control.type === 'checkbox' ? (control.checked ? 'true' : '') : control.value;
    this.set(control.name as N, value);
    // Choices (select, checkbox) are complete as soon as they change.
    if (event.type === 'change') {
      this.#check(control.name as N);
      this.#host.requestUpdate();
    }
  };

  #onBlur = (event: Event) => {
    const control = event.target as HTMLInputElement;
    const name = control.name as N;
    // Only fields the user changed: tabbing through an empty form shows no errors yet.
    if (!this.#changed.has(name)) return;
    // A focused field that a render removes is blurred in the middle of that render: it needs no check.
    queueMicrotask(() => {
      if (!control.isConnected) return;
      this.#check(name);
      this.#host.requestUpdate();
    });
  };
}
