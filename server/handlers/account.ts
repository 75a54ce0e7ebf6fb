import type { accountOperations } from '../../src/api/operations/account.js';
import type { billingWriteOperations } from '../../src/api/operations/billing-writes.js';
import type { profileOperations } from '../../src/api/operations/profile.js';
import { readAccount, readAccountProfile, setAutopay } from '../payments.js';
import type { Handlers } from '../routes.js';
import type { HandlerContext } from './context.js';

export function accountHandlers({ db, sweep }: HandlerContext): Handlers<typeof accountOperations & Pick<typeof billingWriteOperations, 'setAutopay'> & typeof profileOperations> {
  return {
    async getAccount({ claims }) {
      await sweep.beforeRead();
      return readAccount(db, claims.account_id, claims.role);
    },
    setAutopay: ({ claims, body }) => setAutopay(db, claims.account_id, claims.role, body),
    getAccountProfile: ({ claims }) => readAccountProfile(db, claims.account_id),
  };
}
