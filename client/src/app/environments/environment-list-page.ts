import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { ApiProblem } from '../core/api-problem';
import { ListFilter } from '../core/list-filter';
import { ListPager } from '../core/list-pager';
import { PagedList } from '../core/paged-list';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { EnvironmentsApi } from './environments-api';
import { OpsBadges } from './ops-badges';
import { EnvironmentScopeFilter } from './environment-scope-filter';
import { EnvironmentScope } from './environment-scope';

/** Every environment with its type, owning team and lock state, filterable by type and team. */
@Component({
  selector: 'app-environment-list-page',
  imports: [
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    OpsBadges,
    ListFilter,
    ListPager,
    EnvironmentScopeFilter,
  ],
  templateUrl: './environment-list-page.html',
  styleUrl: './environment-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentListPage implements OnInit {
  private readonly api = inject(EnvironmentsApi);

  /** The environments, once loaded. */
  readonly environments = signal<readonly OpsEnvironment[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the list could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The type and team chosen. */
  readonly scope = new EnvironmentScope(this.environments);
  /** The environments that pass the filters (typed name or description, type, team), a page at a time. */
  readonly list = new PagedList(this.environments, {
    text: (e) => [e.EnvironmentName, e.Value.Description],
    where: this.scope.matches,
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const environments = await this.api.list();
      this.environments.set(
        [...environments].sort((a, b) => a.EnvironmentName.localeCompare(b.EnvironmentName)),
      );
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The environments could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
