import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RunningVersion } from '@shared/fleet/running-service';
import type { ApiProblem } from '../core/api-problem';
import { problemOf } from '../core/problem-of';
import { EnvironmentsApi } from '../environments/environments-api';

/** One version of the service on one server role of an environment. */
export interface RunningRow extends RunningVersion {
  readonly serverRole: string;
}

/** What is known about one environment: still asking, its rows, or why it could not be asked. */
export type EnvironmentRuns =
  | { readonly environment: string; readonly state: 'loading' }
  | { readonly environment: string; readonly state: 'loaded'; readonly rows: readonly RunningRow[] }
  | { readonly environment: string; readonly state: 'failed'; readonly problem: ApiProblem };

/** The versions of a service running in each environment that hosts it; one failing environment shows its error in its row. */
@Component({
  selector: 'app-where-it-runs',
  imports: [RouterLink],
  templateUrl: './where-it-runs.html',
  styleUrl: './where-it-runs.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WhereItRuns {
  private readonly fleet = inject(EnvironmentsApi);

  /** The service's name. */
  readonly service = input.required<string>();
  /** The environments whose deployment map hosts it. */
  readonly environments = input.required<readonly string[]>();

  /** Each environment's state, in the order given. */
  readonly runs = signal<readonly EnvironmentRuns[]>([]);

  constructor() {
    effect(() => {
      const service = this.service();
      const environments = this.environments();
      untracked(() => this.load(service, environments));
    });
  }

  private load(service: string, environments: readonly string[]): void {
    this.runs.set(environments.map((environment) => ({ environment, state: 'loading' })));
    for (const environment of environments) {
      void this.loadOne(service, environment);
    }
  }

  private async loadOne(service: string, environment: string): Promise<void> {
    let runs: EnvironmentRuns;
    try {
      const running = await this.fleet.runningServices(environment);
      const rows = running
        .filter((r) => r.Name === service)
        .flatMap((r) => r.Versions.map((v) => ({ ...v, serverRole: r.ServerRole })));
      runs = { environment, state: 'loaded', rows };
    } catch (error: unknown) {
      runs = {
        environment,
        state: 'failed',
        problem: problemOf(error, `What runs in ${environment} could not be loaded.`),
      };
    }
    this.runs.update((all) => all.map((r) => (r.environment === environment ? runs : r)));
  }
}
