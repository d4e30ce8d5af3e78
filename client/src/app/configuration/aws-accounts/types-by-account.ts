import type { Account } from '@shared/catalogue/account';
import { accountOfType } from '@shared/catalogue/account-of-type';
import type { EnvironmentType } from '@shared/catalogue/environment-type';

/** The names of the environment types each account serves, by account number, in name order. */
export function typesByAccount(
  accounts: readonly Account[],
  types: readonly EnvironmentType[],
): ReadonlyMap<string, readonly string[]> {
  const byAccount = new Map<string, string[]>(accounts.map((a) => [a.AccountNumber, []]));
  for (const type of [...types].sort((a, b) => a.EnvironmentType.localeCompare(b.EnvironmentType))) {
    const account = accountOfType(type.Value, accounts);
    if (account) {
      byAccount.get(account.AccountNumber)?.push(type.EnvironmentType);
    }
  }
  return byAccount;
}
