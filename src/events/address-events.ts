/**
 * The address book's events, apart from index.ts so that the other elements' shared code does not
 * carry them (exported from the package root like every event).
 */
import type { SavedAddress } from '../api/schemas/address.js';

const init = { bubbles: true, composed: true } as const;

export interface AddressChangeDetail {
  change: 'created' | 'updated' | 'deleted';
  /** The address's id. */
  id: string;
  /** The address after the write (absent when deleted). */
  address?: SavedAddress;
  /** The address that took over the deleted or changed one's defaults, if one was named. */
  replacementId?: string;
}

/** `acct-address-change`: an address was added, changed (fields, uses or a default) or removed. */
export class AcctAddressChangeEvent extends Event {
  static readonly type = 'acct-address-change';
  constructor(readonly detail: AddressChangeDetail) {
    super(AcctAddressChangeEvent.type, init);
  }
}
