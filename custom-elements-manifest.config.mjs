import { readdirSync, readFileSync } from 'node:fs';
import { allElementSources } from './scripts/theming-sources.js';

/**
 * Custom Elements Manifest (`npm run analyze` → custom-elements.json): what Storybook's controls
 * and docs, editors and lit-analyzer read. Generated from the elements' JSDoc headers
 * (@summary @slot @csspart @cssprop @cssstate @fires) and their Lit properties.
 */

/** `AcctPayRequestEvent` → `acct-pay-request`, read from the typed events' `static readonly type` (every file of src/events/). */
function eventNamesByClass() {
  const dir = new URL('./src/events/', import.meta.url);
  const source = readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(new URL(file, dir), 'utf8'))
    .join('\n');
  const names = new Map();
  for (const [, className, body] of source.matchAll(/export class (\w+) extends Event \{([\s\S]*?)\n\}/g)) {
    const type = /static readonly type = '([^']+)'/.exec(body);
    if (type) names.set(className, type[1]);
  }
  return names;
}

/**
 * The analyzer records `dispatchEvent(new AcctXEvent())` as an event with a type but no name,
 * next to the named `@fires` entry. Name it from the event class and merge the two, so each event
 * appears once with its name, description and class; a `@fires` entry without `{Type}` gets its
 * class from the same table.
 */
function typedEvents(declaration, classByName, nameByClass) {
  if (!declaration.events) return;
  const merged = new Map();
  for (const event of declaration.events) {
    const name = event.name ?? nameByClass.get(event.type?.text);
    if (!name) continue;
    merged.set(name, { ...merged.get(name), ...event, ...merged.get(name), name });
  }
  for (const event of merged.values()) {
    if (!event.type && classByName.has(event.name)) event.type = { text: classByName.get(event.name) };
  }
  declaration.events = [...merged.values()];
}

/**
 * Attributes the elements handle themselves (`token`, read once and removed) come from
 * `observedAttributes` without a description: link them to the property of the same name.
 */
function describeAttributes(declaration) {
  for (const attribute of declaration.attributes ?? []) {
    if (attribute.description) continue;
    const field = declaration.members?.find((m) => m.kind === 'field' && m.name === (attribute.fieldName ?? attribute.name));
    if (!field?.description) continue;
    attribute.description = field.description;
    attribute.fieldName ??= field.name;
    attribute.type ??= field.type;
  }
}

/** `#private` and `private` members are not API: they stay out of the manifest. */
function dropPrivateMembers(declaration) {
  if (!declaration.members) return;
  declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
}

/**
 * The global tokens (`--acct-color-*`, `--acct-space-*`, …) are documented once, with `@cssprop`
 * on the shared style sheet that reads them (`baseStyles`, `formStyles` in src/core): each element
 * that adopts a sheet gets its tokens in `cssProperties`, after its own, with the same words
 * everywhere. What an element adopts is read from its code (scripts/theming-sources.js, which
 * scripts/check-theming.js also uses to check every element's parts and tokens).
 */
function sharedCssProperties(manifest) {
  for (const { declaration, sources } of allElementSources(manifest)) {
    const own = new Set((declaration.cssProperties ?? []).map((p) => p.name));
    const shared = sources.cssprops.filter((p) => !own.has(p.name) && own.add(p.name));
    if (shared.length) declaration.cssProperties = [...(declaration.cssProperties ?? []), ...shared];
  }
}

function accountElementsPlugin() {
  const nameByClass = eventNamesByClass();
  const classByName = new Map([...nameByClass].map(([className, name]) => [name, className]));
  return {
    name: 'account-elements',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order the file system returns them: sort, so the
      // committed manifest is the same on every machine (npm test compares it).
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          typedEvents(declaration, classByName, nameByClass);
          describeAttributes(declaration);
          dropPrivateMembers(declaration);
        }
      }
      sharedCssProperties(customElementsManifest);
    },
  };
}

export default {
  // The base element is analysed too, so the attributes every element inherits from it
  // (api-base, locale) appear on each element.
  globs: ['src/components/**/*.ts', 'src/core/base-element.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.styles.ts'],
  // The analyzer joins a CLI --outdir onto the cwd even when absolute; '.' keeps the manifest at the root.
  outdir: '.',
  litelement: true,
  // package.json already names the manifest; do not let the analyzer rewrite that file.
  packagejson: false,
  plugins: [accountElementsPlugin()],
};
