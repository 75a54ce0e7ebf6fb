// What each element really exposes for theming, read from src/: the parts its templates render
// and the `--acct-*` tokens its styles read. Used by scripts/check-theming.js (compares with
// custom-elements.json) and by custom-elements-manifest.config.mjs (adds the tokens documented
// once on a shared style sheet, e.g. `baseStyles`, to every element that adopts it).
//
// How an element's code is found: from its class declaration, every top-level binding it refers
// to, in its own module and through imports (static and dynamic `import()`: a lazily loaded step
// still renders in the element's shadow root), transitively, anywhere in src/. A binding is
// entered whole (every template and literal inside it counts); type-only imports are not
// followed. Another element's class module is a boundary: what a nested child renders is the
// child's, unless the parent re-exports it with `exportparts`.
//
// Parts: every `part="…"` / `exportparts="…"` in a template literal or string of that code
// (expressions masked out first, so `${…}` can never hide or fake one). A value built from an
// expression (`part=${x}`, `part="row ${state}"`, `.part=${x}`) cannot be read: the enclosing
// function or method must list the names it can take in a JSDoc `@parts a b` tag (literal words
// in the value are read as usual); parts set from script (`setAttribute('part', …)`,
// `el.part.add(…)`) are refused. Tokens: every `var(--acct-…)` in those literals, CSS comments
// skipped.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// require, not import: the ESM loader would first scan all of typescript.js for its exports (~0.5 s).
const ts = createRequire(import.meta.url)('typescript');

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

const files = new Map();

/** Parsed module: its top-level bindings, imports and re-exports. */
function load(file) {
  if (files.has(file)) return files.get(file);
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const mod = { file, sf, decls: new Map(), imports: new Map(), namespaces: new Set(), reexports: new Map(), stars: [], statements: [] };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const target = resolveSpecifier(file, st.moduleSpecifier.text);
      const clause = st.importClause;
      if (!clause) {
        if (target) mod.statements.push({ sideEffect: target });
        continue;
      }
      if (clause.isTypeOnly || !target) continue;
      if (clause.name) mod.imports.set(clause.name.text, { file: target, name: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) mod.namespaces.add(bindings.name.text), mod.imports.set(bindings.name.text, { file: target, name: '*' });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) if (!el.isTypeOnly) mod.imports.set(el.name.text, { file: target, name: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isExportDeclaration(st)) {
      if (st.isTypeOnly) continue;
      const target = st.moduleSpecifier && resolveSpecifier(file, st.moduleSpecifier.text);
      if (!st.exportClause) {
        if (target) mod.stars.push(target);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          if (el.isTypeOnly) continue;
          const local = (el.propertyName ?? el.name).text;
          mod.reexports.set(el.name.text, target ? { file: target, name: local } : { local });
        }
      }
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) {
      if (st.name) mod.decls.set(st.name.text, st);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) for (const name of bindingNames(d.name)) mod.decls.set(name, d);
    } else if (!ts.isInterfaceDeclaration(st) && !ts.isTypeAliasDeclaration(st) && !ts.isModuleDeclaration(st)) {
      // Top-level code (customElements.define, expressions): runs whenever the module loads.
      mod.statements.push({ node: st });
    }
  }
  files.set(file, mod);
  return mod;
}

function bindingNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

/**
 * `../core/x.js` → src/core/x.ts; packages (lit, …) and files outside src/ are not followed, nor
 * src/api/: the HTTP client and the contract, which import nothing of src/core or the components
 * (scripts/check-layers.js) and render nothing.
 */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  if (base.startsWith(join(src, 'api') + '/')) return undefined;
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.startsWith(src) && existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return undefined;
}

const relatives = new Map();
export const rel = (file) => relatives.get(file) ?? relatives.set(file, relative(root, file)).get(file);
const line = (sf, pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;

/** Masks `${…}` (keeping newlines) and comments in a literal's source, for regexes that can only see literal text. */
function literalText(node) {
  const sf = node.getSourceFile();
  let text = sf.text.slice(node.getStart(), node.end);
  if (ts.isTemplateExpression(node)) {
    const start = node.getStart();
    const chars = text.split(''); // UTF-16 units, as node positions count
    for (const span of node.templateSpans) {
      // From `${` (two characters before the expression) to the closing `}`.
      const from = span.expression.getFullStart() - start - 2;
      const to = span.literal.getStart() - start + 1;
      for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = '\u0001';
    }
    text = chars.join('');
  }
  const blank = (m) => m.replace(/[^\n]/g, ' ');
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/<!--[\s\S]*?-->/g, blank);
}

