import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import type { ApiProblem } from '../core/api-problem';
import { ConfigApi } from '../core/config-api';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { ToggleState } from './toggle-state';
import { TogglesApi } from './toggles-api';

/**
 * An environment's feature toggles: every live toggle of the services in its deployment map, with its
 * state there, each linking to its page.
 */
@Component({
  selector: 'app-environment-toggles',
  imports: [RouterLink, ProblemBanner, ToggleState],
  template: `
    <section class="toggles" aria-labelledby="environment-toggles-heading">
      <h2 id="environment-toggles-heading">Feature toggles</h2>
      @if (problem(); as problem) {
        <app-problem-banner [problem]="problem" />
      }
      @if (rows(); as rows) {
        @if (rows.length === 0) {
          <p class="empty">
            The services of its deployment map {{ deploymentMap() }} have no feature toggles.
          </p>
        } @else {
          <table [attr.aria-label]="'Feature toggles in ' + environment()">
            <thead>
              <tr>
                <th scope="col">Toggle</th>
                <th scope="col">Service</th>
                <th scope="col">State here</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.toggle.service + '/' + row.toggle.name) {
                <tr>
                  <th scope="row">
                    <a [routerLink]="['/feature-toggles', row.toggle.service, row.toggle.name]">{{
                      row.toggle.name
                    }}</a>
                  </th>
                  <td>{{ row.toggle.service }}</td>
                  <td><app-toggle-state [setting]="row.setting" /></td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </section>
  `,
  styleUrl: './environment-toggles.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentToggles implements OnInit {
  private readonly api = inject(TogglesApi);
  private readonly config = inject(ConfigApi);

  /** The environment's name. */
  readonly environment = input.required<string>();
  /** Its deployment map, whose services' toggles are listed. */
  readonly deploymentMap = input.required<string>();

  private readonly toggles = signal<readonly FeatureToggle[] | null>(null);
  private readonly services = signal<ReadonlySet<string>>(new Set());
  /** Why the toggles could not be read. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The toggles of the map's services with their setting here (null: none set, off), once read. */
  readonly rows = computed(() => {
    const toggles = this.toggles();
    if (toggles === null) return null;
    return toggles
      .filter((t) => this.services().has(t.service))
      .map((toggle) => ({
        toggle,
        setting: toggle.environments.find((e) => e.environment === this.environment()) ?? null,
      }))
      .sort(
        (a, b) =>
          a.toggle.service.localeCompare(b.toggle.service) || a.toggle.name.localeCompare(b.toggle.name),
      );
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [map, toggles] = await Promise.all([
        this.config.get('deployment-maps', this.deploymentMap(), DeploymentMap),
        this.api.list(),
      ]);
      this.services.set(
        new Set(map.Value.DeploymentTarget.flatMap((t) => t.Services.map((s) => s.ServiceName))),
      );
      this.toggles.set(toggles);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The feature toggles of ${this.environment()} could not be read.`));
    }
  }
}
