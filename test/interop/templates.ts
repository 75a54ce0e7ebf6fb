// The built templates: both builds minify the text of our html`…` and css`…` templates
// (minifyTemplates in vite.config.ts). A line break followed by indentation left in a template's text
// means that step stopped running; a host's bundler would ship it to every page as it is.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const jsFiles = (dir: string, skip: (file: string) => boolean) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !skip(f))
    .sort()
    .map((f) => join(dir, f));

const excerpt = (text: string, at: number) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));

/**
 * The npm build (readable code, Lit external, so the tags keep their names): the text of every
 * tagged template up to its first expression or end. Returns how many were read and the offenders.
 */
export function indentedNpmTemplates(dist: string): { templates: number; indented: string[] } {
  let templates = 0;
  const indented: string[] = [];
  for (const file of jsFiles(dist, (f) => f.startsWith('cdn/'))) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\b(?:html|svg|css)(?:\$\d+)?`([^`]*?)(?=`|\$\{)/gi)) {
      templates++;
      const at = match[1].search(/\n[ \t]+/);
      if (at >= 0) indented.push(`${relative(dist, file)}: ${excerpt(code, match.index + at)}`);
    }
  }
  return { templates, indented };
}

/**
 * The CDN build (minified: code has no indentation, so a line that starts with spaces or a tab is
 * inside a string or template). Returns how many files were read and the offenders.
 */
export function indentedCdnLines(cdn: string): { files: number; indented: string[] } {
  const files = jsFiles(cdn, () => false);
  const indented: string[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\n[ \t]+\S/g)) indented.push(`${relative(cdn, file)}: ${excerpt(code, match.index)}`);
  }
  return { files: files.length, indented };
}
