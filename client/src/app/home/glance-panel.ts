import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ProblemBanner } from '../core/problem-banner';
import type { Loaded } from './loaded';

/**
 * One panel of the home page: a heading with its count, then a loading bar, the problem, what an empty
 * panel means, or the panel's content (projected) once there is something to list.
 */
@Component({
  selector: 'app-glance-panel',
  imports: [MatProgressBarModule, ProblemBanner],
  template: `
    <section class="panel" [attr.aria-labelledby]="headingId()" [attr.aria-busy]="isLoading()">
      <h2 [id]="headingId()">
        {{ heading() }}
        @if (count() !== undefined) {
          <span class="count" [class.zero]="count() === 0">{{ count() }}</span>
        }
      </h2>
      @if (isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + heading().toLowerCase()" />
      } @else if (problem(); as problem) {
        <app-problem-banner [problem]="problem" />
      } @else if (count() === 0) {
        <p class="empty">{{ empty() }}</p>
      } @else {
        <ng-content />
      }
    </section>
  `,
  styleUrl: './glance-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GlancePanel {
  /** The panel's heading. */
  readonly heading = input.required<string>();
  /** The heading's id, which names the panel's region. */
  readonly headingId = input.required<string>();
  /** Where the panel's data stands. */
  readonly loaded = input.required<Loaded<unknown>>();
  /** How many items the panel has, once loaded; 0 shows the empty text instead of the content. */
  readonly count = input<number | undefined>(undefined);
  /** What an empty panel means, in words. */
  readonly empty = input.required<string>();

  /** Whether the data is still on its way. */
  readonly isLoading = computed(() => this.loaded().state === 'loading');
  /** Why the data could not be loaded. */
  readonly problem = computed(() => {
    const loaded = this.loaded();
    return loaded.state === 'failed' ? loaded.problem : null;
  });
}
