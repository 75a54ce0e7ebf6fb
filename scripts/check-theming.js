#!/usr/bin/env node
// Every part an element renders and every `--acct-*` token its styles read is in its entry of
// custom-elements.json (`cssParts`, `cssProperties`), and everything documented there is really
// used: what the element exposes is read from src/ (scripts/theming-sources.js says how). Then
// docs/theming.md, the per-element list generated from the manifest, must be current.
//
//   node scripts/check-theming.js          check (npm test)
//   node scripts/check-theming.js --write  rewrite docs/theming.md from custom-elements.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allElementSources, rel, root } from './theming-sources.js';

const manifestFile = join(root, 'custom-elements.json');
const docsFile = join(root, 'docs/theming.md');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const elements = allElementSources(manifest);
const errors = [];

const places = (set) => [...set].slice(0, 3).join(', ') + (set.size > 3 ? ` and ${set.size - 3} more` : '');

for (const { tagName, className, file, declaration, sources } of elements) {
  const where = `${className} (${rel(file)})`;
  for (const problem of sources.problems) errors.push(`${tagName}: ${problem}`);
  const parts = new Set((declaration.cssParts ?? []).map((p) => p.name));
  const tokens = new Set((declaration.cssProperties ?? []).map((p) => p.name));
  for (const [name, at] of sources.parts) {
    if (!parts.has(name)) errors.push(`${tagName}: part "${name}" is rendered (${places(at)}) but not in its cssParts: add \`@csspart ${name} - …\` to the JSDoc of ${where}`);
  }
  for (const [name, at] of sources.tokens) {
    if (!tokens.has(name)) {
      errors.push(`${tagName}: ${name} is read (${places(at)}) but not in its cssProperties: add \`@cssprop ${name} - …\` to the JSDoc of ${where}, or of the shared style sheet that reads it`);
    }
  }
  for (const name of parts) {
    if (!sources.parts.has(name)) errors.push(`${tagName}: cssParts documents "${name}", which none of its templates renders (stale \`@csspart\` in ${where})`);
  }
  for (const name of tokens) {
    if (!sources.tokens.has(name)) errors.push(`${tagName}: cssProperties documents ${name}, which none of its styles reads (stale \`@cssprop\` in ${where} or a shared style sheet)`);
  }
}

/** Decisions about the look that no manifest holds: written by hand here, kept at the end of docs/theming.md. */
const DECISIONS = [
  '## Decisions: phones, dark mode, the hosted card fields',
  '',
  '- **Phones.** Below a 30rem card, `acct-invoice-detail` shows two columns: the quantity and unit price go under the description ("8 seats at $12.00"), and the amount column is as wide as its widest figure. The pay flow\'s review lists each invoice with its due date under the number, as the select step does. Invoice numbers, dates, amounts, quantities and payment references never break (`white-space: nowrap`); where a value does not fit beside its label it goes below it, whole. Line-item periods break only at their dash.',
  '- **Rows of fields.** The fields of a row (City / State / Postal code) share their tracks (CSS subgrid): a label that wraps does not push its input below its neighbours\'.',
  '- **Checkboxes and radios.** Unchecked ones are drawn by the elements, with `--acct-color-input-border` on `--acct-color-surface`: the browser\'s dark unchecked box looks like a disabled one. Checked ones stay native, in `--acct-color-accent`.',
  '- **Hosted card fields.** The gateway\'s iframe cannot see the page\'s tokens, so `HostedFieldsTokenizer` reads them at mount from the element around the frame and passes them as URL parameters: `scheme` (`light` / `dark`), `text`, `muted`, `surface`, `border`, `focus`, `danger` (each `#rrggbb` or `#rrggbbaa`: any CSS colour, oklch() or light-dark() included, resolved by the browser to sRGB), `font` and `radius` (px). The server (`server/hosted-fields.ts`, `THEME_PARAMS`) accepts only values matching those patterns and drops the rest, so no parameter can carry CSS; the values reach the page as the query of its same-origin stylesheet, so its CSP (`default-src \'self\'`) needs no inline style. The frame gets the same `color-scheme` as the page (a different one makes the browser paint the frame opaque) and its inputs line up with the form\'s. A theme or scheme change while the form is open shows in the card fields the next time they mount.',
  '',
];

