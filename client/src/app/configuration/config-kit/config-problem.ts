import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ApiProblem } from '../../core/api-problem';
import { ProblemBanner } from '../../core/problem-banner';
import { referrersOf } from '../../core/referrers-of';

/**
 * A failed config change in words: the server's problem, the records that still use the one being deleted,
 * and for any other 409 (someone changed it meanwhile) an explanation with a Reload button.
 */
@Component({
  selector: 'app-config-problem',
  imports: [MatButtonModule, ProblemBanner],
  template: `
    <app-problem-banner [problem]="problem()" />
    @if (referrers().length > 0) {
      <div class="referrers">
        <p>It is still used by:</p>
        <ul>
          @for (referrer of referrers(); track referrer.kind + referrer.key) {
            <li>
              {{ referrer.kind }} <strong>{{ referrer.key }}</strong>
            </li>
          }
        </ul>
        <p>Change or delete those first, then try again.</p>
      </div>
    } @else if (problem().status === 409 && !reloadable()) {
      <p class="conflict">
        This clashes with a change saved meanwhile. Check the current records, then try again.
      </p>
    } @else if (problem().status === 409) {
      <div class="conflict">
        <p>
          Someone else changed this since you loaded it. Reload to see the current version, then make your
          change again.
        </p>
        <button mat-stroked-button type="button" class="reload" (click)="reload.emit()">Reload</button>
      </div>
    }
  `,
  styles: `
    .referrers,
    .conflict {
      margin: 0 0 0.75rem;
    }
    li::first-letter {
      text-transform: uppercase;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigProblem {
  /** The problem to explain. */
  readonly problem = input.required<ApiProblem>();
  /** Whether a 409 is answered with Reload (an edited record) or with "try again" (a batch change). */
  readonly reloadable = input(true);
  /** Asked for when the user wants the current version after a 409. */
  readonly reload = output();

  /** The records still using the one that could not be deleted. */
  readonly referrers = computed(() => referrersOf(this.problem()));
}
