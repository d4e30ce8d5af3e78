import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { Action, isGrant, Permission, type OriginalRule } from '@shared/auth/permission';
import { Cluster } from '@shared/catalogue/cluster';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { ConfigApi } from '../../core/config-api';
import { Confirmation } from '../../core/confirmation';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { controlMessage, withUnplacedErrors } from '../../core/server-field-errors';
import { ConfigCall } from '../config-kit/config-call';
import { ConfigProblem } from '../config-kit/config-problem';
import { RecordActions } from '../config-kit/record-actions';
import { GroupsApi } from '../groups/groups-api';
import { userBlocker } from '../config-kit/user-blocker';
import { UsersApi } from '../users/users-api';
import { actionDescriptions } from './action-descriptions';
import { chooseAll, grantForm, grantsValue, type GrantForm } from './grant-form';
import { originalRulesNote, originalRuleText } from './original-rule-text';

/**
 * One user's or group's grants as an editable table; for a new record, whom it is for. The original's
 * rules an import kept in the record are shown apart, read-only, and sent back as they came on save.
 */
@Component({
  selector: 'app-permission-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    ProblemBanner,
    ConfigProblem,
    RecordActions,
  ],
  templateUrl: './permission-page.html',
  styleUrl: './permission-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionPage implements OnInit {
  private readonly config = inject(ConfigApi);
  private readonly users = inject(UsersApi);
  private readonly groups = inject(GroupsApi);
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);

  /** The user or group name from the route; absent when creating a record. */
  readonly name = input<string>();

  /** Whom the record is for, and its grants (named as the API names them). */
  readonly form = new FormGroup({
    Name: new FormControl('', { nonNullable: true, validators: Validators.required }),
    Permissions: new FormArray<GrantForm>([]),
  });
  /** The record as last read, or null for a new one. */
  readonly record = signal<Permission | null>(null);
  /** The original's rules in the record as last read, kept as they came; they grant nothing. */
  readonly originalRules = signal<readonly OriginalRule[]>([]);
  /** Users without a record yet, for a new one. */
  readonly freeUsers = signal<readonly string[]>([]);
  /** Groups without a record yet, for a new one. */
  readonly freeGroups = signal<readonly string[]>([]);
  /** Cluster names a grant may choose. */
  readonly clusters = signal<readonly string[]>([]);
  /** Environment type names a grant may choose. */
  readonly environmentTypes = signal<readonly string[]>([]);
  /** Whether the page is loading. */
  readonly loading = signal(true);
  /**
   * The change in flight and why the last failed. An update's body is the list (`body.0.Clusters.1`), a
   * create's a record (`body.Permissions.0.Clusters.1`); either way the original's rules come first, so
   * an index past them is a grant's and one among them is left to the banner.
   */
  readonly calls = new ConfigCall((problem) =>
    withUnplacedErrors(this.form, problem, {
      prefixes: ['body.Permissions.', 'body.'],
      rename: (path) => this.controlPath(path),
      nearest: true,
    }),
  );
  /** Why the signed-in user may not change permissions, or null. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });

  /** Every action, in the shared enum's order. */
  readonly actions = Action.options;
  /** Plain words for each action. */
  readonly descriptions = actionDescriptions;
  /** The message under a control. */
  readonly message = controlMessage;
  /** Why the original's rules are shown apart. */
  readonly rulesNote = originalRulesNote;
  /** A rule of the original in words. */
  readonly ruleText = originalRuleText;

  ngOnInit(): void {
    void this.load();
  }

  /** Adds a `deploy` grant on every cluster and environment type, to be narrowed. */
  addGrant(): void {
    this.form.controls.Permissions.push(grantForm());
    this.form.markAsDirty();
  }

  /** Removes a grant. */
  removeGrant(index: number): void {
    this.form.controls.Permissions.removeAt(index);
    this.form.markAsDirty();
  }

  /** Ticks or clears "all" for a grant's scope. */
  setAll(grant: GrantForm, scope: 'Clusters' | 'EnvironmentTypes', all: boolean): void {
    chooseAll(grant, scope, all);
  }

  /** Saves: creates the record, or replaces its grants if it is still at the version last read. */
  async save(): Promise<void> {
    if (this.blocker() || this.calls.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const record = this.record();
    const entries = [...this.originalRules(), ...grantsValue(this.form.controls.Permissions)];
    await this.calls.run(async () => {
      if (record) {
        this.show(await this.config.update('permissions', record.Name, record.Version, entries, Permission));
      } else {
        const name = this.form.controls.Name.value;
        this.show(await this.config.create('permissions', { Name: name, Permissions: entries }, Permission));
        await this.router.navigate(['/configuration/permissions', name]);
      }
    });
  }

  /** Deletes the record after asking: the user or group then holds no grants of its own. */
  async remove(): Promise<void> {
    const record = this.record();
    if (!record || this.blocker() || this.calls.busy()) {
      return;
    }
    const confirmed = await this.confirmation.ask({
      title: `Delete the grants of ${record.Name}?`,
      message: `${record.Name} keeps only what its groups grant.`,
      confirmLabel: 'Delete',
    });
    if (confirmed) {
      await this.calls.run(async () => {
        await this.config.remove('permissions', record.Name, record.Version);
        await this.router.navigate(['/configuration/permissions']);
      });
    }
  }

  /** Fetches the record again (after a 409), dropping unsaved edits. */
  async reload(): Promise<void> {
    this.calls.clear();
    await this.load();
  }

  private show(record: Permission): void {
    this.record.set(record);
    this.form.controls.Name.setValue(record.Name);
    this.form.controls.Name.disable();
    this.originalRules.set(record.Permissions.filter((e) => !isGrant(e)));
    this.form.setControl(
      'Permissions',
      new FormArray(record.Permissions.filter(isGrant).map((g) => grantForm(g))),
    );
    this.form.markAsPristine();
  }

  /** The control a server field path (`3.Clusters.1`, after the prefix) names, counting the rules first. */
  private controlPath(path: string): string {
    const match = /^(\d+)(.*)$/.exec(path);
    if (!match) {
      return path;
    }
    const index = Number(match[1]) - this.originalRules().length;
    return index >= 0 ? `Permissions.${index}${match[2]}` : `originalRules.${match[1]}${match[2]}`;
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const name = this.name();
      const [clusters, types] = await Promise.all([
        this.config.list('clusters', Cluster),
        this.config.list('environment-types', EnvironmentType),
      ]);
      this.clusters.set(sorted(clusters.map((c) => c.ClusterName)));
      this.environmentTypes.set(sorted(types.map((t) => t.EnvironmentType)));
      if (name) {
        this.show(await this.config.get('permissions', name, Permission));
      } else {
        await this.loadFreeNames();
      }
    } catch (error: unknown) {
      this.calls.problem.set(problemOf(error, 'The permission record could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  private async loadFreeNames(): Promise<void> {
    const [records, users, groups] = await Promise.all([
      this.config.list('permissions', Permission),
      this.users.list(),
      this.groups.list(),
    ]);
    const taken = new Set(records.map((r) => r.Name));
    this.freeUsers.set(sorted(users.map((u) => u.Username).filter((n) => !taken.has(n))));
    this.freeGroups.set(sorted(groups.map((g) => g.GroupName).filter((n) => !taken.has(n))));
  }
}

function sorted(names: readonly string[]): string[] {
  return [...names].sort((a, b) => a.localeCompare(b));
}
