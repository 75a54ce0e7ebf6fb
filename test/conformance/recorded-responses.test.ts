/// <reference types="node" />
/**
 * R23: every response the server gave in the server and end-to-end tests conforms to
 * `openapi.json` — the operation exists, the status is documented for it, the content type and the
 * body match. `npm test` (scripts/test.js) runs those suites with ACCT_RESPONSE_LOG set, so every
 * server they start appends each /api response to that file, then runs this check over all of them.
 *
 * Not operations, so not checked: the test-only routes (`/__test/*`), the document itself, and the
 * answers to paths or methods the document does not have (404 not_found, 405 with Allow, CORS
 * preflights), which conformance.test.ts and the CORS tests check on their own.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { RecordedResponse } from '../../server/app.js';
import { conformanceErrors, documentedPath } from '../server/openapi-conformance.js';

const log = process.env.ACCT_RESPONSE_LOG;

test('every response of the server and end-to-end tests conforms to openapi.json', { skip: !log && 'run through `npm test` (it sets ACCT_RESPONSE_LOG)' }, () => {
  assert.ok(log && existsSync(log), `no responses were recorded in ${log}`);
  const records = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedResponse);
  const counts = { checked: 0, testRoutes: 0, document: 0, noOperation: 0 };
  const failures = new Map<string, number>();
  const operations = new Set<string>();
  for (const record of records) {
    if (record.path.startsWith('/__test/')) counts.testRoutes++;
    else if (record.path === '/openapi.json') counts.document++;
    else if (!documentedPath(record.path) || record.status === 405 || record.method === 'OPTIONS') counts.noOperation++;
    else {
      counts.checked++;
      operations.add(`${record.method} ${documentedPath(record.path)} ${record.status}`);
      for (const error of conformanceErrors(record)) failures.set(error, (failures.get(error) ?? 0) + 1);
    }
  }
  console.log(
    `conformance: ${counts.checked} responses checked against openapi.json (${operations.size} operation × status pairs); ` +
      `not operations: ${counts.noOperation} (unknown path, 405, CORS preflight), ${counts.testRoutes} test-only, ${counts.document} the document`,
  );
  assert.ok(counts.checked > 1000, `only ${counts.checked} responses were recorded`);
  assert.deepEqual([...failures].map(([error, n]) => `${n}× ${error}`), []);
});
