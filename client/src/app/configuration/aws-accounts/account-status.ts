import { z } from 'zod';

/**
 * What `GET /api/v1/config/accounts/{accountNumber}/status` answers: whether STS GetCallerIdentity, called
 * with the account's credentials (its role assumed, or the portal's own without one), reached the account
 * number recorded. Kept here until the server's schema is in `shared/`; loose, so fields it adds are kept out.
 */
export const AccountStatus = z.object({
  AccountName: z.string(),
  AccountNumber: z.string(),
  RoleArn: z.string().nullable(),
  /** True only when the caller's account is the one recorded. */
  Reached: z.boolean(),
  CallerAccount: z.string().nullable(),
  CallerArn: z.string().nullable(),
  /** Why the call failed (STS's or the role assumption's message), or null. */
  Error: z.string().nullable(),
  EnvironmentTypes: z.array(z.string()),
});
/** One account's reachability, as the server found it. */
export type AccountStatus = z.infer<typeof AccountStatus>;
