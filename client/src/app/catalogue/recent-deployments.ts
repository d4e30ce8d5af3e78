import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Deployment } from '@shared/deployments/deployment';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { DeploymentsApi } from '../deployments/deployments-api';

/** How many of the service's deployments the page shows; the history page has the rest. */
export const RECENT_DEPLOYMENTS = 10;

/** The service's latest deployments, newest first, each linking to its page. */
@Component({
  selector: 'app-recent-deployments',
  imports: [DatePipe, RouterLink, ProblemBanner],
  templateUrl: './recent-deployments.html',
  styleUrl: './recent-deployments.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecentDeployments {
  private readonly api = inject(DeploymentsApi);

  /** The service's name. */
  readonly service = input.required<string>();

  /** The deployments found. */
  readonly deployments = signal<readonly Deployment[]>([]);
  /** Whether they are loading. */
  readonly loading = signal(true);
  /** Why they could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  constructor() {
    effect(() => {
      const service = this.service();
      untracked(() => void this.load(service));
    });
  }

  private async load(service: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const deployments = await this.api.list({ service }, RECENT_DEPLOYMENTS);
      this.deployments.set(
        [...deployments].sort((a, b) => b.Value.StartTimestamp.localeCompare(a.Value.StartTimestamp)),
      );
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The deployments could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
