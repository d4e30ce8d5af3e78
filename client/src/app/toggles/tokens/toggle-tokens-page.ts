import { DatePipe, DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import type { CreatedApiToken } from '@shared/auth/user';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment } from '@shared/catalogue/environment';
import type { Service } from '@shared/catalogue/service';
import type { CreatedToggleToken, ToggleToken } from '@shared/toggles/toggle-token';
import type { z } from 'zod';
import { NewTokenSecret } from '../../account/new-token-secret';
import { CatalogueApi } from '../../catalogue/catalogue-api';
import type { ApiProblem } from '../../core/api-problem';
import { AuthSession } from '../../core/auth-session';
import { ConfigApi } from '../../core/config-api';
import { Confirmation } from '../../core/confirmation';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { queryParamsOf } from '../../core/query-params-of';
import { createBlocker } from '../toggle-permission';
import { tokenBlocker, tokenScopeOf } from './token-permission';
import { TokenForm } from './token-form';
import { ToggleTokensApi } from './toggle-tokens-api';

/**
 * The feature toggle tokens services read their toggles with: the list (filtered by service, kept in the
 * URL), a form to make one whose secret is shown once, and Revoke; each for whoever may manage the
 * service's toggles in the token's environment.
 */
@Component({
  selector: 'app-toggle-tokens-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ListPager,
    NewTokenSecret,
    ProblemBanner,
    TokenForm,
  ],
  templateUrl: './toggle-tokens-page.html',
  styleUrl: './toggle-tokens-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleTokensPage implements OnInit {
  private readonly api = inject(ToggleTokensApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly config = inject(ConfigApi);
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The service shown (`?service=`), from the URL. */
  readonly serviceParam = input<string | undefined>(undefined, { alias: 'service' });
  /** The service chosen, or '' for all. */
  readonly service = linkedSignal(() => this.serviceParam() ?? '');

  /** The tokens read, oldest first. */
  readonly tokens = signal<readonly ToggleToken[]>([]);
  /** The catalogue's services. */
  readonly services = signal<readonly Service[]>([]);
  /** The catalogue's environments. */
  readonly environments = signal<readonly Environment[]>([]);
  /** The deployment maps. */
  readonly maps = signal<readonly DeploymentMap[]>([]);
  /** Whether the tokens are being read. */
  readonly loading = signal(true);
  /** Why the tokens could not be read or one not revoked. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Why the catalogue could not be read (no token can be made without it). */
  readonly catalogueProblem = signal<ApiProblem | null>(null);
  /** Whether a revoke is in flight. */
  readonly busy = signal(false);
  /** The token just made, whose secret is shown until dismissed (never kept beyond this page). */
  readonly created = signal<CreatedToggleToken | null>(null);
  /** The token just made as the one-time secret panel shows it: its description names it. */
  readonly secret = computed<z.infer<typeof CreatedApiToken> | null>(() => {
    const made = this.created();
    return made
      ? {
          id: made.id,
          name: made.description,
          createdAt: made.createdAt,
          expiresAt: null,
          lastUsedAt: made.lastUsedAt,
          token: made.token,
        }
      : null;
  });
  /** Where this portal is served, for the usage example. */
  readonly origin = inject(DOCUMENT).location.origin;

  /** The services that have tokens, for the filter (the one in the URL too). */
  readonly tokenServices = computed(() =>
    [
      ...new Set([...this.tokens().map((t) => t.service), ...(this.service() ? [this.service()] : [])]),
    ].sort(),
  );
  /** The tokens of the service chosen, a page of them shown. */
  readonly list = new PagedList(this.tokens, {
    where: (t) => this.service() === '' || t.service === this.service(),
  });

  ngOnInit(): void {
    void this.loadTokens();
    void this.loadCatalogue();
  }

  /** Why the user may not revoke a token, or null (also when its service or environment left the catalogue: the server decides on the team recorded). */
  revokeBlocker(token: ToggleToken): string | null {
    const grants = this.user()?.grants ?? [];
    const scope = tokenScopeOf(token, this.services(), this.environments());
    return createBlocker(grants) ?? (scope ? tokenBlocker(grants, scope) : null);
  }

  /** Shows the tokens of the service chosen ('' for all). */
  chooseService(event: Event): void {
    this.service.set((event.target as HTMLSelectElement).value);
    this.list.reset();
    void this.router.navigate([], {
      queryParams: queryParamsOf({ service: this.service() }),
      replaceUrl: true,
    });
  }

  /** Lists the token just made and shows its secret once. */
  showCreated(token: CreatedToggleToken): void {
    const { token: _secret, ...listed } = token;
    this.tokens.update((tokens) => [...tokens, listed]);
    this.created.set(token);
  }

  /** Forgets the secret shown: from now on the token is only listed. */
  dismissSecret(): void {
    this.created.set(null);
  }

  /** Revokes a token after confirmation. */
  async revoke(token: ToggleToken): Promise<void> {
    if (this.busy() || this.revokeBlocker(token) !== null) return;
    const confirmed = await this.confirmation.ask({
      title: `Revoke the token "${token.description}"?`,
      message: `${token.service} will be refused when it reads its toggles in ${token.environment} with it, from its next request on. This cannot be undone.`,
      confirmLabel: 'Revoke',
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.revoke(token.id);
      this.tokens.update((tokens) => tokens.filter((t) => t.id !== token.id));
      if (this.created()?.id === token.id) this.created.set(null);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The token "${token.description}" could not be revoked.`));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadTokens(): Promise<void> {
    try {
      this.tokens.set(await this.api.list());
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The feature toggle tokens could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  private async loadCatalogue(): Promise<void> {
    try {
      const [services, environments, maps] = await Promise.all([
        this.catalogue.list(),
        this.config.list('environments', Environment),
        this.config.list('deployment-maps', DeploymentMap),
      ]);
      this.services.set(services);
      this.environments.set(environments);
      this.maps.set(maps);
    } catch (error: unknown) {
      this.catalogueProblem.set(
        problemOf(error, 'The service catalogue could not be read, so no token can be made now.'),
      );
    }
  }
}
