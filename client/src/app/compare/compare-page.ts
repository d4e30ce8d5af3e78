import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule, type MatSelectChange } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { RunningService } from '@shared/fleet/running-service';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { EnvironmentsApi } from '../environments/environments-api';
import { versionMatrix } from './version-matrix';

/** One chosen environment's column: loading, loaded, or failed with the reason. */
export type ColumnState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly services: readonly RunningService[] }
  | { readonly status: 'failed'; readonly problem: ApiProblem };

/**
 * The versions of every service across the environments chosen in the URL (`?env=a&env=b`), one column
 * each, with the rows that differ marked, a name filter, an "only differences" switch and paging.
 */
@Component({
  selector: 'app-compare-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './compare-page.html',
  styleUrl: './compare-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComparePage implements OnInit {
  private readonly api = inject(EnvironmentsApi);
  private readonly router = inject(Router);

  /** The chosen environments, from the query string (one `env` per environment). */
  readonly env = input<string | readonly string[]>();

  /** The environments one may choose from. */
  readonly environmentNames = signal<readonly string[]>([]);
  /** Why the environments could not be listed. */
  readonly namesProblem = signal<ApiProblem | null>(null);
  /** Each chosen environment's column state, by name. */
  readonly columnStates = signal<Readonly<Record<string, ColumnState>>>({});
  /** The service-name filter. */
  readonly nameFilter = signal('');
  /** Whether only rows whose versions differ are shown. */
  readonly onlyDifferences = signal(false);
  /** The page of rows shown. */
  readonly pageIndex = signal(0);
  /** How many rows a page holds. */
  readonly pageSize = signal(50);

  /** The chosen environments, in URL order, each once. */
  readonly chosen = computed(() => {
    const env = this.env();
    const names = env === undefined ? [] : typeof env === 'string' ? [env] : env;
    return [...new Set(names.filter((name) => name !== ''))];
  });
  /** The columns, in order, with their states. */
  readonly columns = computed(() =>
    this.chosen().map((environment) => ({
      environment,
      state: this.columnStates()[environment] ?? ({ status: 'loading' } as ColumnState),
    })),
  );
  /** Every service's row across the columns. */
  readonly rows = computed(() =>
    versionMatrix(
      this.columns().map(({ environment, state }) => ({
        environment,
        services: state.status === 'loaded' ? state.services : undefined,
      })),
    ),
  );
  /** The rows that pass the name filter and the differences switch. */
  readonly shownRows = computed(() => {
    const text = this.nameFilter().trim().toLowerCase();
    return this.rows().filter(
      (row) => (!this.onlyDifferences() || row.differs) && row.service.toLowerCase().includes(text),
    );
  });
  /** The rows on the current page. */
  readonly pageRows = computed(() => {
    const start = this.pageIndex() * this.pageSize();
    return this.shownRows().slice(start, start + this.pageSize());
  });
  /** How many rows differ, for the summary. */
  readonly differingCount = computed(() => this.rows().filter((row) => row.differs).length);
  /** Whether any column is still loading. */
  readonly loading = computed(() => this.columns().some((column) => column.state.status === 'loading'));

  constructor() {
    effect(() => {
      const chosen = this.chosen();
      untracked(() => {
        this.pageIndex.set(0);
        this.loadColumns(chosen);
      });
    });
  }

  ngOnInit(): void {
    void this.loadEnvironmentNames();
  }

  /** Puts the chosen environments in the URL, which loads their columns. */
  choose(event: MatSelectChange<string[]>): void {
    void this.router.navigate(['/compare'], { queryParams: { env: event.value } });
  }

  /** Filters the rows by service name. */
  filterByName(event: Event): void {
    this.nameFilter.set((event.target as HTMLInputElement).value);
    this.pageIndex.set(0);
  }

  /** Shows only the rows that differ, or all. */
  showOnlyDifferences(only: boolean): void {
    this.onlyDifferences.set(only);
    this.pageIndex.set(0);
  }

  /** Moves to another page of rows. */
  turnPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
  }

  /** Loads the environment again after it failed. */
  retry(environment: string): void {
    void this.loadColumn(environment);
  }

  private loadColumns(chosen: readonly string[]): void {
    const states = this.columnStates();
    // keep the columns already loaded; a column dropped and chosen again is read afresh
    this.columnStates.set(
      Object.fromEntries(chosen.filter((name) => states[name]).map((name) => [name, states[name]!])),
    );
    for (const name of chosen.filter((name) => !states[name] || states[name]!.status === 'failed')) {
      void this.loadColumn(name);
    }
  }

  private async loadColumn(environment: string): Promise<void> {
    this.setColumn(environment, { status: 'loading' });
    let state: ColumnState;
    try {
      state = { status: 'loaded', services: await this.api.runningServices(environment) };
    } catch (error: unknown) {
      state = { status: 'failed', problem: problemOf(error, `${environment} could not be loaded.`) };
    }
    if (this.chosen().includes(environment)) {
      this.setColumn(environment, state);
    }
  }

  private setColumn(environment: string, state: ColumnState): void {
    this.columnStates.update((states) => ({ ...states, [environment]: state }));
  }

  private async loadEnvironmentNames(): Promise<void> {
    try {
      const environments = await this.api.list();
      this.environmentNames.set(
        environments.map((e) => e.EnvironmentName).sort((a, b) => a.localeCompare(b)),
      );
    } catch (error: unknown) {
      this.namesProblem.set(problemOf(error, 'The environments could not be listed.'));
    }
  }
}
