import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { parseReply } from '../../core/parse-reply';
import { AccountStatus } from '@shared/catalogue/account-status';

/** The account status URL: the account is named by its key in `/config/accounts`, its number. */
const statusOf = (accountNumber: string) =>
  `/api/v1/config/accounts/${encodeURIComponent(accountNumber)}/status`;

/** Asks the server whether the portal reaches an account with the credentials it would use there. */
@Injectable({ providedIn: 'root' })
export class AccountStatusApi {
  private readonly http = inject(HttpClient);

  /** The account's status (an `ApiProblem` 404 for an account the portal does not have). */
  async status(accountNumber: string): Promise<AccountStatus> {
    const reply = await firstValueFrom(this.http.get<unknown>(statusOf(accountNumber)));
    return parseReply(AccountStatus, reply, 'an account status');
  }
}
