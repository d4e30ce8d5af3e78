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
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule, type MatCheckboxChange } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment } from '@shared/catalogue/environment';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ConfigApi } from '../core/config-api';
import { ListFilter } from '../core/list-filter';
import { ListPager } from '../core/list-pager';
import { PagedList } from '../core/paged-list';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { queryParamsOf } from '../core/query-params-of';
import { NewButton } from '../configuration/config-kit/new-button';
import { toggleColumns } from './toggle-columns';
import { createBlocker } from './toggle-permission';
import { ToggleState } from './toggle-state';
import { TogglesApi } from './toggles-api';

/**
 * Every feature toggle, its setting in each environment side by side (off, on, N%, targeting, a change
 * waiting), filtered by service, team and text (the filters kept in the URL); New toggle for whoever may.
 */
@Component({
  selector: 'app-toggle-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ListFilter,
    ListPager,
    NewButton,
    ProblemBanner,
    ToggleState,
  ],
  templateUrl: './toggle-list-page.html',
  styleUrl: './toggle-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleListPage {
  private readonly api = inject(TogglesApi);
  private readonly config = inject(ConfigApi);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The service shown (`?service=`), from the URL. */
  readonly serviceParam = input<string | undefined>(undefined, { alias: 'service' });
  /** The team shown (`?team=`), from the URL. */
  readonly teamParam = input<string | undefined>(undefined, { alias: 'team' });
  /** Whether archived toggles are listed too (`?archived=true`), from the URL. */
  readonly archivedParam = input<string | undefined>(undefined, { alias: 'archived' });

  /** The service chosen, or '' for all. */
  readonly service = linkedSignal(() => this.serviceParam() ?? '');
  /** The team chosen, or '' for all. */
  readonly team = linkedSignal(() => this.teamParam() ?? '');
  /** Whether archived toggles are listed. */
  readonly archived = computed(() => this.archivedParam() === 'true');

  /** The toggles read. */
  readonly toggles = signal<readonly FeatureToggle[]>([]);
  private readonly environments = signal<readonly Environment[]>([]);
  private readonly maps = signal<readonly DeploymentMap[]>([]);
  /** Whether the toggles are being read. */
  readonly loading = signal(true);
  /** Why they could not be read. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The services that have toggles, for the filter. */
  readonly services = computed(() => distinct(this.toggles().map((t) => t.service)));
  /** The teams that own toggles, for the filter. */
  readonly teams = computed(() =>
    distinct(
      this.toggles()
        .map((t) => t.owner)
        .filter(Boolean),
    ),
  );
  /** The toggles passing the filters, a page of them shown. */
  readonly list = new PagedList(this.toggles, {
    text: (t) => [t.name, t.service, t.description],
    where: (t) =>
      (this.service() === '' || t.service === this.service()) &&
      (this.team() === '' || t.owner === this.team()),
  });
  /** The environments side by side, for the toggles shown. */
  readonly columns = computed(() => toggleColumns(this.list.shown(), this.environments(), this.maps()));
  /** Why the user may not create a toggle, or null. */
  readonly createBlocker = computed(() => createBlocker(this.user()?.grants ?? []));

  constructor() {
    effect(() => {
      const archived = this.archived();
      untracked(() => void this.load(archived));
    });
  }

  /** The setting of a toggle in an environment, if it has one there. */
  settingIn(toggle: FeatureToggle, environment: string) {
    return toggle.environments.find((e) => e.environment === environment) ?? null;
  }

  /** Shows the toggles of the service chosen ('' for all). */
  chooseService(event: Event): void {
    this.service.set((event.target as HTMLSelectElement).value);
    this.filtered();
  }

  /** Shows the toggles of the team chosen ('' for all). */
  chooseTeam(event: Event): void {
    this.team.set((event.target as HTMLSelectElement).value);
    this.filtered();
  }

  /** Lists archived toggles too, or not. */
  showArchived(event: MatCheckboxChange): void {
    void this.router.navigate([], {
      queryParams: this.params({ archived: event.checked }),
      replaceUrl: true,
    });
  }

  private filtered(): void {
    this.list.reset();
    void this.router.navigate([], { queryParams: this.params({}), replaceUrl: true });
  }

  private params(change: { archived?: boolean }) {
    return queryParamsOf({
      service: this.service(),
      team: this.team(),
      archived: change.archived ?? this.archived(),
    });
  }

  private async load(archived: boolean): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [toggles, environments, maps] = await Promise.all([
        this.api.list({ archived }),
        // without the catalogue the columns are the environments toggles are set in
        this.config.list('environments', Environment).catch(() => []),
        this.config.list('deployment-maps', DeploymentMap).catch(() => []),
      ]);
      this.toggles.set(
        [...toggles].sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)),
      );
      this.environments.set(environments);
      this.maps.set(maps);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The feature toggles could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
