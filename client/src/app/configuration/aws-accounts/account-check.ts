import type { ApiProblem } from '../../core/api-problem';
import type { AccountStatus } from '@shared/catalogue/account-status';

/** How a check of an account came out: under way, reached it, reached another account, or failed. */
export type CheckOutcome = 'checking' | 'reached' | 'other-account' | 'failed';

/** One account's last check, in plain words. */
export interface AccountCheck {
  readonly outcome: CheckOutcome;
  readonly words: string;
}

/** A check under way. */
export const checking: AccountCheck = { outcome: 'checking', words: 'Checking…' };

/** What the server's status says, in words: which account the call reached, as whom, or why it did not. */
export function checkOfStatus(status: AccountStatus): AccountCheck {
  const as = status.CallerArn ? ` as ${status.CallerArn}` : '';
  if (status.Reached) {
    return { outcome: 'reached', words: `Reached account ${status.AccountNumber}${as}.` };
  }
  if (status.CallerAccount !== null) {
    // Without a role the portal's own credentials are used: they are of the account it runs in.
    const whose = status.RoleArn === null ? " The portal's own credentials are of that account." : '';
    return {
      outcome: 'other-account',
      words: `Reached a different account: ${status.CallerAccount}${as}, not ${status.AccountNumber}.${whose}`,
    };
  }
  return {
    outcome: 'failed',
    words: `Could not reach account ${status.AccountNumber}: ${status.Error ?? 'the server gave no reason'}.`,
  };
}

/** A check the server refused or could not answer (an unknown account, the server down). */
export function checkOfProblem(problem: ApiProblem): AccountCheck {
  return { outcome: 'failed', words: `The check could not be made: ${problem.message}` };
}

/** Whether a check may be started again (none is under way). */
export function isSettled(check: AccountCheck | undefined): boolean {
  return check?.outcome !== 'checking';
}
