/**
 * The address book's fixed words (issue 12), apart from vocabulary.ts so that the billing elements'
 * shared code does not carry them.
 */

/** What an address is for; one address may have several uses, and each use has at most one default. */
export const ADDRESS_USES = ['billing', 'shipping', 'residential'] as const;
export type AddressUse = (typeof ADDRESS_USES)[number];

/**
 * Problem `code`s of address writes that the elements explain in their own words: 409 when the
 * write would leave a use that other addresses have without its default (the problem's `uses`
 * names them; name a `replacement`); 422 when the replacement named cannot take over.
 */
export const ADDRESS_PROBLEM_CODES = ['default_needs_replacement', 'invalid_replacement'] as const;
export type AddressProblemCode = (typeof ADDRESS_PROBLEM_CODES)[number];
