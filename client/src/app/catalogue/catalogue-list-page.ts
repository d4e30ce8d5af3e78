import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Lifecycle, type Service } from '@shared/catalogue/service';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { queryParamsOf } from '../core/query-params-of';
import { CatalogueApi } from './catalogue-api';
import { catalogueEntry, type CatalogueEntry } from './catalogue-entry';
import { filterCatalogue, type CatalogueFilter } from './catalogue-filter';
import { createBlocker } from './catalogue-permission';

/** The fixed height of one row in pixels; the virtual scroll viewport relies on it. */
export const ROW_HEIGHT = 48;

/** The catalogue: thousands of services, searched and filtered in the page, the filters kept in the URL. */
@Component({
  selector: 'app-catalogue-list-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTooltipModule,
    RouterLink,
    ScrollingModule,
    ProblemBanner,
  ],
  templateUrl: './catalogue-list-page.html',
  styleUrl: './catalogue-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CatalogueListPage {
  private readonly api = inject(CatalogueApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly user = inject(AuthSession).user;
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private loads = 0;

  /** The search text, from the query string. */
  readonly q = input<string>();
  /** The team filter, from the query string. */
  readonly team = input<string>();
  /** The lifecycle filter, from the query string. */
  readonly lifecycle = input<string>();
  /** The tag filter, from the query string. */
  readonly tag = input<string>();
  /** `true` to list deleted services too, from the query string. */
  readonly deleted = input<string>();

  /** The row height, for the template. */
  readonly rowHeight = ROW_HEIGHT;
  /** The lifecycles one may filter by. */
  readonly lifecycles = Lifecycle.options;
  /** The search text as typed; set at once on input, and by the URL when it changes. */
  readonly text = linkedSignal(() => this.q() ?? '');
  /** The team shown, or ''. */
  readonly teamFilter = linkedSignal(() => this.team() ?? '');
  /** The lifecycle shown, or ''. */
  readonly lifecycleFilter = linkedSignal(() => this.lifecycle() ?? '');
  /** The tag shown, or ''. */
  readonly tagFilter = linkedSignal(() => this.tag() ?? '');
  /** Whether deleted services are listed. */
  readonly showDeleted = linkedSignal(() => this.deleted() === 'true');

  /** The services, each with its search key, by name. */
  readonly entries = signal<readonly CatalogueEntry[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** Why the list could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The filter the controls describe. */
  readonly filter = computed<CatalogueFilter>(() => ({
    text: this.text(),
    team: this.teamFilter(),
    lifecycle: this.lifecycleFilter(),
    tag: this.tagFilter(),
  }));
  /** The services that pass the filter. */
  readonly shown = computed(() => filterCatalogue(this.entries(), this.filter()));
  /** The teams present, for the filter; a linked team that has no service yet is kept so the filter shows it. */
  readonly teams = computed(() =>
    distinct([...this.entries().map((e) => e.service.OwningCluster), this.teamFilter()]),
  );
  /** The tags present, for the filter, with a linked one kept the same way. */
  readonly tags = computed(() =>
    distinct([...this.entries().flatMap((e) => e.service.Value.Tags ?? []), this.tagFilter()]),
  );
  /** Why Create is unavailable, or null when it is. */
  readonly createBlocker = computed(() => createBlocker(this.user()?.grants ?? []));

  constructor() {
    effect(() => {
      const includeDeleted = this.showDeleted();
      untracked(() => void this.load(includeDeleted));
    });
  }

  /** Opens the create form, when the user may create a service somewhere. */
  create(): void {
    if (this.createBlocker() === null) {
      void this.router.navigate(['/catalogue/new']);
    }
  }

  /** Narrows the list as the user types. */
  search(event: Event): void {
    this.text.set((event.target as HTMLInputElement).value);
    this.writeUrl();
  }

  /** Shows only services of the chosen team. */
  chooseTeam(event: Event): void {
    this.teamFilter.set((event.target as HTMLSelectElement).value);
    this.writeUrl();
  }

  /** Shows only services in the chosen lifecycle. */
  chooseLifecycle(event: Event): void {
    this.lifecycleFilter.set((event.target as HTMLSelectElement).value);
    this.writeUrl();
  }

  /** Shows only services with the chosen tag. */
  chooseTag(event: Event): void {
    this.tagFilter.set((event.target as HTMLSelectElement).value);
    this.writeUrl();
  }

  /** Lists deleted services too, or not. */
  setShowDeleted(show: boolean): void {
    this.showDeleted.set(show);
    this.writeUrl();
  }

  /** Arrow keys, Home and End move between rows, scrolling rows into the rendered window first. */
  moveFocus(event: KeyboardEvent): void {
    const current = Number((event.target as HTMLElement).dataset['index']);
    const last = this.shown().length - 1;
    if (Number.isNaN(current) || last < 0) {
      return;
    }
    const next = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    const index = Math.min(Math.max(next, 0), last);
    this.viewport()?.scrollToIndex(index);
    void this.focusRow(index);
  }

  /** Keeps rows stable across filtering so focus and scroll position survive. */
  trackByName(_index: number, entry: CatalogueEntry): string {
    return entry.service.ServiceName;
  }

  private async focusRow(index: number): Promise<void> {
    const host = this.viewport()?.elementRef.nativeElement;
    // the viewport renders the scrolled-to rows on a later frame; a few frames always suffice
    for (let frame = 0; frame < 5 && host; frame++) {
      const row = host.querySelector<HTMLElement>(`[data-index="${index}"]`);
      if (row) {
        row.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  private writeUrl(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryParamsOf({
        q: this.text(),
        team: this.teamFilter(),
        lifecycle: this.lifecycleFilter(),
        tag: this.tagFilter(),
        deleted: this.showDeleted(),
      }),
      replaceUrl: true,
    });
  }

  private async load(includeDeleted: boolean): Promise<void> {
    const load = ++this.loads;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const services = await this.api.list({ includeDeleted });
      if (load === this.loads) {
        this.entries.set(byName(services).map(catalogueEntry));
      }
    } catch (error: unknown) {
      if (load === this.loads) {
        this.entries.set([]);
        this.problem.set(problemOf(error, 'The catalogue could not be loaded.'));
      }
    } finally {
      if (load === this.loads) {
        this.loading.set(false);
      }
    }
  }
}

function byName(services: readonly Service[]): Service[] {
  return [...services].sort((a, b) => a.ServiceName.localeCompare(b.ServiceName));
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].filter(Boolean).sort();
}
