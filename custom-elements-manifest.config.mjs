import { readFileSync } from 'node:fs';

/**
 * Custom Elements Manifest (`npm run analyze` → custom-elements.json): what Storybook's controls
 * and docs, editors and lit-analyzer read. Generated from the elements' JSDoc headers
 * (@summary @slot @csspart @cssprop @cssstate @fires) and their Lit properties.
 */

/** `AcctPayRequestEvent` → `acct-pay-request`, read from the typed events' `static readonly type`. */
function eventNamesByClass() {
  const source = readFileSync(new URL('./src/events/index.ts', import.meta.url), 'utf8');
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
 * appears once with its name, description and class.
 */
function typedEventsPlugin() {
  const names = eventNamesByClass();
  return {
    name: 'account-elements-typed-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const merged = new Map();
          for (const event of declaration.events) {
            const name = event.name ?? names.get(event.type?.text);
            if (!name) continue;
            merged.set(name, { ...merged.get(name), ...event, ...merged.get(name), name });
          }
          declaration.events = [...merged.values()];
        }
      }
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
  plugins: [typedEventsPlugin()],
};
