// Type probes: small files compiled with TypeScript against the packed package. Valid uses must
// compile, and every `// @ts-expect-error` line must be an error (TypeScript reports an unused
// directive otherwise), so a probe fails both when a valid use breaks and when a wrong one passes.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const probeSource = new URL('./probes/', import.meta.url);

/** Copies the probes into the fixture; one events probe per entry of the packed package.json. */
export function writeProbes(fixture: string): { name: string; files: string[] }[] {
  const dir = join(fixture, 'probes');
  cpSync(probeSource, dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(fixture, 'node_modules/account-elements/package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  // Every entry that brings elements: the root (classes), all.js and each element's registration.
  const entries = Object.entries(pkg.exports)
    .filter(([name, target]) => typeof target === 'object' && (name === '.' || /^\.\/(all|acct-[a-z-]+)\.js$/.test(name)))
    .map(([name]) => (name === '.' ? 'account-elements' : `account-elements/${name.slice(2)}`));
  const template = readFileSync(join(dir, 'events.ts'), 'utf8');
  const probes = readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && f !== 'events.ts')
    .sort()
    .map((f) => ({ name: f, files: [join(dir, f)] }));
  for (const entry of entries) {
    const file = join(dir, `events.${entry.replace(/[^a-z0-9]+/gi, '_')}.ts`);
    writeFileSync(file, template.replaceAll('__ENTRY__', entry));
    probes.push({ name: `events with only ${entry}`, files: [file] });
  }
  return probes;
}

/** One compiler host for all probes, so lib.dom.d.ts and the framework types are parsed once. */
export function probeCompiler(fixture: string) {
  const configPath = join(fixture, 'probes', 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, join(fixture, 'probes'));
  const host = ts.createCompilerHost(options);
  const cache = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    // The probe files themselves are per program; declaration files are shared.
    if (!fileName.endsWith('.d.ts')) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (!cache.has(fileName)) cache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return cache.get(fileName);
  };
  let old: ts.Program | undefined;
  return (files: string[]): string[] => {
    const program = ts.createProgram({ rootNames: files, options, host, oldProgram: old });
    old = program;
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(fixture.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  };
}

/** The number of `@ts-expect-error` directives in a probe (each one is a wrong use that must fail). */
export const expectedErrors = (file: string, directive = /@ts-expect-error/g) => (readFileSync(file, 'utf8').match(directive) ?? []).length;
