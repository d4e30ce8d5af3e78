import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { controlMessage } from '../../core/server-field-errors';

/** The controls of a user's profile that the create and edit forms share. */
export interface UserFieldControls {
  readonly DisplayName: FormControl<string>;
  readonly Email: FormControl<string>;
  readonly Groups: FormControl<string[]>;
}

/** A user's display name, e-mail and groups, inside the page's own form. */
@Component({
  selector: 'app-user-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Display name</mat-label>
      <input matInput [formControl]="controls().DisplayName" name="DisplayName" autocomplete="off" />
      <mat-error>The display name {{ message(controls().DisplayName) }}.</mat-error>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>E-mail</mat-label>
      <input matInput type="email" [formControl]="controls().Email" name="Email" autocomplete="off" />
      <mat-error>The e-mail {{ message(controls().Email) }}.</mat-error>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>Groups</mat-label>
      <mat-select [formControl]="controls().Groups" multiple class="groups">
        @for (group of groupNames(); track group) {
          <mat-option [value]="group">{{ group }}</mat-option>
        }
      </mat-select>
      <mat-error>The groups {{ message(controls().Groups) }}.</mat-error>
    </mat-form-field>
  `,
  // the fields stay in the page form's column
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserFields {
  /** The page form's profile controls. */
  readonly controls = input.required<UserFieldControls>();
  /** The groups a user may join. */
  readonly groupNames = input.required<readonly string[]>();
  /** The message under a control. */
  readonly message = controlMessage;
}

/** The optional profile fields as the API takes them: trimmed, and left out when empty. */
export function userProfile(raw: { DisplayName: string; Email: string }): {
  DisplayName?: string;
  Email?: string;
} {
  const name = raw.DisplayName.trim();
  const email = raw.Email.trim();
  return { ...(name ? { DisplayName: name } : {}), ...(email ? { Email: email } : {}) };
}
