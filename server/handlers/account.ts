import type { accountOperations } from '../../src/api/operations/account.js';
import { readAccount, setAutopay } from '../payments.js';
import type { Handlers } from '../routes.js';
import type { HandlerContext } from './context.js';

export function accountHandlers({ db, sweep }: HandlerContext): Handlers<typeof accountOperations> {
  return {
    async getAccount({ claims }) {
      await sweep.beforeRead();
      return readAccount(db, claims.account_id, claims.role);
    },
    setAutopay: ({ claims, body }) => setAutopay(db, claims.account_id, claims.role, body),
  };
}
