import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { Deployment } from '@shared/deployments/deployment';
import { ShortList } from './short-list';

/** Deployments in a home panel: each links to its page, with who requested it, when, and its status. */
@Component({
  selector: 'app-deployment-list',
  imports: [DatePipe, MatButtonModule, RouterLink],
  template: `
    <ul class="items">
      @for (d of list.shown(); track d.DeploymentID) {
        <li>
          <a [routerLink]="['/deployments', d.DeploymentID]"
            >{{ d.Value.ServiceName }} {{ d.Value.ServiceVersion }} to {{ d.Value.EnvironmentName }}</a
          >
          <div class="detail">
            @if (showStatus()) {
              {{ d.Value.Status }} ·
            }
            requested by {{ d.Value.User }} at {{ d.Value.StartTimestamp | date: 'yyyy-MM-dd HH:mm' }}
          </div>
        </li>
      }
    </ul>
    @if (list.hidden() > 0 || list.collapsible()) {
      <p class="more">
        <button mat-button type="button" (click)="list.toggle()" [attr.aria-expanded]="list.collapsible()">
          {{ list.collapsible() ? 'Show fewer' : 'Show all ' + deployments().length }}
        </button>
      </p>
    }
  `,
  styleUrl: './glance-items.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentList {
  /** The deployments, in the order to list them. */
  readonly deployments = input.required<readonly Deployment[]>();
  /** Whether each item says its status (when the list mixes statuses). */
  readonly showStatus = input(false);

  /** The first few, or all of them when asked. */
  readonly list = new ShortList(this.deployments);
}
