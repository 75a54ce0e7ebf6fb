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
