/** What an environment type says of its account. */
interface NamesAccount {
  readonly AWSAccountName?: string | undefined;
  readonly AWSAccountNumber?: string | undefined;
}

/** What an account record is known by. */
interface KnownAccount {
  readonly AccountName: string;
  readonly AccountNumber: string;
}

/**
 * The account an environment type's environments live in: the first account whose name is the type's
 * `AWSAccountName` or whose number is its `AWSAccountNumber`; undefined when the type names none of
 * `accounts` (a type that names no account at all is in the portal's own). One rule for the server,
 * which signs every AWS call of the environment for that account, and the portal's screens.
 */
export function accountOfType<A extends KnownAccount>(
  type: NamesAccount,
  accounts: readonly A[],
): A | undefined {
  const { AWSAccountName: name, AWSAccountNumber: number } = type;
  if (name === undefined && number === undefined) return undefined;
  return accounts.find((a) => a.AccountName === name || a.AccountNumber === number);
}
