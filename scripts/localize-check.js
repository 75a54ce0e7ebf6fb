#!/usr/bin/env node
// Fails when
// - a msg() string in src/ has no translation for a target locale (de, fr, es, ja, ar),
// - a translation's placeholders differ from its source's,
// - a built catalogue (src/locales/<locale>.ts, locale-codes.ts) differs from what
//   `npm run localize:build` makes from the XLIFF now,
// - src/core/localization.ts has no lazy loader for a target locale,
// - the hosted card fields page (server/hosted-fields.ts LABELS, server/hosted-fields-client.ts
//   MESSAGES) lacks a language of the elements, or a language lacks a key that English has.
//
// Reads messages with lit-localize's own analyzer (the same one `npm run localize:extract` uses),
// so a msg() added without re-running extract is caught too. Writes nothing.
//
//   node scripts/localize-check.js            # exit 1 and a list of what is missing
//   npm run localize:extract                  # then translate the new <trans-unit>s in xliff/
//   npm run localize:build                    # regenerates src/locales/
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
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

// The built catalogues must be exactly what a build makes now (a changed translation, not only a
// new one, needs npm run localize:build). Build into a temporary folder and compare.
if (placeholderErrors.length === 0) {
  const scratch = mkdtempSync(join(tmpdir(), 'localize-check-'));
  try {
    const output = { ...config.output, outputDir: scratch, localeCodesModule: join(scratch, 'locale-codes.ts') };
    await new RuntimeLitLocalizer({ ...config, output }).build();
    const outputDir = resolve(config.output.outputDir);
    for (const file of [...config.targetLocales.map((locale) => `${locale}.ts`), 'locale-codes.ts']) {
      const built = resolve(outputDir, file);
      let current = '';
      try {
        current = readFileSync(built, 'utf8');
      } catch {
        // missing: reported below
      }
      if (current !== readFileSync(join(scratch, file), 'utf8')) {
        problems.push(`${relative(process.cwd(), built)} is not what the XLIFF builds now; run npm run localize:build`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Each catalogue is loaded by its own static import() in the loaders table (its own chunk).
const localization = readFileSync(resolve('src/core/localization.ts'), 'utf8');
for (const locale of config.targetLocales) {
  const loader = new RegExp(`^\\s*'?${locale}'?: \\(\\) => import\\('\\.\\./locales/${locale}\\.js'\\),`, 'm');
  if (!loader.test(localization)) problems.push(`src/core/localization.ts: no loader for "${locale}" (${locale}: () => import('../locales/${locale}.js'))`);
}

/** The keys of each language in the object literal `const <name> = { en: {…}, de: {…} }` of a file. */
function languageTable(file, name) {
  const source = ts.createSourceFile(file, readFileSync(resolve(file), 'utf8'), ts.ScriptTarget.Latest, true);
  let table;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer && ts.isObjectLiteralExpression(node.initializer)) table = node.initializer;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!table) return undefined;
  const keyOf = (property) => (ts.isIdentifier(property.name) ? property.name.text : property.name.text ?? property.name.getText());
  return new Map(
    table.properties.filter(ts.isPropertyAssignment).map((language) => [
      keyOf(language),
      ts.isObjectLiteralExpression(language.initializer) ? language.initializer.properties.filter(ts.isPropertyAssignment).map(keyOf).sort() : [],
    ]),
  );
}

// The hosted card fields page speaks every language the elements do, with the same keys.
const languages = [config.sourceLocale, ...config.targetLocales];
for (const [file, name] of [['server/hosted-fields.ts', 'LABELS'], ['server/hosted-fields-client.ts', 'MESSAGES']]) {
  const table = languageTable(file, name);
  if (!table) {
    problems.push(`${file}: no object literal ${name} found`);
    continue;
  }
  const english = table.get(config.sourceLocale) ?? [];
  for (const language of languages) {
    const keys = table.get(language);
    if (!keys) {
      problems.push(`${file}: ${name} has no "${language}"`);
      continue;
    }
    const missing = english.filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !english.includes(key));
    if (missing.length > 0) problems.push(`${file}: ${name}.${language} lacks ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`${file}: ${name}.${language} has keys English does not: ${extra.join(', ')}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`localize-check: ${problems.length} problem(s) in ${messages.length} messages`);
  process.exit(1);
}
console.log(
  `localize-check: ${messages.length} messages, all translated for ${config.targetLocales.join(', ')}; catalogues current; hosted fields in ${languages.join(', ')}`,
);
