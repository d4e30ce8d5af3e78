import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { NewPassword, UserUpdate, type User } from '@shared/auth/user';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { ConfigCall, fieldErrorsOn } from '../config-kit/config-call';
import { ConfigProblem } from '../config-kit/config-problem';
import { GroupsApi } from '../groups/groups-api';
import { userBlocker } from '../config-kit/user-blocker';
import { UsersApi } from './users-api';
import { UserFields, userProfile } from './user-fields';
import { FormActions } from '../config-kit/form-actions';
import { PasswordField } from './password-field';

// The API names a field `body.X`; the nearest control takes what no control names.
const nearestField = { prefixes: ['body.'], nearest: true };

/** One user: edit their profile, groups and disabled flag, or reset their password (the API keeps no delete). */
@Component({
  selector: 'app-user-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
    ConfigProblem,
    UserFields,
    FormActions,
    PasswordField,
  ],
  templateUrl: './user-page.html',
  styleUrl: './user-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserPage implements OnInit {
  private readonly users = inject(UsersApi);
  private readonly groups = inject(GroupsApi);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The username, from the route. */
  readonly name = input.required<string>();

  /** The profile's fields, checked with the shared schema. */
  readonly form = this.fb.group({
    DisplayName: ['', schemaValidator(UserUpdate.shape.DisplayName)],
    Email: ['', schemaValidator(UserUpdate.shape.Email)],
    Groups: [[] as string[]],
    Disabled: [false],
  });
  /** The new password's field. */
  readonly passwordForm = this.fb.group({
    Password: ['', [Validators.required, schemaValidator(NewPassword)]],
  });
  /** The user as last read. */
  readonly record = signal<User | null>(null);
  /** The groups a user may join. */
  readonly groupNames = signal<readonly string[]>([]);
  /** Whether the page is loading. */
  readonly loading = signal(true);
  /** The change in flight and why the last failed (a 409: someone else changed the user first). */
  readonly calls = new ConfigCall();
  /** What the last change did, for a polite announcement. */
  readonly notice = signal('');
  /** Why the signed-in user may not change users, or null. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a control. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.load();
  }

  /** Saves the profile, groups and disabled flag with the version last read. */
  async save(): Promise<void> {
    const record = this.record();
    if (!record || this.blocker() || this.calls.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    const body: UserUpdate = {
      ...userProfile(raw),
      Groups: raw.Groups,
      Disabled: raw.Disabled,
    };
    this.notice.set('');
    await this.calls.run(
      async () => {
        this.show(await this.users.update(record.Username, record.Version, body));
        this.notice.set('Saved.');
      },
      fieldErrorsOn(this.form, nearestField),
    );
  }

  /** Sets the new password. */
  async resetPassword(): Promise<void> {
    const record = this.record();
    if (!record || this.blocker() || this.calls.busy()) {
      return;
    }
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    this.notice.set('');
    await this.calls.run(
      async () => {
        const password = this.passwordForm.getRawValue().Password;
        this.show(await this.users.resetPassword(record.Username, record.Version, password));
        this.passwordForm.reset();
        this.notice.set('The password is reset.');
      },
      fieldErrorsOn(this.passwordForm, nearestField),
    );
  }

  /** Fetches the user again (after a 409), dropping unsaved edits. */
  async reload(): Promise<void> {
    this.calls.clear();
    await this.load();
  }

  private show(user: User): void {
    this.record.set(user);
    this.form.reset({
      DisplayName: user.DisplayName ?? '',
      Email: user.Email ?? '',
      Groups: user.Groups,
      Disabled: user.Disabled,
    });
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const [user, groups] = await Promise.all([this.users.get(this.name()), this.groups.names()]);
      this.groupNames.set(groups);
      this.show(user);
    } catch (error: unknown) {
      this.calls.problem.set(problemOf(error, `${this.name()} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }
}
