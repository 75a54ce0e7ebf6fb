/**
 * How the list's inline details get their element (`acct-invoice-detail`) on first use. Set by the
 * list's registration file (`acct-invoice-list.ts`) to a dynamic import of the detail's, so that a
 * page with the list alone downloads the detail only when a row is opened.
 *
 * Not set in all.js, which registers the detail itself: a dynamic import of the detail in the graph
 * of a bundle that also imports it statically made a host's bundler (Vite 8) split lit, the core and
 * the elements' shared code out of the page's first file into several (every element on one page:
 * 73.4 → 71.1 kB gzip, 7 → 5 files, without it).
 *
 * A host that registers the classes itself (from the package root) registers `acct-invoice-detail`
 * too, or imports `account-elements/acct-invoice-detail.js`, for `inline-detail`.
 */
export const detailElementLoader: { load?: () => Promise<unknown> } = {};
