#!/usr/bin/env node
// Fails when a msg() string in src/ has no translation for a target locale, or when the built
// catalogue (src/locales/<locale>.ts) is older than the XLIFF translations.
//
// Reads messages with lit-localize's own analyzer (the same one `npm run localize:extract` uses),
// so a msg() added without re-running extract is caught too. Writes nothing.
//
//   node scripts/localize-check.js            # exit 1 and a list of what is missing
//   npm run localize:extract                  # then translate the new <trans-unit>s in xliff/
//   npm run localize:build                    # regenerates src/locales/
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import { printDiagnostics } from '@lit/localize-tools/lib/typescript.js';

const config = readConfigFileAndWriteSchema(resolve('lit-localize.json'));
const localizer = new RuntimeLitLocalizer(config);

const { messages, errors } = localizer.extractSourceMessages();
if (errors.length > 0) {
  printDiagnostics(errors);
  console.error('localize-check: lit-localize could not analyze src/ (see above)');
  process.exit(1);
}

/** Readable source text of a message: placeholders as ${…}. */
const sourceText = (message) =>
  message.contents.map((part) => (typeof part === 'string' ? part : part.untranslatable)).join('');

const { translations } = localizer.readTranslationsSync();
const problems = [];
for (const locale of config.targetLocales) {
  const translated = new Set((translations.get(locale) ?? []).map((m) => m.name));
  for (const message of messages) {
    if (!translated.has(message.name)) {
      problems.push(`${locale}: no translation for ${message.name} "${sourceText(message)}" (${relative(process.cwd(), message.file.fileName)})`);
    }
  }
  // The runtime reads the built catalogue, not the XLIFF: it must hold every translated id.
  const cataloguePath = resolve(config.output.outputDir, `${locale}.ts`);
  const catalogue = readFileSync(cataloguePath, 'utf8');
  const built = new Set([...catalogue.matchAll(/^\s*'([^']+)':/gm)].map((match) => match[1]));
  const stale = messages.filter((m) => translated.has(m.name) && !built.has(m.name));
  if (stale.length > 0) {
    problems.push(`${locale}: ${stale.length} translation(s) not in ${config.output.outputDir}/${locale}.ts; run npm run localize:build`);
  }
}

const { errors: placeholderErrors } = localizer.validateTranslations();
problems.push(...placeholderErrors);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`localize-check: ${problems.length} problem(s) in ${messages.length} messages`);
  process.exit(1);
}
console.log(`localize-check: ${messages.length} messages, all translated for ${config.targetLocales.join(', ')}`);
