import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { controlMessage } from '../../core/server-field-errors';

/** A new password for a user (set on create or reset), checked as the server does. */
@Component({
  selector: 'app-password-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="password"
        [formControl]="control()"
        name="Password"
        required
        autocomplete="new-password"
      />
      <mat-hint>{{ hint() }}</mat-hint>
      <mat-error>The password {{ message(control()) }}.</mat-error>
    </mat-form-field>
  `,
  // the field stays in the page form's column
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordField {
  /** The page form's password control. */
  readonly control = input.required<FormControl<string>>();
  /** The field's label. */
  readonly label = input.required<string>();
  /** What the user should know about it. */
  readonly hint = input.required<string>();
  /** The message under the field. */
  readonly message = controlMessage;
}
