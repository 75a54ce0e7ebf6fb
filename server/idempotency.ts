import type { Queryable } from './db.js';
import { HttpProblem } from './problem.js';

export interface IdempotentRequest {
  accountId: string;
  /** The Idempotency-Key header; undefined when the client sent none. */
  key: string | undefined;
  /** A digest of what the request asks for (method, path, canonical body). */
  fingerprint: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Runs a write once per (account, Idempotency-Key):
 * - first call: claims the key (a row in `running` state, unique per account and key), runs, stores the response;
 * - same key and fingerprint later: the stored response, `replayed: true`, without running again;
 * - same key, different fingerprint: 422; same key while the first call still runs: 409;
 * - no key: 400. A `run` that throws releases the key, so the client may retry with it.
 * The unique constraint decides the race, so this holds across server processes on one database.
 */
export async function withIdempotency(
  db: Queryable,
  request: IdempotentRequest,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const { accountId, key, fingerprint } = request;
  if (key === undefined || key === '') {
    throw new HttpProblem(400, 'idempotency_key_missing', 'This request needs an Idempotency-Key header.', [
      { field: 'Idempotency-Key', message: 'required', code: 'required' },
    ]);
  }
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new HttpProblem(400, 'validation_failed', `Idempotency-Key is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, [
      { field: 'Idempotency-Key', message: 'too long', code: 'too_long' },
    ]);
  }
  const claimed = await db.query(
    `INSERT INTO idempotency_keys (key, account_id, fingerprint, status) VALUES ($1, $2, $3, 'running')
     ON CONFLICT (account_id, key) DO NOTHING RETURNING key`,
    [key, accountId, fingerprint],
  );
  if (claimed.length === 0) {
    const [existing] = await db.query<{ fingerprint: string; status: string; response_status: number | null; response_body: unknown }>(
      'SELECT fingerprint, status, response_status, response_body FROM idempotency_keys WHERE account_id = $1 AND key = $2',
      [accountId, key],
    );
    if (!existing) {
      // The first call failed and released the key between our insert and select: the client retries.
      throw new HttpProblem(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is in progress; retry shortly.', undefined, {
        'Retry-After': '1',
      });
    }
    if (existing.fingerprint !== fingerprint) {
      throw new HttpProblem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.', [
        { field: 'Idempotency-Key', message: 'already used for a different request', code: 'reused' },
      ]);
    }
    if (existing.status !== 'done') {
      throw new HttpProblem(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is in progress; retry shortly.', undefined, {
        'Retry-After': '1',
      });
    }
    return { status: existing.response_status ?? 200, body: existing.response_body, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await db.query('DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2', [accountId, key]);
    throw error;
  }
  await db.query(
    `UPDATE idempotency_keys SET status = 'done', response_status = $3, response_body = $4 WHERE account_id = $1 AND key = $2`,
    [accountId, key, response.status, JSON.stringify(response.body ?? null)],
  );
  return { ...response, replayed: false };
}
