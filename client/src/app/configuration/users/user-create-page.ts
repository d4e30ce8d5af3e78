import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { NewPassword, NewUser } from '@shared/auth/user';
import type { ApiProblem } from '../../core/api-problem';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { applyServerFieldErrors, controlMessage } from '../../core/server-field-errors';
import { GroupsApi } from '../groups/groups-api';
import { userBlocker } from '../config-kit/user-blocker';
import { UsersApi } from './users-api';
import { UserFields, userProfile } from './user-fields';
import { FormActions } from '../config-kit/form-actions';
import { PasswordField } from './password-field';

/** Creates a portal user: name, profile, groups and an initial password the shared rule accepts. */
@Component({
  selector: 'app-user-create-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    UserFields,
    FormActions,
    PasswordField,
  ],
  templateUrl: './user-create-page.html',
  styleUrl: './user-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserCreatePage implements OnInit {
  private readonly users = inject(UsersApi);
  private readonly groups = inject(GroupsApi);
  private readonly router = inject(Router);

  /** The new user's fields, checked with the shared schemas. */
  readonly form = inject(NonNullableFormBuilder).group({
    Username: ['', [Validators.required, schemaValidator(NewUser.shape.Username)]],
    DisplayName: ['', schemaValidator(NewUser.shape.DisplayName)],
    Email: ['', schemaValidator(NewUser.shape.Email)],
    Groups: [[] as string[]],
    Password: ['', [Validators.required, schemaValidator(NewPassword)]],
  });
  /** The groups a user may join. */
  readonly groupNames = signal<readonly string[]>([]);
  /** Whether the groups are loading. */
  readonly loading = signal(true);
  /** Whether the create is in flight. */
  readonly busy = signal(false);
  /** Why the last call failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Why the signed-in user may not create users, or null. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a control. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.load();
  }

  /** Creates the user and opens their page. */
  async create(): Promise<void> {
    if (this.blocker() || this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    const body: NewUser = {
      Username: raw.Username.trim(),
      ...userProfile(raw),
      Groups: raw.Groups,
      Password: raw.Password,
    };
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await this.users.create(body);
      await this.router.navigate(['/configuration/users', created.Username]);
    } catch (error: unknown) {
      const problem = problemOf(error, 'The user could not be created. Please try again.');
      applyServerFieldErrors(this.form, problem, { prefixes: ['body.'], nearest: true });
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.groupNames.set(await this.groups.names());
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The groups could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
