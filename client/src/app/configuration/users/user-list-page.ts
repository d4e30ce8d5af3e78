import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { User } from '@shared/auth/user';
import type { ApiProblem } from '../../core/api-problem';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { userBlocker } from '../config-kit/user-blocker';
import { UsersApi } from './users-api';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { NewButton } from '../config-kit/new-button';

/** Every portal user, filterable and paged, with a way to create one. */
@Component({
  selector: 'app-user-list-page',
  imports: [ListFilter, ListPager, MatProgressBarModule, RouterLink, ProblemBanner, NewButton],
  templateUrl: './user-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserListPage implements OnInit {
  private readonly api = inject(UsersApi);

  /** The users, by name. */
  readonly users = signal<readonly User[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the list could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The users shown: filtered by name, display name, e-mail or group, and paged. */
  readonly list = new PagedList(this.users, {
    text: (u) => [u.Username, u.DisplayName, u.Email, ...u.Groups],
  });
  /** Why the signed-in user may not create users, or null. */
  readonly createBlocker = userBlocker({ action: 'admin', everywhere: true });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const users = await this.api.list();
      this.users.set([...users].sort((a, b) => a.Username.localeCompare(b.Username)));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The users could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
