import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';

/**
 * A record page's Delete (once the record exists) and Save (submit) buttons, each disabled with its reason,
 * and under them why Save is blocked.
 */
@Component({
  selector: 'app-record-actions',
  imports: [MatButtonModule, MatTooltipModule],
  template: `
    <div class="actions">
      @if (exists()) {
        <button
          mat-button
          type="button"
          class="delete"
          [disabled]="deleteBlocker() !== null || busy()"
          disabledInteractive
          [matTooltip]="deleteBlocker() ?? ''"
          (click)="remove.emit()"
        >
          {{ deleteLabel() }}
        </button>
      }
      <span class="spacer"></span>
      <button
        mat-flat-button
        type="submit"
        class="save"
        [disabled]="saveBlocker() !== null || busy()"
        disabledInteractive
        [matTooltip]="saveBlocker() ?? ''"
        [attr.aria-describedby]="saveBlocker() ? 'save-blocker' : null"
      >
        {{ saveLabel() }}
      </button>
    </div>
    @if (saveBlocker(); as reason) {
      <p id="save-blocker" class="blocker">{{ reason }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 1.5rem;
    }
    .spacer {
      flex: 1;
    }
    .blocker {
      text-align: right;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordActions {
  /** Whether the record is stored yet (only a stored one can be deleted). */
  readonly exists = input.required<boolean>();
  /** The Delete button's text. */
  readonly deleteLabel = input.required<string>();
  /** The Save button's text. */
  readonly saveLabel = input.required<string>();
  /** Why the user may not save, or null. */
  readonly saveBlocker = input<string | null>(null);
  /** Why the user may not delete, or null. */
  readonly deleteBlocker = input<string | null>(null);
  /** Whether a change is in flight. */
  readonly busy = input(false);
  /** Asked to delete the record. */
  readonly remove = output<void>();
}
