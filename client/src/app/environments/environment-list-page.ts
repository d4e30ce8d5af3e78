import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
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

/** Every environment with its type, owning team and lock state, filterable by type and team. */
@Component({
  selector: 'app-environment-list-page',
  imports: [
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    OpsBadges,
    ListFilter,
    ListPager,
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
  /** The environment type shown, or '' for all. */
  readonly typeFilter = signal('');
  /** The owning team shown, or '' for all. */
  readonly teamFilter = signal('');

  /** The environment types present, for the filter. */
  readonly types = computed(() => distinct(this.environments().map((e) => e.Value.EnvironmentType)));
  /** The owning teams present, for the filter. */
  readonly teams = computed(() => distinct(this.environments().map((e) => e.Value.OwningCluster)));
  /** The environments that pass the filters (typed name or description, type, team), a page at a time. */
  readonly list = new PagedList(this.environments, {
    text: (e) => [e.EnvironmentName, e.Value.Description],
    where: (e) =>
      (this.typeFilter() === '' || e.Value.EnvironmentType === this.typeFilter()) &&
      (this.teamFilter() === '' || e.Value.OwningCluster === this.teamFilter()),
  });

  ngOnInit(): void {
    void this.load();
  }

  /** Shows only environments of the chosen type. */
  filterByType(event: Event): void {
    this.typeFilter.set((event.target as HTMLSelectElement).value);
    this.list.reset();
  }

  /** Shows only environments of the chosen team. */
  filterByTeam(event: Event): void {
    this.teamFilter.set((event.target as HTMLSelectElement).value);
    this.list.reset();
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

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
