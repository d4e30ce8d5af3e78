import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { allows } from '@shared/auth/permission';
import { isTerminal, type Deployment, type DeploymentLogLine } from '@shared/deployments/deployment';
import type { Subscription } from 'rxjs';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { DeploymentEventStream } from './deployment-event-stream';
import { DeploymentsApi } from './deployments-api';
import { DeploymentTogglesPanel } from './deployment-toggles-panel';
import { InstanceChart } from './instance-chart';
import { withReading, type InstancePoint } from './instance-series';
import { stepProgress } from './step-progress';

/** One deployment, live: status, steps, instances and log, with Cancel, Roll back and Approve. */
@Component({
  selector: 'app-deployment-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    InstanceChart,
    DeploymentTogglesPanel,
  ],
  templateUrl: './deployment-page.html',
  styleUrl: './deployment-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentPage implements OnInit {
  private readonly api = inject(DeploymentsApi);
  private readonly stream = inject(DeploymentEventStream);
  private readonly confirmation = inject(Confirmation);
  private readonly user = inject(AuthSession).user;
  private following: Subscription | undefined;

  /** The deployment id, from the route. */
  readonly id = input.required<string>();

  /** The deployment as last seen. */
  readonly deployment = signal<Deployment | null>(null);
  /** The instance counts read while following it, oldest first, for the chart. */
  readonly readings = signal<readonly InstancePoint[]>([]);
  /** Its log lines, oldest first. */
  readonly log = signal<readonly DeploymentLogLine[]>([]);
  /** Why loading, following or an action failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether an action is in flight. */
  readonly busy = signal(false);

  /** Steps done out of all, and the current one. */
  readonly progress = computed(() => stepProgress(this.deployment()?.Value.Steps ?? []));
  /** Whether the deployment is over. */
  readonly over = computed(() => {
    const deployment = this.deployment();
    return deployment !== null && isTerminal(deployment.Value.Status);
  });
  /** Whether the user may cancel or roll back (deploy on the target) while it runs. */
  readonly mayStop = computed(() => !this.over() && this.userMay('deploy'));
  /** Whether the user may approve it now. */
  readonly mayApprove = computed(
    () => this.deployment()?.Value.Status === 'Awaiting Approval' && this.userMay('approve-deployments'),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.following?.unsubscribe());
  }

  ngOnInit(): void {
    void this.load();
  }

  /** Asks the engine to stop the deployment, after confirmation. */
  cancel(): Promise<void> {
    return this.act(
      'Cancel this deployment?',
      'It stops where it is; what it changed stays.',
      'Cancel deployment',
      () => this.api.cancel(this.id()),
    );
  }

  /** Stops the deployment and undoes it, after confirmation. */
  rollBack(): Promise<void> {
    return this.act('Roll back this deployment?', 'It stops and undoes what it did.', 'Roll back', () =>
      this.api.rollBack(this.id()),
    );
  }

  /** Approves the deployment so it starts, after confirmation. */
  approve(): Promise<void> {
    const value = this.deployment()?.Value;
    return this.act(
      'Approve this deployment?',
      `${value?.ServiceName} ${value?.ServiceVersion} will be deployed to ${value?.EnvironmentName}.`,
      'Approve',
      () => this.api.approve(this.id()),
    );
  }

  private userMay(action: 'deploy' | 'approve-deployments'): boolean {
    const value = this.deployment()?.Value;
    return (
      value !== undefined &&
      allows(this.user()?.grants ?? [], action, {
        cluster: value.OwningCluster,
        environmentType: value.EnvironmentType,
      })
    );
  }

  private async act(title: string, message: string, confirmLabel: string, call: () => Promise<Deployment>) {
    if (!(await this.confirmation.ask({ title, message, confirmLabel }))) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.show(await call());
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `${confirmLabel} failed. Please try again.`));
    } finally {
      this.busy.set(false);
    }
  }

  private show(deployment: Deployment): void {
    this.deployment.set(deployment);
    this.readings.update((points) => withReading(points, deployment.Value.Progress));
  }

  private async load(): Promise<void> {
    try {
      this.show(await this.api.get(this.id()));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The deployment could not be loaded.'));
      return;
    }
    // The stream sends the record again and every log line once, so the page needs nothing else.
    this.following = this.stream.follow(this.id()).subscribe({
      next: (event) => {
        if (event.kind === 'deployment') {
          this.show(event.deployment);
        } else {
          this.log.update((lines) => [...lines, event.line]);
        }
      },
      error: (error: unknown) => this.problem.set(problemOf(error, 'The live updates stopped.')),
    });
  }
}
