/**
 * The URL to link to, or undefined when it must not become a link: only `https:` URLs and URLs
 * of this page's own origin (relative paths) are linked, so `javascript:`, `data:` and other
 * sites' plain `http:` URLs from the server never turn into something clickable.
 */
export function safeLinkUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
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
