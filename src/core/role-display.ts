import { msg } from '@lit/localize';

/**
 * The seed roles' names in the page's language (the server's `name` is one language); a host's own
 * role shows the name its server gives, or its id.
 */
export function roleName(id: string, serverName?: string | null): string {
  switch (id) {
    case 'admin':
      return msg('Administrator');
    case 'billing_viewer':
      return msg('Billing viewer');
    case 'basic':
      return msg('Basic');
    case 'scheduler':
      return msg('Scheduler');
    default:
      return serverName || id;
  }
}

/**
 * What a capability lets a user do, in plain words in the page's language (the users element
 * explains each role with these). A capability this library does not know shows its id.
 */
export function capabilityText(id: string): string {
  switch (id) {
    case 'invoices:read':
      return msg('See invoices and payments');
    case 'invoices:pay':
      return msg('Pay invoices');
    case 'payments:partial':
      return msg('Pay part of an invoice');
    case 'payment_methods:manage':
      return msg('Add and remove payment methods');
    case 'autopay:manage':
      return msg('Turn automatic payment on or off');
    case 'licenses:purchase':
      return msg('Buy licenses');
    case 'addons:manage':
      return msg('Enable and disable add-ons');
    case 'usage:read':
      return msg('See usage');
    case 'addresses:manage':
      return msg('Manage billing and shipping addresses');
    case 'users:manage':
      return msg('Invite, change and remove users');
    default:
      return id;
  }
}
