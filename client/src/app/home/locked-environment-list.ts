import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import { lockSummary } from '../environments/lock-summary';
import { ShortList } from './short-list';

/** Locked environments: each links to its page and says who locked it, when and why. */
@Component({
  selector: 'app-locked-environment-list',
  imports: [MatButtonModule, RouterLink],
  template: `
    <ul class="items">
      @for (e of list.shown(); track e.EnvironmentName) {
        <li>
          <a [routerLink]="['/environments', e.EnvironmentName]">{{ e.EnvironmentName }}</a>
          <div class="detail">{{ summary(e) }}</div>
        </li>
      }
    </ul>
    @if (list.hidden() > 0 || list.collapsible()) {
      <p class="more">
        <button mat-button type="button" (click)="list.toggle()" [attr.aria-expanded]="list.collapsible()">
          {{ list.collapsible() ? 'Show fewer' : 'Show all ' + environments().length }}
        </button>
      </p>
    }
  `,
  styleUrl: './glance-items.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LockedEnvironmentList {
  private readonly locale = inject(LOCALE_ID);

  /** The locked environments, in the order to list them. */
  readonly environments = input.required<readonly OpsEnvironment[]>();

  /** The first few, or all of them when asked. */
  readonly list = new ShortList(this.environments);

  /** Who locked it, when and why. */
  summary(environment: OpsEnvironment): string {
    return lockSummary(environment, this.locale) ?? 'Locked';
  }
}
