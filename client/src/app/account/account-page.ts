import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthSession } from '../core/auth-session';
import { ApiTokens } from './api-tokens';
import { GrantsTable } from '../home/grants-table';

/** The signed-in user's account: name, groups, teams, grants in plain words, and personal API tokens. */
@Component({
  selector: 'app-account-page',
  imports: [GrantsTable, ApiTokens],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  /** The signed-in user. */
  readonly user = inject(AuthSession).user;
}
