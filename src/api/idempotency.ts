/**
 * A fresh Idempotency-Key for one user intent (one click on Pay, one Save). Here rather than in
 * http-api.ts so elements can make keys without pulling in the HTTP client (ky, zod).
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
