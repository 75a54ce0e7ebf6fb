import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { isKnownRole } from '../src/api/roles.js';

/**
 * Small signed envelopes: `base64url(JSON payload) + "." + base64url(HMAC-SHA256(payload part))`.
 * Used for bearer tokens and for pagination cursors (with different purposes mixed into the key,
 * so a cursor can never pass as a token).
 */
function mac(purpose: string, secret: string, data: string): Buffer {
  return createHmac('sha256', `${purpose}:${secret}`).update(data).digest();
}

export function seal(purpose: string, secret: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(purpose, secret, body).toString('base64url')}`;
}

/** The payload of a sealed string, or undefined when it is malformed or its signature is wrong. */
export function unseal(purpose: string, secret: string, sealed: string): unknown {
  const parts = sealed.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]) || !/^[\w-]+$/.test(parts[1])) return undefined;
  const expected = mac(purpose, secret, parts[0]);
  const given = Buffer.from(parts[1], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  // One spelling per signature: base64url's last character has spare bits, and a decoder ignores them.
  if (given.toString('base64url') !== parts[1]) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const TokenPayload = z.object({
  account_id: z.string(),
  user: z.string(),
  role: z.string(),
  /** Expiry, seconds since the epoch. */
  exp: z.int(),
});
export type TokenPayload = z.infer<typeof TokenPayload>;

/** A token valid for at least `ttlSeconds` (exp is whole seconds, rounded up: a token issued late in a second is not cut short). */
export function issueToken(secret: string, claims: Omit<TokenPayload, 'exp'>, ttlSeconds: number, nowMs = Date.now()) {
  const exp = Math.ceil(nowMs / 1000) + ttlSeconds;
  return { token: seal('token', secret, { ...claims, exp }), expires_at: new Date(exp * 1000).toISOString() };
}

export type TokenCheck = { ok: true; claims: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyToken(secret: string, token: string, nowMs = Date.now()): TokenCheck {
  const parsed = TokenPayload.safeParse(unseal('token', secret, token));
  if (!parsed.success || !isKnownRole(parsed.data.role)) return { ok: false, reason: 'invalid' };
  if (parsed.data.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims: parsed.data };
}

/**
 * verifyToken for one secret, remembering the tokens that verified (their claims, frozen): a token
 * is an immutable string, so its HMAC, base64url, JSON and schema checks need running once, not on
 * every request. The expiry is checked on every call. Holds at most `maxEntries` tokens (it starts
 * over when full); a token that failed is not remembered.
 */
export type TokenVerifier = (token: string, nowMs?: number) => TokenCheck;

export function tokenVerifier(secret: string, maxEntries = 10_000): TokenVerifier {
  let valid = new Map<string, TokenPayload>();
  return (token, nowMs = Date.now()) => {
    const known = valid.get(token);
    if (known !== undefined) return known.exp * 1000 <= nowMs ? { ok: false, reason: 'expired' } : { ok: true, claims: known };
    const check = verifyToken(secret, token, nowMs);
    if (check.ok) {
      if (valid.size >= maxEntries) valid = new Map();
      valid.set(token, Object.freeze(check.claims));
    }
    return check;
  };
}
