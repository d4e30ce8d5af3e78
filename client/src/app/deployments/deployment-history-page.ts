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
import { DeploymentsApi, type DeploymentFilter, type DeploymentPage } from './deployments-api';
import { instantOfLocalDateTime, toLocalDateTime } from '../core/local-date-time';

/** An ISO 8601 instant from the query string, or undefined when it is not one. */
function instant(value: string | undefined): string | undefined {
  const time = value ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Deployments, newest first, filtered by environment, service, status, user and time range, all kept in
 * the URL; further pages come from the server's cursor with "Load more".
 */
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
  // a newer filter makes the replies of older requests stale
  private generation = 0;

  /** The environment filter, from the query string. */
  readonly environment = input<string>();
  /** The service filter, from the query string. */
  readonly service = input<string>();
  /** The status filter, from the query string. */
  readonly status = input<string>();
  /** Who requested the deployments, from the query string. */
  readonly user = input<string>();
  /** The earliest start (ISO 8601), from the query string. */
  readonly since = input<string>();
  /** The latest start (ISO 8601), from the query string. */
  readonly until = input<string>();

  /** The statuses one may filter by. */
  readonly statuses = DeploymentStatus.options;
  /** The deployments read so far, newest first. */
  readonly deployments = signal<readonly Deployment[]>([]);
  /** The next page's URL, while there is one. */
  readonly next = signal<string | undefined>(undefined);
  /** Whether the first page is loading. */
  readonly loading = signal(true);
  /** Whether a further page is loading. */
  readonly loadingMore = signal(false);
  /** Why the list could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The filter the inputs describe; an unknown status or an unreadable time is ignored. */
  readonly filter = computed<DeploymentFilter>(() => ({
    environment: this.environment() || undefined,
    service: this.service() || undefined,
    status: DeploymentStatus.safeParse(this.status()).data,
    user: this.user() || undefined,
    since: instant(this.since()),
    until: instant(this.until()),
  }));
  /** The time range as the form's inputs show it (local time). */
  readonly range = computed(() => ({
    since: toLocalDateTime(this.filter().since),
    until: toLocalDateTime(this.filter().until),
  }));
  /** The span searched, in words, for the empty list. */
  readonly span = computed(() =>
    this.filter().since || this.filter().until ? 'in the chosen time range' : 'in the last 7 days',
  );

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
      queryParams: {
        environment: value('environment'),
        service: value('service'),
        status: value('status'),
        user: value('user'),
        since: instantOfLocalDateTime(value('since') ?? ''),
        until: instantOfLocalDateTime(value('until') ?? ''),
      },
    });
  }

  /** Reads the next page and adds it below. */
  async loadMore(): Promise<void> {
    const next = this.next();
    if (!next || this.loadingMore()) {
      return;
    }
    const generation = this.generation;
    this.loadingMore.set(true);
    this.problem.set(null);
    try {
      const page = await this.api.more(next);
      if (generation === this.generation) {
        this.show(page, [...this.deployments()]);
      }
    } catch (error: unknown) {
      if (generation === this.generation) {
        this.problem.set(problemOf(error, 'More deployments could not be loaded.'));
      }
    } finally {
      this.loadingMore.set(false);
    }
  }

  private async load(filter: DeploymentFilter): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.problem.set(null);
    this.next.set(undefined);
    try {
      const page = await this.api.firstPage(filter);
      if (generation === this.generation) {
        this.show(page, []);
      }
    } catch (error: unknown) {
      if (generation === this.generation) {
        this.deployments.set([]);
        this.problem.set(problemOf(error, 'The deployments could not be loaded.'));
      }
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
      }
    }
  }

  private show(page: DeploymentPage, before: Deployment[]): void {
    const seen = new Set(before.map((d) => d.DeploymentID));
    const added = page.deployments.filter((d) => !seen.has(d.DeploymentID));
    this.deployments.set(
      [...before, ...added].sort((a, b) => b.Value.StartTimestamp.localeCompare(a.Value.StartTimestamp)),
    );
    this.next.set(page.next);
  }
}
