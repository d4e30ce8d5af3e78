import { ChangeDetectionStrategy, Component, computed, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Account } from '@shared/catalogue/account';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { ConfigHeading } from '../config-kit/config-heading';
import { ConfigRecords } from '../config-kit/config-records';
import { ConfigStatus } from '../config-kit/config-status';
import { DeleteButton } from '../config-kit/delete-button';
import { userBlocker } from '../config-kit/user-blocker';
import { isSettled } from './account-check';
import { AccountChecks } from './account-checks';
import { typesByAccount } from './types-by-account';

/**
 * The AWS accounts the portal works in: the role it assumes in each, the environment types whose
 * environments live there, and a check that the portal reaches each; admins change them.
 */
@Component({
  selector: 'app-aws-account-list-page',
  imports: [RouterLink, MatButtonModule, ListPager, ConfigHeading, DeleteButton, ConfigStatus],
  templateUrl: './aws-account-list-page.html',
  styleUrls: ['../config-kit/config-list.scss', './aws-account-list-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AwsAccountListPage implements OnInit {
  /** The accounts, by number, and their loading, failure and delete. */
  readonly accounts = new ConfigRecords({
    resource: 'accounts',
    schema: Account,
    key: (account) => account.AccountNumber,
    noun: 'account',
  });
  /** The environment types, read to say which accounts they live in. */
  readonly types = new ConfigRecords({
    resource: 'environment-types',
    schema: EnvironmentType,
    key: (type) => type.EnvironmentType,
    noun: 'environment type',
  });
  /** The page of accounts shown. */
  readonly list = new PagedList(this.accounts.records);
  /** The environment types each account serves, by account number. */
  readonly usage = computed(() => typesByAccount(this.accounts.records(), this.types.records()));
  /** Whether the environment types were read, so an account with none is known to serve none. */
  readonly typesRead = computed(() => !this.types.loading() && this.types.problem() === null);
  /** Each account's last check. */
  readonly checks = new AccountChecks();
  /** Whether no check of the account is under way. */
  readonly isSettled = isSettled;
  /** Why the user may not change accounts, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });

  ngOnInit(): void {
    void this.accounts.load();
    void this.types.load();
  }
}