const PART_ATTRIBUTE = /(?<![\w\-[])([.?@]?)(part|exportparts)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
const TOKEN = /var\(\s*(--acct-[\w-]+)/g;
const NAME = /^[a-z][a-z0-9-]*$/;

/** The `@parts a b` names in the JSDoc of the function or method around `node`. */
function declaredParts(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const holders = ts.isArrowFunction(n) || ts.isFunctionExpression(n) ? [n, n.parent, n.parent?.parent?.parent] : [n];
    for (const holder of holders) {
      if (!holder) continue;
      for (const tag of ts.getJSDocTags(holder)) {
        if (tag.tagName.text !== 'parts') continue;
        const comment = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '';
        // The leading names; a description may follow (`@parts title (the heading of the invoice)`).
        const words = comment.split(/[\s,]+/).filter(Boolean);
        const end = words.findIndex((w) => !NAME.test(w));
        return words.slice(0, end < 0 ? words.length : end);
      }
    }
  }
  return undefined;
}

/** Parts and tokens in one literal. */
function scanLiteral(node, found) {
  const sf = node.getSourceFile();
  const text = literalText(node);
  const start = node.getStart();
  const at = (index) => `${rel(sf.fileName)}:${line(sf, start + index)}`;
  for (const m of text.matchAll(PART_ATTRIBUTE)) {
    const [, prefix, attribute] = m;
    if (prefix === '@') continue; // an event listener named part
    const value = m[3] ?? m[4] ?? m[5];
    const where = at(m.index);
    const dynamic = prefix !== '' || value.includes('\u0001');
    const words = value.replace(/\u0001+/g, ' ').split(attribute === 'exportparts' ? ',' : /\s+/).map((w) => w.trim()).filter(Boolean);
    for (const word of words) {
      // exportparts="inner: outer": the element exposes `outer`.
      const name = attribute === 'exportparts' ? word.split(':').at(-1).trim() : word;
      if (NAME.test(name)) add(found.parts, name, where);
      else found.problems.push(`${where}: cannot read the ${attribute} name "${name}"`);
    }
    if (dynamic) {
      const names = declaredParts(node);
      if (!names) {
        found.problems.push(`${where}: ${attribute} is built from an expression; list the names it can take in a JSDoc \`@parts name …\` on the enclosing function`);
      } else {
        for (const name of names) add(found.parts, name, `${where} (@parts)`);
      }
    }
  }
  for (const m of text.matchAll(TOKEN)) add(found.tokens, m[1], at(m.index));
}

function add(map, key, where) {
  if (!map.has(key)) map.set(key, new Set());
  map.get(key).add(where);
}

const resolved = new Map();

/** A binding name through a module's re-exports and `export *`: the module and declaration it names. */
function resolveExport(file, name, seen = new Set()) {
  const key = `${file}#${name}`;
  if (resolved.has(key)) return resolved.get(key);
  if (seen.has(key)) return [];
  const result = resolveUncached(file, name, seen);
  if (seen.size === 1) resolved.set(key, result);
  return result;
}

function resolveUncached(file, name, seen) {
  const key = `${file}#${name}`;
  seen.add(key);
  const mod = load(file);
  if (name === '*') {
    const names = [...mod.decls.keys(), ...mod.reexports.keys()];
    return names.flatMap((n) => resolveExport(file, n, seen)).concat(...mod.stars.map((s) => resolveExport(s, '*', seen)));
  }
  const re = mod.reexports.get(name);
  if (re) return re.local ? lookup(mod, re.local) : resolveExport(re.file, re.name, seen);
  if (mod.decls.has(name)) return [{ file, name }];
  if (mod.imports.has(name)) return resolveExport(mod.imports.get(name).file, mod.imports.get(name).name, seen);
  return mod.stars.flatMap((s) => resolveExport(s, name, seen));
}

/** What an identifier in `mod` refers to at the top level (shadowing is ignored: over- not under-counting). */
function lookup(mod, name) {
  if (mod.decls.has(name)) return [{ file: mod.file, name }];
  const imp = mod.imports.get(name);
  if (imp) return resolveExport(imp.file, imp.name);
  return [];
}

/**
 * Everything one element renders and reads: `{ parts, tokens }` (name → set of `file:line`),
 * `problems` (unreadable parts), `cssprops` (the `@cssprop` JSDoc of the shared bindings it
 * reaches outside its class, e.g. `baseStyles`), and the files visited.
 */
export function elementSources(classFile, className, boundaries) {
  const found = { parts: new Map(), tokens: new Map(), problems: [], cssprops: [], files: new Set() };
  const entered = new Set();
  const loaded = new Set();
  const queue = [{ file: classFile, name: className }];
  const enterModule = (file) => {
    if (loaded.has(file) || (boundaries.has(file) && file !== classFile)) return;
    loaded.add(file);
    found.files.add(rel(file));
    for (const st of load(file).statements) {
      if (st.sideEffect) enterModule(st.sideEffect);
      else visit(load(file), st.node);
    }
  };
  const visit = (mod, node) => {
    const walk = (n) => {
      if (ts.isTemplateLiteral(n) || ts.isStringLiteral(n)) scanLiteral(n, found);
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !ts.isTypeReferenceNode(n.parent)) {
        queue.push(...lookup(mod, n.text));
      }
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = n.arguments[0];
        const target = arg && ts.isStringLiteralLike(arg) ? resolveSpecifier(mod.file, arg.text) : undefined;
        if (arg && !ts.isStringLiteralLike(arg)) found.problems.push(`${rel(mod.file)}:${line(mod.sf, n.getStart())}: import() of a computed specifier cannot be followed`);
        // A lazily loaded module: all of it can be used (destructured, passed around).
        if (target && !boundaries.has(target)) enterModule(target), queue.push(...resolveExport(target, '*'));
      }
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        const method = n.expression.name.text;
        const first = n.arguments[0];
        const onPart = ts.isPropertyAccessExpression(n.expression.expression) && n.expression.expression.name.text === 'part';
        if ((/^(set|toggle)Attribute$/.test(method) && first && ts.isStringLiteralLike(first) && /^(part|exportparts)$/.test(first.text)) || (onPart && /^(add|toggle|replace)$/.test(method))) {
          found.problems.push(`${rel(mod.file)}:${line(mod.sf, n.getStart())}: a part set from script is not checked; render it with part="…" in a template`);
        }
      }
      // `class X extends AcctElement`: the base class is code, not a type.
      if (ts.isExpressionWithTypeArguments(n) && ts.isHeritageClause(n.parent) && n.parent.token === ts.SyntaxKind.ExtendsKeyword) return walk(n.expression);
      if (ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return;
      ts.forEachChild(n, walk);
    };
    walk(node);
  };
  while (queue.length) {
    const { file, name } = queue.shift();
    const key = `${file}#${name}`;
    if (entered.has(key) || (boundaries.has(file) && file !== classFile)) continue;
    entered.add(key);
    enterModule(file);
    const mod = load(file);
    const decl = mod.decls.get(name);
    if (!decl) continue;
    if (!(file === classFile && name === className)) found.cssprops.push(...cssPropsOf(decl));
    visit(mod, decl);
  }
  return found;
}

