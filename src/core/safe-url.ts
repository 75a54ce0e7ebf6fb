import { isServer } from 'lit';

/**
 * The URL to link to, or undefined when it must not become a link: only `https:` URLs and URLs
 * of this page's own origin (relative paths) are linked, so `javascript:`, `data:` and other
 * sites' plain `http:` URLs from the server never turn into something clickable.
 *
 * Rendered on the server (SSR) there is no page yet: a relative URL (no scheme, no host) is the
 * page's own and is linked as written, an absolute one only when it is `https:`.
 */
export function safeLinkUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  if (isServer) return serverLinkUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url, location.href);
  } catch {
    return undefined;
  }
  // The protocol is checked too: `javascript:` URLs have the origin "null", as do file:// pages.
  const sameOrigin = parsed.protocol === location.protocol && parsed.origin === location.origin;
  const linkable = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && sameOrigin);
  return linkable ? parsed.href : undefined;
}

/**
 * A contact link (the account manager): what `safeLinkUrl` allows, and `mailto:` and `tel:`,
 * which open the mail or phone app and run nothing.
 */
export function safeContactUrl(url: string | null | undefined): string | undefined {
  if (url && /^(mailto|tel):[^\s<>"]+$/i.test(url.trim())) return url.trim();
  return safeLinkUrl(url);
}

/** An origin no page has: what a relative URL resolves against on the server. */
const NO_ORIGIN = 'https://relative.invalid';

function serverLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, `${NO_ORIGIN}/`);
  } catch {
    return undefined;
  }
  if (parsed.origin === NO_ORIGIN) return url;
  return parsed.protocol === 'https:' ? parsed.href : undefined;
}