/** docs/theming.md: each element's parts and tokens, from the manifest. */
function theming() {
  const cell = (text) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  // Component tokens are named after their element (`--acct-invoice-list-*`); the rest are global.
  const isGlobal = (tagName) => (p) => !p.name.startsWith(`--${tagName}-`);
  const out = [
    '# Theming: parts and tokens of each element',
    '',
    '<!-- Generated from custom-elements.json by `node scripts/check-theming.js --write`; npm test checks it is current. -->',
    '',
    'Restyle the elements with CSS custom properties (tokens) and `::part()`. Global tokens',
    '(`--acct-color-*`, `--acct-space-*`, …) may be set on `:root` or any ancestor and change every',
    'element that uses them; component tokens (`--acct-<element>-*`) change one element. Every token',
    'falls back to a literal, so nothing needs to be set. `account-elements/themes/default.css` sets',
    'the global tokens to their defaults, as a starting point.',
    '',
    '```css',
    ':root { --acct-color-accent: #0f6e6f; --acct-radius: 10px; }',
    'acct-invoice-list::part(row) { border-block-end: 1px dotted; }',
    '```',
    '',
    'Parts of a form that an element puts in its own light DOM (`acct-payment-method-form` in',
    '`acct-payment-methods` and `acct-pay-invoice`) are the form\'s: style them on the form, e.g.',
    '`acct-payment-methods > acct-payment-method-form::part(submit-button)`.',
    '',
    'npm test (`scripts/check-theming.js`) checks that every part the templates render and every',
    'token the styles read is documented here and in `custom-elements.json`, and nothing more.',
    '',
  ];
  for (const { tagName, declaration } of elements) {
    const parts = declaration.cssParts ?? [];
    const props = declaration.cssProperties ?? [];
    if (!parts.length && !props.length) continue;
    out.push(`## \`${tagName}\``, '');
    if (parts.length) {
      out.push('| part | what |', '|---|---|', ...parts.map((p) => `| \`${p.name}\` | ${cell(p.description)} |`), '');
    }
    const own = props.filter((p) => !isGlobal(tagName)(p));
    const global = props.filter(isGlobal(tagName));
    if (own.length) {
      out.push('| token | default | what |', '|---|---|---|', ...own.map((p) => `| \`${p.name}\` | ${p.default ? `\`${cell(p.default)}\`` : ''} | ${cell(p.description)} |`), '');
    }
    if (global.length) out.push(`Global tokens: ${global.map((p) => `\`${p.name}\``).join(', ')}.`, '');
  }
  const globals = new Map();
  for (const { tagName, declaration } of elements) for (const p of (declaration.cssProperties ?? []).filter(isGlobal(tagName))) globals.set(p.name, p);
  if (globals.size) {
    out.push('## Global tokens', '', '| token | default | what |', '|---|---|---|');
    for (const p of globals.values()) out.push(`| \`${p.name}\` | ${p.default ? `\`${cell(p.default)}\`` : ''} | ${cell(p.description)} |`);
    out.push('');
  }
  out.push(...DECISIONS);
  return out.join('\n');
}

const docs = theming();
if (process.argv.includes('--write')) {
  writeFileSync(docsFile, docs);
  console.log(`check-theming: wrote ${rel(docsFile)}`);
} else {
  let current = '';
  try {
    current = readFileSync(docsFile, 'utf8');
  } catch {}
  if (current !== docs) errors.push(`${rel(docsFile)} is not what custom-elements.json says: run \`node scripts/check-theming.js --write\` and commit it`);
}

if (errors.length) {
  for (const error of errors) console.error(`check-theming: ${error}`);
  console.error(`check-theming: ${errors.length} problem(s)`);
  process.exit(1);
}
const parts = elements.reduce((n, e) => n + e.sources.parts.size, 0);
const tokens = elements.reduce((n, e) => n + e.sources.tokens.size, 0);
console.log(`check-theming: ${elements.length} elements, ${parts} parts and ${tokens} token uses, all in custom-elements.json and ${rel(docsFile)}`);
