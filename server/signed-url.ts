/// <reference types="node" />
/**
 * Signed, expiring links (the invoice `pdf_url`): the link itself is the credential, so a plain
 * `<a download>` works without a bearer token, and a leaked link stops working when it expires.
 *
 * signature = base64url(HMAC-SHA256(secret, "<path>\n<expires>")), where <path> is the path with
 * its own query (if any) in URLSearchParams' canonical form, and <expires> is in Unix seconds.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNED_PARAMS = ['expires', 'signature'] as const;
/** Parameters a link's holder may change without a new signature: how the resource is shown, not which. */
const UNSIGNED_PARAMS = ['disposition'];

/** `pathname?query` with the query re-serialized by URLSearchParams, minus our own and the unsigned parameters. */
function canonicalPath(pathname: string, query: URLSearchParams): string {
  const rest = new URLSearchParams();
  for (const [key, value] of query) if (!(SIGNED_PARAMS as readonly string[]).includes(key) && !UNSIGNED_PARAMS.includes(key)) rest.append(key, value);
  const serialized = rest.toString();
  return serialized ? `${pathname}?${serialized}` : pathname;
}

function splitPath(path: string): { pathname: string; query: URLSearchParams } {
  const at = path.indexOf('?');
  return at < 0 ? { pathname: path, query: new URLSearchParams() } : { pathname: path.slice(0, at), query: new URLSearchParams(path.slice(at + 1)) };
}

function hmac(secret: string, canonical: string, expires: string): Buffer {
  return createHmac('sha256', secret).update(`${canonical}\n${expires}`).digest();
}

/**
 * `path?expires=<unix seconds>&signature=<base64url HMAC>` (with `&` when `path` already has a
 * query). Verify with `verifySignedPath(url.pathname, url.searchParams, secret, Date.now())`.
 */
export function signPath(path: string, secret: string, expiresAtMs: number): string {
  if (!secret) throw new Error('signPath: the secret must not be empty');
  if (!Number.isFinite(expiresAtMs) || expiresAtMs < 0) throw new RangeError(`signPath: bad expiry ${expiresAtMs}`);
  const expires = String(Math.floor(expiresAtMs / 1000));
  const { pathname, query } = splitPath(path);
  const signature = hmac(secret, canonicalPath(pathname, query), expires).toString('base64url');
  return `${path}${path.includes('?') ? '&' : '?'}expires=${expires}&signature=${signature}`;
}

/**
 * Whether `params` carry a valid, unexpired signature for `path`. `path` is the pathname (a query
 * in it is merged with the other entries of `params`, so either form works). Never throws.
 */
export function verifySignedPath(path: string, params: URLSearchParams, secret: string, nowMs: number): boolean {
  if (!secret) return false;
  const expiresValues = params.getAll('expires');
  const signatureValues = params.getAll('signature');
  if (expiresValues.length !== 1 || signatureValues.length !== 1) return false;
  const [expires] = expiresValues;
  const [signature] = signatureValues;
  if (!/^\d{1,15}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  if (nowMs >= Number(expires) * 1000) return false;
  const { pathname, query } = splitPath(path);
  for (const [key, value] of params) query.append(key, value);
  const expected = hmac(secret, canonicalPath(pathname, query), expires);
  const given = Buffer.from(signature, 'base64url');
  // Re-encoding guards against non-canonical base64url spellings of the same bytes.
  if (given.length !== expected.length || given.toString('base64url') !== signature) return false;
  return timingSafeEqual(given, expected);
}

/**
 * A signer for many links of one lifetime that signs each link once per expiry step: the expiry
 * is `now + ttlMs` rounded down to a multiple of `stepMs`, so every link to a path signed within
 * one step is the same string (same expires, same signature), and a link is valid for more than
 * `ttlMs - stepMs` and at most `ttlMs`. `sign(origin, key)` answers `origin + signPath(pathOf(key))`;
 * the links are remembered per (origin, key) for the current step only (they start over when the
 * step moves on), at most `maxEntries` of them, so a hit builds no string at all.
 */
export function cachingSigner(
  secret: string,
  ttlMs: number,
  stepMs: number,
  pathOf: (key: string) => string,
  maxEntries = 100_000,
): (origin: string, key: string, nowMs?: number) => string {
  if (!(stepMs >= 1000 && stepMs % 1000 === 0 && stepMs < ttlMs)) throw new RangeError(`cachingSigner: step ${stepMs} ms must be whole seconds, below the ${ttlMs} ms lifetime`);
  let expiresAtMs = Number.NaN;
  let size = 0;
  let byOrigin = new Map<string, Map<string, string>>();
  return (origin, key, nowMs = Date.now()) => {
    const expires = Math.floor((nowMs + ttlMs) / stepMs) * stepMs;
    if (expires !== expiresAtMs || size >= maxEntries) {
      expiresAtMs = expires;
      byOrigin = new Map();
      size = 0;
    }
    let links = byOrigin.get(origin);
    if (links === undefined) byOrigin.set(origin, (links = new Map()));
    let link = links.get(key);
    if (link === undefined) {
      link = origin + signPath(pathOf(key), secret, expires);
      links.set(key, link);
      size++;
    }
    return link;
  };
}
