#!/usr/bin/env node
// Fails when the committed custom-elements.json no longer matches the source: regenerates it
// (the same command as `npm run analyze`) and compares. The regenerated file is left in place,
// ready to commit.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const file = new URL('../custom-elements.json', import.meta.url);
const before = readFileSync(file, 'utf8');
execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'inherit' });
const after = readFileSync(file, 'utf8');
if (before !== after) {
  console.error('check-manifest: custom-elements.json was out of date with src/; it has been regenerated — commit it.');
  process.exit(1);
}
console.log('check-manifest: custom-elements.json matches src/');
