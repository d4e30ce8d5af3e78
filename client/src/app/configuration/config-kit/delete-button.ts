import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';

/** A list row's Delete button: disabled, still focusable, with the reason in its tooltip when the user may not delete. */
@Component({
  selector: 'app-delete-button',
  imports: [MatButtonModule, MatTooltipModule],
  template: `
    <button
      mat-button
      type="button"
      class="delete"
      [disabled]="blocker() !== null || busy()"
      disabledInteractive
      [matTooltip]="blocker() ?? ''"
      [attr.aria-label]="label()"
      (click)="blocker() === null && remove.emit()"
    >
      Delete
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeleteButton {
  /** What it deletes, for screen readers: "Delete team Tango". */
  readonly label = input.required<string>();
  /** Why the user may not delete it, or null when they may. */
  readonly blocker = input<string | null>(null);
  /** Whether a change is in flight, so this one must wait. */
  readonly busy = input(false);
  /** Asked to delete (only when nothing blocks it). */
  readonly remove = output<void>();
}
