import { msg } from '@lit/localize';

/** A section of the portal: what it is called, what the token needs to see it, and its elements' code. */
export interface PortalSection {
  id: PortalSectionId;
  label: () => string;
  /** The capability the token needs (the section's main element reads with it); null: any token. */
  capability: string | null;
  /** Registers the section's elements: loaded the first time the section is shown. */
  load: () => Promise<unknown>;
}

export const PORTAL_SECTION_IDS = [
  'overview',
  'invoices',
  'payments',
  'payment-methods',
  'licenses',
  'addons',
  'usage',
  'credits',
  'transactions',
  'addresses',
  'profile',
  'users',
] as const;
export type PortalSectionId = (typeof PORTAL_SECTION_IDS)[number];

/**
 * Every section, in the navigation's order. Each `load` is a dynamic import of its elements'
 * registrations, so the portal's first view downloads the overview's elements only.
 */
export const PORTAL_SECTIONS: readonly PortalSection[] = [
  {
    id: 'overview',
    label: () => msg('Overview'),
    capability: null,
    // Balance and open invoices; the licenses have their own section (with their summary here too,
    // a host-bundled first view was 60.1 kB, over its 60 kB budget).
    load: () => Promise.all([import('../account-summary/acct-account-summary.js'), import('../invoice-list/acct-invoice-list.js')]),
  },
  {
    id: 'invoices',
    label: () => msg('Invoices'),
    capability: 'invoices:read',
    load: () => Promise.all([import('../invoice-list/acct-invoice-list.js'), import('../invoice-detail/acct-invoice-detail.js')]),
  },
  {
    id: 'payments',
    label: () => msg('Payments'),
    capability: 'invoices:read',
    load: () => Promise.all([import('../payment-history/acct-payment-history.js'), import('../pay-invoice/acct-pay-invoice.js')]),
  },
  {
    id: 'payment-methods',
    label: () => msg('Payment methods'),
    capability: 'invoices:read',
    load: () => Promise.all([import('../payment-methods/acct-payment-methods.js'), import('../autopay-toggle/acct-autopay-toggle.js')]),
  },
  {
    id: 'licenses',
    label: () => msg('Licenses'),
    capability: null,
    load: () => Promise.all([import('../license-summary/acct-license-summary.js'), import('../license-purchase/acct-license-purchase.js')]),
  },
  { id: 'addons', label: () => msg('Add-ons'), capability: null, load: () => import('../addon-list/acct-addon-list.js') },
  {
    id: 'usage',
    label: () => msg('Usage'),
    capability: 'usage:read',
    load: () => Promise.all([import('../usage-chart/acct-usage-chart.js'), import('../usage-table/acct-usage-table.js')]),
  },
  { id: 'credits', label: () => msg('Credits'), capability: 'invoices:read', load: () => import('../credit-list/acct-credit-list.js') },
  {
    id: 'transactions',
    label: () => msg('Transactions'),
    capability: 'invoices:read',
    load: () => import('../transaction-history/acct-transaction-history.js'),
  },
  { id: 'addresses', label: () => msg('Addresses'), capability: null, load: () => import('../address-book/acct-address-book.js') },
  { id: 'profile', label: () => msg('Profile'), capability: null, load: () => import('../profile/acct-profile.js') },
  { id: 'users', label: () => msg('Users'), capability: 'users:manage', load: () => import('../users/acct-users.js') },
];
