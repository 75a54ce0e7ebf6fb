/**
 * The ledger and the credits, loaded together on first use: one lazy group costs the first load
 * of every page about 40 bytes gzip more than a second id in this one (the invoice list page is at
 * its budget), and the credits' declarations are small.
 */
import { creditOperations } from './credits.js';
import { transactionOperations } from './transactions.js';

export const ledgerOperations = { ...transactionOperations, ...creditOperations };
