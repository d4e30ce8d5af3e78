import { z } from 'zod';
import { AccountStatus } from '@shared/catalogue/account-status';
import type { Accounts } from '../fleet/accounts';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const ByAccount = z.strictObject({
  accountNumber: z.string().min(1).max(64).describe('the AccountNumber or AccountName'),
});

/** Whether the portal reaches each of its AWS accounts. */
export function accountRoutes(accounts: Pick<Accounts, 'status'>): Route[] {
  return [
    route<z.infer<typeof ByAccount>>({
      method: 'get',
      path: '/config/accounts/{accountNumber}/status',
      summary:
        "Whether the portal reaches the account as recorded: STS GetCallerIdentity with the account's credentials (its RoleArn assumed), and the environment types that name it",
      tags: ['Accounts'],
      auth: 'signed-in',
      params: ByAccount,
      responses: {
        200: { description: 'Reached, or why not', schema: AccountStatus },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await accounts.status(params.accountNumber) }),
    }),
  ];
}
