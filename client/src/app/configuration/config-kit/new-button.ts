import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';

/** A list page's "New ..." button, opening the new record's form: disabled, still focusable, with the reason in its tooltip when the user may not create. */
@Component({
  selector: 'app-new-button',
  imports: [MatButtonModule, MatTooltipModule],
  template: `
    <button
      mat-flat-button
      type="button"
      class="create"
      [disabled]="blocker() !== null"
      disabledInteractive
      [matTooltip]="blocker() ?? ''"
      [attr.aria-describedby]="blocker() ? describedBy() : null"
      (click)="open()"
    >
      {{ label() }}
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewButton {
  /** The button's text, e.g. "New team". */
  readonly label = input.required<string>();
  /** Why the user may not create one, or null when they may. */
  readonly blocker = input<string | null>(null);
  /** The id of a note that explains the blocker, if the page shows one. */
  readonly describedBy = input<string | null>(null);
  /** The new record's form, e.g. `/configuration/teams/new`. */
  readonly link = input.required<string>();

  private readonly router = inject(Router);

  /** Opens the form, unless something blocks it (a disabled-interactive button still gets clicks). */
  open(): void {
    if (this.blocker() === null) {
      void this.router.navigate([this.link()]);
    }
  }
}
