/** Filters of the credits list: the ones that can still pay something, or all of them. */
export const CREDIT_FILTERS = ['all', 'available'] as const;
export type CreditFilter = (typeof CREDIT_FILTERS)[number];
