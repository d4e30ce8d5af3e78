import type { Account } from '@shared/catalogue/account';
import type { EnvironmentType } from '@shared/catalogue/environment-type';

/**
 * The account an environment type's environments live in, as the server resolves it: the first account
 * whose name is the type's `AWSAccountName` or whose number is its `AWSAccountNumber`; undefined when the
 * type names none the portal has (or none at all: then they live in the portal's own account).
 */
export function accountOfType(type: EnvironmentType, accounts: readonly Account[]): Account | undefined {
  const { AWSAccountName: name, AWSAccountNumber: number } = type.Value;
  return accounts.find((a) => a.AccountName === name || a.AccountNumber === number);
}

/** The names of the environment types each account serves, by account number, in name order. */
export function typesByAccount(
  accounts: readonly Account[],
  types: readonly EnvironmentType[],
): ReadonlyMap<string, readonly string[]> {
  const byAccount = new Map<string, string[]>(accounts.map((a) => [a.AccountNumber, []]));
  for (const type of [...types].sort((a, b) => a.EnvironmentType.localeCompare(b.EnvironmentType))) {
    const account = accountOfType(type, accounts);
    if (account) {
      byAccount.get(account.AccountNumber)?.push(type.EnvironmentType);
    }
  }
  return byAccount;
}
