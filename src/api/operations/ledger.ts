/**
 * The ledger, the credits and the address book, loaded together on first use: one lazy group costs
 * the first load of every page about 40 bytes gzip more than a second id in this one (the invoice
 * list page is at its budget; a group of the address book's own put it 4 bytes over), and the
 * credits' and addresses' declarations are small (the address book's cost the credit list 1 kB).
 */
import { addressOperations } from './addresses.js';
import { creditOperations } from './credits.js';
import { transactionOperations } from './transactions.js';

export const ledgerOperations = { ...transactionOperations, ...creditOperations, ...addressOperations };
