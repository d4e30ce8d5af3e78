import { z } from 'zod';

/** Whether the portal reaches an AWS account as /config/accounts records it (`GET /config/accounts/{n}/status`). */
export const AccountStatus = z
  .object({
    AccountName: z.string(),
    AccountNumber: z.string(),
    RoleArn: z.string().nullable(),
    /** True only when STS says the credentials used are the recorded account's. */
    Reached: z.boolean(),
    /** The account the credentials are in (STS GetCallerIdentity), when the call got through. */
    CallerAccount: z.string().nullable(),
    CallerArn: z.string().nullable(),
    /** Why the account was not reached: AWS's error, or the other account the credentials are in. */
    Error: z.string().nullable(),
    /** The environment types that name this account (their environments' AWS calls go to it). */
    EnvironmentTypes: z.array(z.string()),
  })
  .meta({ id: 'AccountStatus' });
export type AccountStatus = z.infer<typeof AccountStatus>;
