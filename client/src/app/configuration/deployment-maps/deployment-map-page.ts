import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { allows } from '@shared/auth/permission';
import { Cluster } from '@shared/catalogue/cluster';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { AuthSession } from '../../core/auth-session';
import { ConfigApi } from '../../core/config-api';
import { Confirmation } from '../../core/confirmation';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { controlMessage, withUnplacedErrors } from '../../core/server-field-errors';
import { deploymentMapForm, deploymentMapValue, roleForm } from './deployment-map-form';
import { ConfigCall } from '../config-kit/config-call';
import { ConfigProblem } from '../config-kit/config-problem';
import { RecordActions } from '../config-kit/record-actions';
import { RoleEditor } from './role-editor';
import { CatalogueApi } from '../../catalogue/catalogue-api';

/** A deployment map's role editor: its server roles as cards, saved with the version last read. */
@Component({
  selector: 'app-deployment-map-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    ProblemBanner,
    ConfigProblem,
    RoleEditor,
    RecordActions,
  ],
  templateUrl: './deployment-map-page.html',
  styleUrl: './deployment-map-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeploymentMapPage implements OnInit {
  private readonly config = inject(ConfigApi);
  private readonly services = inject(CatalogueApi);
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The map's name from the route; absent when creating one. */
  readonly name = input<string>();

  /** The map's controls. */
  readonly form = deploymentMapForm();
  /** The map as last read from the server, or null for a new one. */
  readonly record = signal<DeploymentMap | null>(null);
  /** The clusters a role may belong to. */
  readonly clusters = signal<readonly string[]>([]);
  /** Every service a role may host. */
  readonly catalogue = signal<readonly string[]>([]);
  /** Whether the page is loading. */
  readonly loading = signal(true);
  /** The save or delete in flight and why the last failed (a 409: a newer version, or environments using the map). */
  readonly calls = new ConfigCall((problem) => withUnplacedErrors(this.form, problem, { nearest: true }));
  /** The version the last save on this page stored, to confirm it; null until a save succeeds. */
  readonly savedVersion = signal<number | null>(null);

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** Why the user may not save this map, or null: edits need `edit-environments` on every role's cluster. */
  readonly saveBlocker = computed(() => {
    const stored = this.record()?.Value.DeploymentTarget.map((t) => t.OwningCluster) ?? [];
    const edited = (this.value().DeploymentTarget ?? []).map((t) => t?.OwningCluster ?? '');
    return this.blockerFor([...stored, ...edited]);
  });
  /** Why the user may not delete this map, or null. */
  readonly deleteBlocker = computed(() =>
    this.blockerFor(this.record()?.Value.DeploymentTarget.map((t) => t.OwningCluster) ?? []),
  );
  /** The message under a control. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.load();
  }

  /** Adds an empty role at the end. */
  addRole(): void {
    this.form.controls.DeploymentTarget.push(roleForm());
    this.form.markAsDirty();
  }

  /** Removes the role at `index`. */
  removeRole(index: number): void {
    this.form.controls.DeploymentTarget.removeAt(index);
    this.form.markAsDirty();
  }

  /** Moves the role at `index` one place up or down. */
  moveRole(index: number, by: -1 | 1): void {
    const roles = this.form.controls.DeploymentTarget;
    const role = roles.at(index);
    roles.removeAt(index, { emitEvent: false });
    roles.insert(index + by, role);
    this.form.markAsDirty();
  }

  /** Saves the map: creates it, or replaces its Value if it is still at the version last read. */
  async save(): Promise<void> {
    if (this.saveBlocker() || this.calls.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const record = this.record();
    const value = deploymentMapValue(this.form, record?.Value.SchemaVersion);
    this.savedVersion.set(null);
    await this.calls.run(async () => {
      if (record) {
        const saved = await this.config.update(
          'deployment-maps',
          record.DeploymentMapName,
          record.Version ?? 0,
          value,
          DeploymentMap,
        );
        this.show(saved);
        this.savedVersion.set(saved.Version ?? null);
      } else {
        const name = this.form.controls.DeploymentMapName.value.trim();
        const body = { DeploymentMapName: name, Value: value };
        this.show(await this.config.create('deployment-maps', body, DeploymentMap));
        await this.router.navigate(['/configuration/deployment-maps', name]);
      }
    });
  }

  /** Deletes the map after asking; the server refuses while environments use it. */
  async remove(): Promise<void> {
    const record = this.record();
    if (!record || this.deleteBlocker() || this.calls.busy()) {
      return;
    }
    const confirmed = await this.confirmation.ask({
      title: `Delete ${record.DeploymentMapName}?`,
      message: 'The map and its server roles are deleted. Environments using it must be changed first.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) {
      return;
    }
    this.savedVersion.set(null);
    await this.calls.run(async () => {
      await this.config.remove('deployment-maps', record.DeploymentMapName, record.Version ?? 0);
      await this.router.navigate(['/configuration/deployment-maps']);
    });
  }

  /** Fetches the map again (after a 409), dropping unsaved edits. */
  async reload(): Promise<void> {
    this.calls.clear();
    await this.load();
  }

  private blockerFor(clusters: readonly string[]): string | null {
    const grants = this.user()?.grants ?? [];
    const named = [...new Set(clusters.filter((c) => c !== ''))].sort();
    if (named.length === 0) {
      return allows(grants, 'edit-environments', {})
        ? null
        : 'You need the edit-environments permission to change deployment maps.';
    }
    const refused = named.filter((cluster) => !allows(grants, 'edit-environments', { cluster }));
    return refused.length === 0
      ? null
      : `You need the edit-environments permission on ${refused.join(', ')} to change this map.`;
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const name = this.name();
      const [record, clusters, catalogue] = await Promise.all([
        name ? this.config.get('deployment-maps', name, DeploymentMap) : Promise.resolve(null),
        this.config.list('clusters', Cluster),
        this.services.list(),
      ]);
      this.clusters.set(clusters.map((c) => c.ClusterName).sort((a, b) => a.localeCompare(b)));
      // the server lists live services only: a role may not host a deleted one
      this.catalogue.set(catalogue.map((s) => s.ServiceName).sort((a, b) => a.localeCompare(b)));
      if (record) {
        this.show(record);
      }
    } catch (error: unknown) {
      this.calls.problem.set(problemOf(error, 'The deployment map could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }

  private show(record: DeploymentMap): void {
    this.record.set(record);
    const fresh = deploymentMapForm(record);
    this.form.setControl('DeploymentTarget', fresh.controls.DeploymentTarget);
    this.form.reset(fresh.getRawValue());
    this.form.controls.DeploymentMapName.disable();
  }
}
