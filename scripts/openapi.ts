/// <reference types="node" />
// Writes the committed openapi.json from the zod schemas: `npx tsx scripts/openapi.ts`.
// test/server/openapi.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../server/openapi.js';

export const OPENAPI_JSON_PATH = fileURLToPath(new URL('../openapi.json', import.meta.url));

/** The exact bytes of openapi.json (2-space indent, trailing newline). */
export function serializeOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_JSON_PATH, serializeOpenApiDocument());
  console.log(`wrote ${OPENAPI_JSON_PATH}`);
}
