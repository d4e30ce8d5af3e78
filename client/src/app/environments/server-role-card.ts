import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { ServerRole } from '@shared/fleet/environment-servers';

/** One server role as it runs: its ASGs with their counts and versions, and its slices' traffic weights. */
@Component({
  selector: 'app-server-role-card',
  imports: [MatCardModule],
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
            </tr>
          </thead>
          <tbody>
            @for (asg of role().AutoScalingGroups; track asg.Name) {
              <tr>
                <td>{{ asg.Name }}{{ asg.Exists ? '' : ' (missing)' }}</td>
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
  /** The server role to show. */
  readonly role = input.required<ServerRole>();
}
