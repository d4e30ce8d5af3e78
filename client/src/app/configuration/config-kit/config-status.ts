import { ChangeDetectionStrategy, Component, input, type Signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiProblem } from '../../core/api-problem';
import { ConfigProblem } from './config-problem';

/** What a page reads its records with: a `ConfigRecords` or a `RecordEditor`. */
export interface StatusSource {
  readonly loading: Signal<boolean>;
  readonly problem: Signal<ApiProblem | null>;
  reload(): Promise<void>;
}

/** A configuration page's reading state: a progress bar while it loads, and why it failed (with Reload for a 409). */
@Component({
  selector: 'app-config-status',
  imports: [MatProgressBarModule, ConfigProblem],
  template: `
    @if (source().loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="label()" />
    }
    @if (source().problem(); as problem) {
      <app-config-problem [problem]="problem" (reload)="source().reload()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigStatus {
  /** What the page reads with: whether it is loading, why it failed, and how to read again (after a 409). */
  readonly source = input.required<StatusSource>();
  /** What loads, for screen readers: "Loading teams". */
  readonly label = input.required<string>();
}
