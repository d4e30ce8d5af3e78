import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { DeploymentStatus, type Deployment } from '@shared/deployments/deployment';
import { CursorPages, type CursorPage } from '../core/cursor-pages';
import { queryParamsOf } from '../core/query-params-of';
import { ProblemBanner } from '../core/problem-banner';
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
  /** The deployments read so far, newest first (a page may repeat one the last page ended with). */
  readonly pages = new CursorPages<Deployment>(newestFirst);

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
      untracked(
        () =>
          void this.pages.first(
            async () => pageOf(await this.api.firstPage(filter)),
            'The deployments could not be loaded.',
          ),
      );
    });
  }

  /** Puts the form's filters in the URL, which reloads the list. */
  applyFilters(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    void this.router.navigate(['/deployments'], {
      queryParams: queryParamsOf({
        environment: text('environment'),
        service: text('service'),
        status: text('status'),
        user: text('user'),
        since: instantOfLocalDateTime(text('since')),
        until: instantOfLocalDateTime(text('until')),
      }),
    });
  }

  /** Reads the next page and adds it below. */
  async loadMore(): Promise<void> {
    await this.pages.more(
      async (next) => pageOf(await this.api.more(next)),
      'More deployments could not be loaded.',
    );
  }
}

function pageOf(page: DeploymentPage): CursorPage<Deployment> {
  return { items: page.deployments, next: page.next };
}

function newestFirst(before: readonly Deployment[], page: readonly Deployment[]): Deployment[] {
  const seen = new Set(before.map((d) => d.DeploymentID));
  const added = page.filter((d) => !seen.has(d.DeploymentID));
  return [...before, ...added].sort((a, b) => b.Value.StartTimestamp.localeCompare(a.Value.StartTimestamp));
}
