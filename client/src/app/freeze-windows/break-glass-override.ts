import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ActiveFreezeWindow } from '@shared/catalogue/freeze-window';
import { BreakGlassRequest } from '@shared/governance/break-glass';
import { schemaValidator } from '../core/schema-validator';

/**
 * A freeze window standing in the way of a deployment or patch: its name, where it was set and when it
 * ends; for a holder of break-glass, a mandatory reason and the button that overrides it.
 */
@Component({
  selector: 'app-break-glass-override',
  imports: [DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="freeze-window" aria-label="Freeze window">
      <p class="window">
        <strong>{{ window().Name }}</strong> ({{ place() }}) freezes changes until
        <time [attr.datetime]="window().EndsAt">{{ window().EndsAt | date: 'yyyy-MM-dd HH:mm' }}</time>{{
          window().Reason ? ': ' + window().Reason : ''
        }}.
      </p>
      @if (mayBreakGlass()) {
        <form [formGroup]="form" novalidate (ngSubmit)="breakGlass()">
          <mat-form-field appearance="outline" class="reason">
            <mat-label>Why it cannot wait (break-glass reason)</mat-label>
            <textarea matInput formControlName="reason" name="breakGlassReason" required rows="2"></textarea>
            <mat-hint>Recorded on the {{ noun() }}, audited and announced.</mat-hint>
            @if (form.controls.reason.hasError('required')) {
              <mat-error>Give the reason for breaking the glass.</mat-error>
            } @else if (form.controls.reason.getError('schema'); as message) {
              <mat-error>The reason {{ message }}.</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button color="warn" type="submit" class="break-glass" [disabled]="busy()">
            {{ label() }}
          </button>
        </form>
      } @else {
        <p class="no-break-glass">
          Only a holder of the break-glass permission for this team and environment type can override it.
        </p>
      }
    </section>
  `,
  styles: `
    .freeze-window {
      border-left: 4px solid var(--mat-sys-error, #b3261e);
      padding: 0 1rem;
      margin: 1rem 0;
    }
    .reason {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BreakGlassOverride {
  /** The window in force. */
  readonly window = input.required<ActiveFreezeWindow>();
  /** Whether the user holds break-glass where the change goes. */
  readonly mayBreakGlass = input(false);
  /** The button's words: "Deploy anyway (break-glass)". */
  readonly label = input('Deploy anyway (break-glass)');
  /** What the override goes on: deployment or patch. */
  readonly noun = input('deployment');
  /** Whether a call is in flight. */
  readonly busy = input(false);
  /** The reason given, once the user breaks the glass. */
  readonly override = output<string>();

  /** The mandatory reason, checked as the server checks it. */
  readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, schemaValidator(BreakGlassRequest.shape.reason)]],
  });

  /** Where the window was set, in words. */
  readonly place = computed(() => {
    const w = this.window();
    return w.Scope === 'environment' ? `set on ${w.SetOn}` : `set on every ${w.SetOn} environment`;
  });

  /** Sends the reason on, once there is one. */
  breakGlass(): void {
    const reason = this.form.getRawValue().reason.trim();
    if (this.form.invalid || reason === '') {
      this.form.controls.reason.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    this.override.emit(reason);
  }
}
