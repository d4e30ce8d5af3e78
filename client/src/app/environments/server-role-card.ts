import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import type { RoleGroup, ServerRole } from '@shared/fleet/environment-servers';
import type { AsgImage } from '@shared/fleet/image';
import { GroupOperationsDialog, type GroupOperationsDialogData } from './group-operations-dialog';
import { LaunchConfigDialog, type LaunchConfigDialogData } from './launch-config-dialog';

/** One server role as it runs: its ASGs with their counts and versions, and its slices' traffic weights. */
@Component({
  selector: 'app-server-role-card',
  imports: [MatButtonModule, MatCardModule],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title
          ><h2>{{ role().Role }}</h2></mat-card-title
        >
        <mat-card-subtitle>
          {{ role().Cluster }} · {{ role().Status.Status }} ·
          {{ role().FleetPerSlice ? 'blue/green' : 'single fleet' }} · hosts
          {{ role().HostedServices.join(', ') || 'nothing' }}
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <table [attr.aria-label]="'Auto Scaling groups of ' + role().Role">
          <thead>
            <tr>
              <th scope="col">ASG</th>
              <th scope="col">Slice</th>
              <th scope="col">Desired</th>
              <th scope="col">InService</th>
              <th scope="col">Healthy</th>
              <th scope="col">Versions</th>
              <th scope="col"><span class="visually-hidden">Launch configuration</span></th>
            </tr>
          </thead>
          <tbody>
            @for (asg of role().AutoScalingGroups; track asg.Name) {
              <tr>
                <td>
                  {{ asg.Name }}{{ asg.Exists ? '' : ' (missing)' }}
                  @if (maintenance().get(asg.Name); as count) {
                    <span class="in-maintenance">{{ count }} in maintenance</span>
                  }
                </td>
                <td>{{ asg.Slice ?? '—' }}</td>
                <td>{{ asg.Size.Desired }}</td>
                <td>{{ asg.InServiceCount }}</td>
                <td>{{ asg.HealthyCount }}</td>
                <td>
                  @for (running of asg.Services; track running.Name + running.Version) {
                    <span class="version"
                      >{{ running.Name }} {{ running.Version }} ×{{ running.InstanceCount }}</span
                    >
                  } @empty {
                    —
                  }
                </td>
                <td>
                  @if (asg.Exists) {
                    <button
                      mat-button
                      type="button"
                      class="launch-config"
                      [attr.aria-label]="'Launch config of ' + asg.Name"
                      (click)="openLaunchConfig(asg)"
                    >
                      Launch config
                    </button>
                    <button
                      mat-button
                      type="button"
                      class="group-operations"
                      [attr.aria-label]="'Instances and scheduled actions of ' + asg.Name"
                      (click)="openGroupOperations(asg)"
                    >
                      Instances
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (role().Slices; as slices) {
          <ul class="slices" [attr.aria-label]="'Slices of ' + role().Role">
            @for (slice of slices; track slice.Name) {
              <li>{{ slice.Name }}: weight {{ slice.Weight }} ({{ slice.State }})</li>
            }
          </ul>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      margin-top: 0.75rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.25rem 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .version {
      display: block;
    }
    .in-maintenance {
      display: block;
      color: var(--mat-sys-tertiary);
      font-weight: 500;
    }
    .slices {
      display: flex;
      gap: 1.5rem;
      list-style: none;
      padding: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerRoleCard {
  private readonly dialog = inject(MatDialog);

  /** The server role to show. */
  readonly role = input.required<ServerRole>();
  /** The environment the role runs in. */
  readonly environment = input.required<string>();
  /** The environment's type, for what the user may change. */
  readonly environmentType = input.required<string>();
  /** Each ASG's image as the servers view has it, by ASG name. */
  readonly images = input<ReadonlyMap<string, AsgImage | null>>(new Map());
  /** How many instances of each ASG are in maintenance, by ASG name (none when absent). */
  readonly maintenance = input<ReadonlyMap<string, number>>(new Map());

  /** Where a change of the role's groups applies: the role's cluster and the environment's type. */
  readonly scope = computed(() => ({
    cluster: this.role().Cluster,
    environmentType: this.environmentType(),
  }));

  /** Opens the ASG's launch configuration, with Change for a user who may (the dialog decides). */
  openLaunchConfig(asg: RoleGroup): void {
    const data: LaunchConfigDialogData = {
      environment: this.environment(),
      asg: asg.Name,
      role: this.role().Role,
      image: this.images().get(asg.Name) ?? null,
      scope: this.scope(),
    };
    this.dialog.open(LaunchConfigDialog, { data, width: '44rem', autoFocus: 'first-tabbable' });
  }

  /** Opens the ASG's instances (with their maintenance) and scheduled actions. */
  openGroupOperations(asg: RoleGroup): void {
    const data: GroupOperationsDialogData = {
      environment: this.environment(),
      asg: asg.Name,
      scope: this.scope(),
    };
    this.dialog.open(GroupOperationsDialog, { data, width: '48rem', autoFocus: 'first-tabbable' });
  }
}
