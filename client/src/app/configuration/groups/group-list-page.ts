import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Group, GroupUpdate } from '@shared/auth/user';
import { Confirmation } from '../../core/confirmation';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { ConfigCall, fieldErrorsOn } from '../config-kit/config-call';
import { ConfigProblem } from '../config-kit/config-problem';
import { userBlocker } from '../config-kit/user-blocker';
import { ListFilter } from '../../core/list-filter';
import { ListPager } from '../../core/list-pager';
import { optionalText } from '../config-kit/optional-text';
import { PagedList } from '../../core/paged-list';
import { GroupsApi } from './groups-api';
import { DeleteButton } from '../config-kit/delete-button';

/** Every group, paged, with a form to create one, its description editable, and a delete that names who still uses it. */
@Component({
  selector: 'app-group-list-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ListFilter,
    ListPager,
    MatProgressBarModule,
    MatTooltipModule,
    ProblemBanner,
    ConfigProblem,
    DeleteButton,
  ],
  templateUrl: './group-list-page.html',
  styleUrl: './group-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupListPage implements OnInit {
  private readonly api = inject(GroupsApi);
  private readonly confirmation = inject(Confirmation);

  /** The groups, by name. */
  readonly groups = signal<readonly Group[]>([]);
  /** Whether the list is loading. */
  readonly loading = signal(true);
  /** The groups shown: filtered by name or description, and paged. */
  readonly list = new PagedList(this.groups, { text: (g) => [g.GroupName, g.Description] });
  /** The group whose description is being edited, or null. */
  readonly editing = signal<Group | null>(null);

  /** The new group's fields, checked with the shared schema. */
  readonly form = inject(NonNullableFormBuilder).group({
    GroupName: ['', [Validators.required, schemaValidator(Group.shape.GroupName)]],
    Description: ['', schemaValidator(Group.shape.Description)],
  });
  /** The change in flight and why the last failed (a 409: a group still in use, a stale version or a taken name). */
  readonly calls = new ConfigCall(fieldErrorsOn(this.form, { prefixes: ['body.'] }));

  /** The edited group's description, checked with the shared schema. */
  readonly describeForm = inject(NonNullableFormBuilder).group({
    Description: ['', schemaValidator(GroupUpdate.shape.Description)],
  });
  /** Why the user may not change groups, or null. */
  readonly changeBlocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a control. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.load();
  }

  /** Opens the description of a group for editing. */
  edit(group: Group): void {
    if (this.changeBlocker()) {
      return;
    }
    this.describeForm.reset({ Description: group.Description ?? '' });
    this.editing.set(group);
  }

  /** Closes the description editor without saving. */
  cancelEdit(): void {
    this.editing.set(null);
  }

  /** Saves the edited description at the version listed (If-Match). */
  async saveDescription(): Promise<void> {
    const group = this.editing();
    if (!group || this.changeBlocker() || this.calls.busy()) {
      return;
    }
    if (this.describeForm.invalid) {
      this.describeForm.markAllAsTouched();
      return;
    }
    const description = optionalText(this.describeForm.getRawValue().Description);
    await this.calls.run(
      async () => {
        const saved = await this.api.update(group.GroupName, group.Version ?? 0, {
          ...(description === undefined ? {} : { Description: description }),
        });
        this.groups.update((all) => all.map((g) => (g.GroupName === saved.GroupName ? saved : g)));
        this.editing.set(null);
      },
      fieldErrorsOn(this.describeForm, { prefixes: ['body.'] }),
    );
  }

  /** Creates the group in the form. */
  async create(): Promise<void> {
    if (this.changeBlocker() || this.calls.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { GroupName, Description } = this.form.getRawValue();
    const body = {
      GroupName: GroupName.trim(),
      ...(Description.trim() ? { Description: Description.trim() } : {}),
    };
    await this.calls.run(async () => {
      const created = await this.api.create(body);
      this.groups.update((all) => sortByName([...all, created]));
      this.form.reset();
    });
  }

  /** Deletes a group after asking; the server refuses while users or clusters name it. */
  async remove(group: Group): Promise<void> {
    if (this.changeBlocker() || this.calls.busy()) {
      return;
    }
    const confirmed = await this.confirmation.ask({
      title: `Delete ${group.GroupName}?`,
      message: 'Its members lose the permissions given to the group.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    await this.calls.run(async () => {
      await this.api.remove(group.GroupName, group.Version ?? 0);
      this.groups.update((all) => all.filter((g) => g.GroupName !== group.GroupName));
    });
  }

  /** Fetches the groups again (after a 409). */
  async reload(): Promise<void> {
    this.calls.conflict.set(null);
    this.editing.set(null);
    await this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.groups.set(sortByName(await this.api.list()));
    } catch (error: unknown) {
      this.calls.problem.set(problemOf(error, 'The groups could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}

function sortByName(groups: readonly Group[]): Group[] {
  return [...groups].sort((a, b) => a.GroupName.localeCompare(b.GroupName));
}
