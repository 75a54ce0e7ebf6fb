#!/usr/bin/env node
/**
 * The layers of src/ import one way: components → core → api (events and locales beside them).
 * `src/api` is the contract and the HTTP client; it must not import `src/core` (the elements'
 * machinery) or a component, and `src/core` must not import a component. A cycle between the
 * folders makes every lazy chunk drag the other half in, and the contract unusable on its own.
 * Exits 1 and lists the offending imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
/** What each folder may not import. */
const FORBIDDEN = { api: ['core', 'components'], core: ['components'], events: ['core', 'components'] };

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const problems = [];
let checked = 0;
for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
  for (const file of files(join(src, layer))) {
    checked++;
    const text = readFileSync(file, 'utf8');
    for (const [, staticSpecifier, dynamicSpecifier] of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = staticSpecifier ?? dynamicSpecifier;
      if (!specifier?.startsWith('.')) continue;
      const target = relative(src, resolve(dirname(file), specifier)).split(/[\\/]/)[0];
      if (forbidden.includes(target)) problems.push(`${relative(root, file)} imports ${specifier} (src/${layer} must not import src/${target})`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`layers: ${checked} files of src/api, src/core and src/events import only downwards`);
