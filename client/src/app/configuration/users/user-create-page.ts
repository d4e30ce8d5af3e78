import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { NewPassword, NewUser } from '@shared/auth/user';
import type { ApiProblem } from '../../core/api-problem';
import { AuthSession } from '../../core/auth-session';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { applyServerFieldErrors, controlMessage } from '../../core/server-field-errors';
import { GroupsApi } from '../groups/groups-api';
import { editBlocker } from '../config-kit/edit-blocker';
import { UsersApi } from './users-api';

/** Creates a portal user: name, profile, groups and an initial password the shared rule accepts. */
@Component({
  selector: 'app-user-create-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './user-create-page.html',
  styleUrl: './user-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserCreatePage implements OnInit {
  private readonly users = inject(UsersApi);
  private readonly groups = inject(GroupsApi);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

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
  readonly blocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'admin', everywhere: true }),
  );
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
      ...(raw.DisplayName.trim() ? { DisplayName: raw.DisplayName.trim() } : {}),
      ...(raw.Email.trim() ? { Email: raw.Email.trim() } : {}),
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
      const groups = await this.groups.list();
      this.groupNames.set(groups.map((g) => g.GroupName).sort((a, b) => a.localeCompare(b)));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The groups could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
