import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

/**
 * An edit form's Cancel link and Save (submit) button, at the form's end; Save stays focusable when blocked so its tooltip
 * and the page's read-only note can say why.
 */
@Component({
  selector: 'app-form-actions',
  imports: [MatButtonModule, MatTooltipModule, RouterLink],
  template: `
    @if (cancel(); as cancel) {
      <a mat-button [routerLink]="cancel">Cancel</a>
    }
    <button
      mat-flat-button
      type="submit"
      class="save"
      [disabled]="blocker() !== null || busy()"
      disabledInteractive
      [matTooltip]="blocker() ?? ''"
      [attr.aria-describedby]="blocker() ? describedBy() : null"
    >
      {{ label() }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      gap: 0.5rem;
      justify-content: flex-end;
      margin-top: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormActions {
  /** Where Cancel leads (the list); no Cancel without it. */
  readonly cancel = input<string>();
  /** The submit button's text. */
  readonly label = input('Save');
  /** Why the user may not save, or null when they may. */
  readonly blocker = input<string | null>(null);
  /** Whether the record is loading or saving, so Save must wait. */
  readonly busy = input(false);
  /** The id of the page's read-only note. */
  readonly describedBy = input<string | null>(null);
}
