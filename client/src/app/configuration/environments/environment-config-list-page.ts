import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Environment } from '@shared/catalogue/environment';
import { AuthSession } from '../../core/auth-session';
import { ConfigProblem } from '../config-kit/config-problem';
import { ConfigRecords } from '../config-kit/config-records';
import { editBlocker } from '../config-kit/edit-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';

/**
 * The environments' settings (type, owning team, deployment map, alerts, freeze windows), filterable by type
 * and team; each is changed by those with `edit-environments` for its team and type.
 */
@Component({
  selector: 'app-environment-config-list-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ConfigProblem,
    ListPager,
  ],
  templateUrl: './environment-config-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentConfigListPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The environments and their loading, failure and delete. */
  readonly environments = new ConfigRecords({
    resource: 'environments',
    schema: Environment,
    key: (environment) => environment.EnvironmentName,
    noun: 'environment',
  });
  /** The environment type shown, or '' for all. */
  readonly typeFilter = signal('');
  /** The owning team shown, or '' for all. */
  readonly teamFilter = signal('');

  /** The environment types present, for the filter. */
  readonly types = computed(() => distinct(this.environments.records().map((e) => e.Value.EnvironmentType)));
  /** The owning teams present, for the filter. */
  readonly teams = computed(() => distinct(this.environments.records().map((e) => e.Value.OwningCluster)));
  /** The environments that pass both filters, paged. */
  readonly list = new PagedList(this.environments.records, {
    where: (e) =>
      (this.typeFilter() === '' || e.Value.EnvironmentType === this.typeFilter()) &&
      (this.teamFilter() === '' || e.Value.OwningCluster === this.teamFilter()),
  });
  /** Why the user may not create any environment, or null when they may create some. */
  readonly createBlocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'edit-environments', scope: {} }),
  );

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

  /** Opens the form for a new environment. */
  async create(): Promise<void> {
    if (this.createBlocker() === null) {
      await this.router.navigate(['/configuration/environments/new']);
    }
  }

  /** Deletes an environment after confirmation. */
  async remove(environment: Environment): Promise<void> {
    if (this.blocker(environment) === null) {
      await this.environments.remove(environment);
    }
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
