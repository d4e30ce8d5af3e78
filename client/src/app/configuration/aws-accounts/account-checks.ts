import { inject, signal } from '@angular/core';
import { problemOf } from '../../core/problem-of';
import { checkOfProblem, checkOfStatus, checking, isSettled, type AccountCheck } from './account-check';
import { AccountStatusApi } from './account-status-api';

/** The last check of each account on a page, by account number; create it in a field initializer. */
export class AccountChecks {
  private readonly api = inject(AccountStatusApi);
  private readonly checks = signal<ReadonlyMap<string, AccountCheck>>(new Map());

  /** The account's last check, or undefined when it has not been checked. */
  of(accountNumber: string): AccountCheck | undefined {
    return this.checks().get(accountNumber);
  }

  /** Checks the account, unless a check of it is under way; the outcome is kept, never thrown. */
  async check(accountNumber: string): Promise<void> {
    if (!isSettled(this.of(accountNumber))) {
      return;
    }
    this.set(accountNumber, checking);
    try {
      this.set(accountNumber, checkOfStatus(await this.api.status(accountNumber)));
    } catch (error: unknown) {
      this.set(accountNumber, checkOfProblem(problemOf(error, 'the server could not be reached.')));
    }
  }

  private set(accountNumber: string, check: AccountCheck): void {
    this.checks.update((checks) => new Map(checks).set(accountNumber, check));
  }
}