/** `@cssprop [--name=default] - Description` lines of a declaration's JSDoc, as manifest entries. */
export function cssPropsOf(decl) {
  const holder = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  const docs = ts.getJSDocCommentsAndTags(holder).filter(ts.isJSDoc);
  const out = [];
  for (const doc of docs) {
    const text = doc.getText().replace(/^\s*\/?\*+\/?/gm, '');
    for (const m of text.matchAll(/@cssprop(?:erty)?\s+(?:\[([^\]=]+)(?:=([^\]]*))?\]|(\S+))(?:\s+-)?\s+([^\n]*)/g)) {
      const entry = { description: m[4].trim(), name: (m[1] ?? m[3]).trim() };
      if (m[2] !== undefined) entry.default = m[2].trim();
      out.push(entry);
    }
  }
  return out;
}

/** The elements of a manifest: tag, class, its module and declaration. */
export function manifestElements(manifest) {
  const out = [];
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) out.push({ tagName: declaration.tagName, className: declaration.name, file: join(root, mod.path), declaration });
    }
  }
  return out;
}

/** Each element's sources, keyed by module path + class name. */
export function allElementSources(manifest) {
  const elements = manifestElements(manifest);
  const boundaries = new Set(elements.map((e) => e.file));
  return elements.map((element) => ({ ...element, sources: elementSources(element.file, element.className, boundaries) }));
}
