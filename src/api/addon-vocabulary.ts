/**
 * The add-ons contract's fixed words (issue 11), apart from vocabulary.ts so that the billing
 * elements' shared code does not carry them.
 */

/**
 * `enabled` (on and billed), `disabled`, or `pending`: the change was made and the product is
 * still carrying it out (`pending_action` says which). Unknown states render with their raw word.
 */
export const KNOWN_ADDON_STATES = ['enabled', 'disabled', 'pending'] as const;
export type KnownAddonState = (typeof KNOWN_ADDON_STATES)[number];
export type AddonState = KnownAddonState | (string & {});

/** How an add-on is billed: per month, per year (with the contract term), once, or per unit used. */
export const ADDON_BILLING = ['monthly', 'yearly', 'one_time', 'per_use'] as const;
export type AddonBilling = (typeof ADDON_BILLING)[number];

export const ADDON_ACTIONS = ['enable', 'disable'] as const;
export type AddonAction = (typeof ADDON_ACTIONS)[number];

/**
 * Problem `code`s of add-on changes that the elements explain in their own words: 409 when the
 * preview expired (a fresh one comes in the problem's `preview`) or the add-on's state changed
 * since it was made; 422 for a preview that does not exist or is for another add-on or action.
 */
export const ADDON_PROBLEM_CODES = ['preview_expired', 'addon_state_changed', 'preview_not_found', 'preview_mismatch'] as const;
export type AddonProblemCode = (typeof ADDON_PROBLEM_CODES)[number];
