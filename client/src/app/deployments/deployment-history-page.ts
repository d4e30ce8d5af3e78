import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { DeploymentStatus, type Deployment } from '@shared/deployments/deployment';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { DeploymentsApi, type DeploymentFilter } from './deployments-api';

/** Recent deployments, newest first, filtered by environment, service and status kept in the URL. */
@Component({
  selector: 'app-deployment-history-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './deployment-history-page.html',
  styleUrl: './deployment-history-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentHistoryPage {
  private readonly api = inject(DeploymentsApi);
  private readonly router = inject(Router);

  /** The environment filter, from the query string. */
  readonly environment = input<string>();
  /** The service filter, from the query string. */
  readonly service = input<string>();
  /** The status filter, from the query string. */
  readonly status = input<string>();

  /** The statuses one may filter by. */
  readonly statuses = DeploymentStatus.options;
  /** The deployments found. */
  readonly deployments = signal<readonly Deployment[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the list could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The filter the inputs describe; an unknown status is ignored. */
  readonly filter = computed<DeploymentFilter>(() => ({
    environment: this.environment() || undefined,
    service: this.service() || undefined,
    status: DeploymentStatus.safeParse(this.status()).data,
  }));

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => void this.load(filter));
    });
  }

  /** Puts the form's filters in the URL, which reloads the list. */
  applyFilters(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (key: string) => String(data.get(key) ?? '').trim() || null;
    void this.router.navigate(['/deployments'], {
      queryParams: { environment: value('environment'), service: value('service'), status: value('status') },
    });
  }

  private async load(filter: DeploymentFilter): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const deployments = await this.api.list(filter);
      this.deployments.set(
        [...deployments].sort((a, b) => b.Value.StartTimestamp.localeCompare(a.Value.StartTimestamp)),
      );
    } catch (error: unknown) {
      this.deployments.set([]);
      this.problem.set(problemOf(error, 'The deployments could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
