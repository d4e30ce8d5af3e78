import { accountOfType } from '@shared/catalogue/account-of-type';
import type { Catalogue } from '../catalogue/catalogue';
import {
  accountDefinition,
  environmentDefinition,
  environmentTypeDefinition,
} from '../catalogue/definitions';
import { NotFoundError } from '../errors/domain-errors';
import type { StoredAccount } from '../catalogue/stored-values';

/** The account of `accounts` named by its AccountName or AccountNumber (NotFoundError when there is none). */
function namedIn(accounts: readonly StoredAccount[], account: string): StoredAccount {
  const found = accounts.find((a) => a.AccountName === account || a.AccountNumber === account);
  if (!found) {
    throw new NotFoundError(`account ${account} is not one of the portal's accounts (see /config/accounts)`);
  }
  return found;
}

/** The environments whose type lives in the account named (by `AccountName` or `AccountNumber`). */
export async function environmentsOfAccount(catalogue: Catalogue, account: string): Promise<Set<string>> {
  const accounts = (await catalogue.list(accountDefinition)).map((a) => a.value);
  const found = namedIn(accounts, account);
  const types = new Set(
    (await catalogue.list(environmentTypeDefinition))
      .filter((t) => accountOfType(t.value.Value, accounts)?.AccountNumber === found.AccountNumber)
      .map((t) => t.value.EnvironmentType),
  );
  const environments = await catalogue.list(environmentDefinition);
  return new Set(
    environments.filter((e) => types.has(e.value.Value.EnvironmentType)).map((e) => e.value.EnvironmentName),
  );
}

/** The environment a group is tagged with (`Environment`), as the original told a group's environment. */
export function environmentTag(
  tags: readonly { readonly Key: string; readonly Value: string }[],
): string | undefined {
  return tags.find((t) => t.Key === 'Environment')?.Value;
}
