import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** What the kill switch is about to turn off. */
export interface KillQuestion {
  readonly toggle: string;
  /** The one environment, or undefined for every environment it is set in. */
  readonly environment?: string;
}

/** The kill switch's confirmation: what goes off, and why (required, kept in the audit trail); closes with the reason. */
@Component({
  selector: 'app-kill-switch-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Turn {{ question.toggle }} off {{ where }}?</h2>
    <form [formGroup]="form" novalidate (ngSubmit)="confirm()">
      <mat-dialog-content>
        <p>
          {{ question.toggle }} goes off {{ where }} at once, for everyone, whatever waits for approval and
          whoever is listed.
        </p>
        <mat-form-field appearance="outline" class="reason">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" name="kill-reason" required rows="2"></textarea>
          <mat-hint>Kept in the audit trail.</mat-hint>
          <mat-error>Say why it goes off (it is kept in the audit trail).</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="null">Keep it</button>
        <button mat-flat-button type="submit" class="confirm-kill">Turn off</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KillSwitchDialog {
  private readonly ref = inject<MatDialogRef<KillSwitchDialog, string | null>>(MatDialogRef);

  /** What goes off. */
  readonly question = inject<KillQuestion>(MAT_DIALOG_DATA);
  /** Where, in words. */
  readonly where = this.question.environment ? `in ${this.question.environment}` : 'in every environment';
  /** The reason asked for. */
  readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.pattern(/\S/)]],
  });

  /** Closes with the reason, once one is given. */
  confirm(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.ref.close(this.form.getRawValue().reason.trim());
  }
}
