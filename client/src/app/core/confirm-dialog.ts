import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

/** What the confirmation asks. */
export interface ConfirmQuestion {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
}

/** A yes/no dialog; it closes with true when the user confirms. */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ question.title }}</h2>
    <mat-dialog-content>{{ question.message }}</mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Keep it</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ question.confirmLabel }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  /** The question shown. */
  readonly question = inject<ConfirmQuestion>(MAT_DIALOG_DATA);
}
