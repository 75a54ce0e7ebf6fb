import { msg } from '@lit/localize';

export type BadgeTone = 'neutral' | 'info' | 'muted' | 'success' | 'danger' | 'warning';

export interface StatusBadge {
  /** What the badge says: a translated word for known statuses, the server's own text otherwise. */
  label: string;
  /** The `.badge` modifier class from baseStyles (`neutral` uses the plain badge). */
  tone: BadgeTone;
}

/**
 * Badge for an invoice status. Unknown statuses (a server that added one) stay visible as a
 * neutral badge with the raw value, so a new status never breaks or hides an invoice.
 */
export function invoiceStatusBadge(status: string): StatusBadge {
  switch (status) {
    case 'open':
      return { label: msg('Open'), tone: 'info' };
    case 'overdue':
      return { label: msg('Overdue'), tone: 'danger' };
    case 'processing':
      return { label: msg('Processing'), tone: 'warning' };
    case 'paid':
      return { label: msg('Paid'), tone: 'success' };
    case 'void':
      return { label: msg('Void'), tone: 'muted' };
    case 'draft':
      return { label: msg('Draft'), tone: 'neutral' };
    case 'uncollectible':
      return { label: msg('Uncollectible'), tone: 'warning' };
    default:
      return { label: status, tone: 'neutral' };
  }
}
