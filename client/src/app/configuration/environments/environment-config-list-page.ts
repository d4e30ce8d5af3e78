import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Environment } from '@shared/catalogue/environment';
import { AuthSession } from '../../core/auth-session';
import { ConfigRecords } from '../config-kit/config-records';
import { editBlocker } from '../config-kit/edit-blocker';
import { userBlocker } from '../config-kit/user-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { ConfigHeading } from '../config-kit/config-heading';
import { DeleteButton } from '../config-kit/delete-button';
import { EnvironmentScopeFilter } from '../../environments/environment-scope-filter';
import { EnvironmentScope } from '../../environments/environment-scope';
import { ConfigStatus } from '../config-kit/config-status';

/**
 * The environments' settings (type, owning team, deployment map, alerts, freeze windows), filterable by type
 * and team; each is changed by those with `edit-environments` for its team and type.
 */
@Component({
  selector: 'app-environment-config-list-page',
  imports: [RouterLink, ListPager, ConfigHeading, DeleteButton, EnvironmentScopeFilter, ConfigStatus],
  templateUrl: './environment-config-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentConfigListPage implements OnInit {
  private readonly user = inject(AuthSession).user;

  /** The environments and their loading, failure and delete. */
  readonly environments = new ConfigRecords({
    resource: 'environments',
    schema: Environment,
    key: (environment) => environment.EnvironmentName,
    noun: 'environment',
  });
  /** The type and team chosen. */
  readonly scope = new EnvironmentScope(this.environments.records);
  /** The environments that pass both filters, paged. */
  readonly list = new PagedList(this.environments.records, {
    where: this.scope.matches,
  });
  /** Why the user may not create any environment, or null when they may create some. */
  readonly createBlocker = userBlocker({ action: 'edit-environments', scope: {} });

  ngOnInit(): void {
    void this.environments.load();
  }

  /** Why the user may not change or delete this environment, or null when they may. */
  blocker(environment: Environment): string | null {
    return editBlocker(this.user()?.grants ?? [], {
      action: 'edit-environments',
      scope: { cluster: environment.Value.OwningCluster, environmentType: environment.Value.EnvironmentType },
    });
  }
}
