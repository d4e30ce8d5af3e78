import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { ServerRole } from '@shared/fleet/environment-servers';
import type { AsgImage } from '@shared/fleet/image';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { EnvironmentToggles } from '../toggles/environment-toggles';
import { DeployDialog, type DeployDialogData } from './deploy-dialog';
import { deployBlocker } from './deploy-blocker';
import { deployTargets } from './deploy-target';
import { EnvironmentsApi } from './environments-api';
import { lockSummary } from './lock-summary';
import { OpsBadges } from './ops-badges';
import { OpsControls } from './ops-controls';
import { ScalingApi } from './scaling-api';
import { SchedulePanel, type GroupScheduleTag } from './schedule-panel';
import { ServerRoleCard } from './server-role-card';

/** One environment: its state, its server roles as they run, Deploy, and the lock and maintenance switches. */
@Component({
  selector: 'app-environment-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
    EnvironmentToggles,
    OpsBadges,
    OpsControls,
    SchedulePanel,
    ServerRoleCard,
  ],
  templateUrl: './environment-page.html',
  styleUrl: './environment-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentPage implements OnInit {
  private readonly api = inject(EnvironmentsApi);
  private readonly scaling = inject(ScalingApi);
  private readonly dialog = inject(MatDialog);
  private readonly user = inject(AuthSession).user;
  private readonly locale = inject(LOCALE_ID);

  /** The environment's name, from the route. */
  readonly name = input.required<string>();

  /** The environment, once loaded. */
  readonly environment = signal<OpsEnvironment | null>(null);
  /** Its server roles, once loaded. */
  readonly roles = signal<readonly ServerRole[]>([]);
  /** Each ASG's image, by ASG name, from the servers view. */
  readonly images = signal<ReadonlyMap<string, AsgImage | null>>(new Map());
  /** Each ASG's own schedule (its Schedule tag), from the servers view. */
  readonly groupSchedules = signal<readonly GroupScheduleTag[]>([]);
  /** How many instances of each ASG are in maintenance (ASG Standby), by ASG name. */
  readonly maintenance = signal<ReadonlyMap<string, number>>(new Map());
  /** Whether the page is loading. */
  readonly loading = signal(true);
  /** Why the page could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  /** Who locked deployments, when and why, for the banner; null while unlocked. */
  readonly lockState = computed(() => {
    const environment = this.environment();
    return environment ? lockSummary(environment, this.locale) : null;
  });

  /** Why Deploy is unavailable, or null when it is. */
  readonly deployBlocker = computed(() => {
    const environment = this.environment();
    return environment ? deployBlocker(environment, this.roles(), this.user()?.grants ?? []) : null;
  });

  ngOnInit(): void {
    void this.load();
  }

  /** Opens the deploy dialog for what the user may deploy here. */
  openDeployDialog(): void {
    const environment = this.environment();
    if (!environment || this.deployBlocker()) {
      return;
    }
    const environmentType = environment.Value.EnvironmentType;
    const data: DeployDialogData = {
      environment: environment.EnvironmentName,
      environmentType,
      targets: deployTargets(this.roles(), this.user()?.grants ?? [], environmentType),
    };
    this.dialog.open(DeployDialog, { data, width: '40rem', autoFocus: 'first-tabbable' });
  }

  /** Shows the lock and maintenance state the server replied with after a change. */
  showChanged(environment: OpsEnvironment): void {
    this.environment.set(environment);
  }

  private async load(): Promise<void> {
    try {
      const [environment, servers, inMaintenance] = await Promise.all([
        this.api.get(this.name()),
        this.api.serverView(this.name()),
        // the page shows without the marks rather than not at all
        this.scaling.instances(this.name(), true).catch(() => []),
      ]);
      this.environment.set(environment);
      this.roles.set(servers.ServerRoles);
      this.images.set(new Map(servers.Value.map((asg) => [asg.Name, asg.Ami])));
      this.groupSchedules.set(
        servers.Value.map((asg) => ({ name: asg.Name, schedule: asg.Schedule, cluster: asg.Cluster })),
      );
      const counts = new Map<string, number>();
      for (const i of inMaintenance)
        if (i.AutoScalingGroupName)
          counts.set(i.AutoScalingGroupName, (counts.get(i.AutoScalingGroupName) ?? 0) + 1);
      this.maintenance.set(counts);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `${this.name()} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }
}
