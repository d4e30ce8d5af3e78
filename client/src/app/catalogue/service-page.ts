import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment } from '@shared/catalogue/environment';
import type { Service } from '@shared/catalogue/service';
import { isApiProblem, type ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ConfigApi } from '../core/config-api';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { CatalogueApi } from './catalogue-api';
import { editBlocker } from './catalogue-permission';
import { hostingEnvironments } from './hosting-environments';
import { RecentDeployments } from './recent-deployments';
import { WhereItRuns } from './where-it-runs';

/** One service: what it is, who owns it and whom to call, where it runs, its recent deployments, and Edit/Delete. */
@Component({
  selector: 'app-service-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
    RecentDeployments,
    WhereItRuns,
  ],
  templateUrl: './service-page.html',
  styleUrl: './service-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicePage implements OnInit {
  private readonly api = inject(CatalogueApi);
  private readonly config = inject(ConfigApi);
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The service's name, from the route. */
  readonly name = input.required<string>();

  /** The service, once loaded. */
  readonly service = signal<Service | null>(null);
  /** Whether the service is loading. */
  readonly loading = signal(true);
  /** Why the service could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The environments hosting it, once the environments and deployment maps are loaded. */
  readonly environments = signal<readonly string[] | null>(null);
  /** Why the hosting environments could not be worked out. */
  readonly placementProblem = signal<ApiProblem | null>(null);
  /** Why the last delete failed. */
  readonly deleteProblem = signal<ApiProblem | null>(null);
  /** Whether a delete is in flight. */
  readonly deleting = signal(false);

  /** Why Edit and Delete are unavailable, or null when they are. */
  readonly editBlocker = computed(() => {
    const service = this.service();
    if (!service) {
      return null;
    }
    if (service.Deleted) {
      return 'This service is deleted; create it again under the same name to restore it.';
    }
    return editBlocker(this.user()?.grants ?? [], service.OwningCluster);
  });

  /** Whether the delete failed because the service changed meanwhile. */
  readonly deleteConflict = computed(() => isApiProblem(this.deleteProblem(), 409));

  ngOnInit(): void {
    void this.load();
    void this.loadPlacement();
  }

  /** Opens the edit form, when the user may edit this service. */
  edit(): void {
    const service = this.service();
    if (service && !this.editBlocker()) {
      void this.router.navigate(['/catalogue', service.ServiceName, 'edit']);
    }
  }

  /** Soft-deletes the service once the user confirms, then returns to the catalogue. */
  async remove(): Promise<void> {
    const service = this.service();
    if (!service || this.editBlocker()) {
      return;
    }
    const confirmed = await this.confirmation.ask({
      title: `Delete ${service.ServiceName}?`,
      message:
        'It leaves the catalogue and can no longer be deployed. Its name and ports stay reserved; creating it again restores it.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    this.deleting.set(true);
    this.deleteProblem.set(null);
    try {
      await this.api.remove(service);
      await this.router.navigate(['/catalogue']);
    } catch (error: unknown) {
      this.deleteProblem.set(problemOf(error, `${service.ServiceName} could not be deleted.`));
    } finally {
      this.deleting.set(false);
    }
  }

  /** Reads the service again, after a 409 said it changed. */
  async reload(): Promise<void> {
    this.deleteProblem.set(null);
    await this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.service.set(await this.liveOrDeleted(this.name()));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `${this.name()} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }

  /** The live service, or the deleted one of that name (the list links to those too). */
  private async liveOrDeleted(name: string): Promise<Service> {
    try {
      return await this.api.get(name);
    } catch (error: unknown) {
      if (!isApiProblem(error, 404)) {
        throw error;
      }
      const deleted = (await this.api.list({ includeDeleted: true })).find(
        (s) => s.ServiceName === name && s.Deleted,
      );
      if (!deleted) {
        throw error;
      }
      return deleted;
    }
  }

  private async loadPlacement(): Promise<void> {
    try {
      const [environments, maps] = await Promise.all([
        this.config.list('environments', Environment),
        this.config.list('deployment-maps', DeploymentMap),
      ]);
      this.environments.set(hostingEnvironments(this.name(), environments, maps));
    } catch (error: unknown) {
      this.placementProblem.set(
        problemOf(error, 'The environments hosting this service could not be worked out.'),
      );
    }
  }
}
