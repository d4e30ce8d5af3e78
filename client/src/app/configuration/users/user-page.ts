import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { NewPassword, UserUpdate, type User } from '@shared/auth/user';
import type { ApiProblem } from '../../core/api-problem';
import { AuthSession } from '../../core/auth-session';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { applyServerFieldErrors, controlMessage } from '../../core/server-field-errors';
import { ConfigProblem } from '../config-kit/config-problem';
import { GroupsApi } from '../groups/groups-api';
import { editBlocker } from '../config-kit/edit-blocker';
import { UsersApi } from './users-api';

/** One user: edit their profile, groups and disabled flag, or reset their password (the API keeps no delete). */
@Component({
  selector: 'app-user-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
    ConfigProblem,
  ],
  templateUrl: './user-page.html',
  styleUrl: './user-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserPage implements OnInit {
  private readonly users = inject(UsersApi);
  private readonly groups = inject(GroupsApi);
  private readonly session = inject(AuthSession).user;
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
  /** Whether a change is in flight. */
  readonly busy = signal(false);
  /** Why the last call failed (other than a 409). */
  readonly problem = signal<ApiProblem | null>(null);
  /** The last 409: someone else changed the user first. */
  readonly conflict = signal<ApiProblem | null>(null);
  /** What the last change did, for a polite announcement. */
  readonly notice = signal('');
  /** Why the signed-in user may not change users, or null. */
  readonly blocker = computed(() =>
    editBlocker(this.session()?.grants ?? [], { action: 'admin', everywhere: true }),
  );
  /** The message under a control. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.load();
  }

  /** Saves the profile, groups and disabled flag with the version last read. */
  async save(): Promise<void> {
    const record = this.record();
    if (!record || this.blocker() || this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    const body: UserUpdate = {
      ...(raw.DisplayName.trim() ? { DisplayName: raw.DisplayName.trim() } : {}),
      ...(raw.Email.trim() ? { Email: raw.Email.trim() } : {}),
      Groups: raw.Groups,
      Disabled: raw.Disabled,
    };
    await this.call(this.form, async () => {
      this.show(await this.users.update(record.Username, record.Version, body));
      this.notice.set('Saved.');
    });
  }

  /** Sets the new password. */
  async resetPassword(): Promise<void> {
    const record = this.record();
    if (!record || this.blocker() || this.busy()) {
      return;
    }
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    await this.call(this.passwordForm, async () => {
      const password = this.passwordForm.getRawValue().Password;
      this.show(await this.users.resetPassword(record.Username, record.Version, password));
      this.passwordForm.reset();
      this.notice.set('The password is reset.');
    });
  }

  /** Fetches the user again (after a 409), dropping unsaved edits. */
  async reload(): Promise<void> {
    this.conflict.set(null);
    this.problem.set(null);
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

  private async call(form: typeof this.form | typeof this.passwordForm, work: () => Promise<void>) {
    this.busy.set(true);
    this.problem.set(null);
    this.conflict.set(null);
    this.notice.set('');
    try {
      await work();
    } catch (error: unknown) {
      const problem = problemOf(error, 'The server could not be reached. Please try again.');
      if (problem.status === 409) {
        this.conflict.set(problem);
      } else {
        applyServerFieldErrors(form, problem, { prefixes: ['body.'], nearest: true });
        this.problem.set(problem);
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const [user, groups] = await Promise.all([this.users.get(this.name()), this.groups.list()]);
      this.groupNames.set(groups.map((g) => g.GroupName).sort((a, b) => a.localeCompare(b)));
      this.show(user);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `${this.name()} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }
}
