import { noChange, nothing, type ElementPart } from 'lit';
import { directive, Directive, PartType, type DirectiveResult, type PartInfo } from 'lit/directive.js';

/** CSS property names as in a stylesheet (`height`, `inset-inline-start`, `--_x`) and their values. */
export type CssomStyles = Readonly<Record<string, string>>;

/**
 * Dynamic inline styles for strict-CSP hosts: `<div ${cssomStyle({ height: '120px' })}>`.
 *
 * A `style=${…}` binding (lit's `styleMap` included, which writes the attribute on its first
 * render) is a `style` attribute from the template, and a page with `style-src 'self'` and no
 * `'unsafe-inline'` (`style-src-attr`) blocks it: the element loses the style (a windowing gap
 * collapses). Properties set through the CSSOM (`element.style.setProperty`) are not blocked, so
 * this directive sets exactly those, and removes the ones a later render leaves out. Only for
 * styles the element itself owns on that element.
 */
class CssomStyleDirective extends Directive {
  #previous = new Map<string, string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssomStyle() must be used on an element: <div ${cssomStyle({...})}>');
  }

  render(_styles: CssomStyles): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [styles]: [CssomStyles]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous.keys()) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) {
      if (this.#previous.get(name) !== value) style.setProperty(name, value);
    }
    this.#previous = new Map(Object.entries(styles));
    return noChange;
  }
}

/** `cssomStyle(styles)`: see CssomStyleDirective. */
export const cssomStyle = directive(CssomStyleDirective) as (styles: CssomStyles) => DirectiveResult<typeof CssomStyleDirective>;
