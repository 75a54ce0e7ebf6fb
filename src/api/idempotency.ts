/**
 * A fresh Idempotency-Key for one user intent (one click on Pay, one Save). Here rather than in
 * http-api.ts so elements can make keys without pulling in the HTTP client (ky, zod).
 */
export function newIdempotencyKey(): string {
  return randomUuid();
}

/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts (https, localhost): a demo
 * opened at `http://192.168.…` has only `crypto.getRandomValues`, which is as random.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
