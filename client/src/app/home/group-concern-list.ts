import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { concernsByEnvironment, type GroupConcern } from './group-concern';
import { ShortList } from './short-list';

/**
 * Groups needing attention, counted by environment: each environment links to its page and opens to its
 * groups and why; the environments with most come first, a few at a time.
 */
@Component({
  selector: 'app-group-concern-list',
  imports: [MatButtonModule, RouterLink],
  template: `
    <p class="summary">{{ groups(concerns().length) }} in {{ environments(byEnvironment().length) }}</p>
    <ul class="items">
      @for (e of list.shown(); track e.environment) {
        <li>
          @if (e.environment; as environment) {
            <a [routerLink]="['/environments', environment]">{{ environment }}</a>
          } @else {
            <span class="no-environment">Without an Environment tag</span>
          }
          <details>
            <summary>{{ groups(e.groups.length) }}</summary>
            <ul class="groups">
              @for (g of e.groups; track g.group) {
                <li>
                  <span class="group">{{ g.group }}</span>: <span class="detail">{{ g.reason }}</span>
                </li>
              }
            </ul>
          </details>
        </li>
      }
    </ul>
    @if (list.hidden() > 0 || list.collapsible()) {
      <p class="more">
        <button mat-button type="button" (click)="list.toggle()" [attr.aria-expanded]="list.collapsible()">
          {{ list.collapsible() ? 'Show fewer' : 'Show all ' + environments(byEnvironment().length) }}
        </button>
      </p>
    }
  `,
  styleUrl: './group-concern-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupConcernList {
  /** The groups and why each needs attention. */
  readonly concerns = input.required<readonly GroupConcern[]>();
  /** What the groups are, in the summary and each environment's count ("unhealthy group"). */
  readonly noun = input('group');

  /** The concerns by environment, most first. */
  readonly byEnvironment = computed(() => concernsByEnvironment(this.concerns()));
  /** The first few environments, or all of them when asked. */
  readonly list = new ShortList(this.byEnvironment);

  /** "1 unhealthy group", "3 unhealthy groups". */
  groups(n: number): string {
    return `${n} ${this.noun()}${n === 1 ? '' : 's'}`;
  }

  /** "1 environment", "2 environments". */
  environments(n: number): string {
    return `${n} environment${n === 1 ? '' : 's'}`;
  }
}
