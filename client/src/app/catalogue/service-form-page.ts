import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Cluster } from '@shared/catalogue/cluster';
import { Lifecycle, ServiceValue, type Service } from '@shared/catalogue/service';
import { ApiProblem, isApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ConfigApi } from '../core/config-api';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { applyServerFieldErrors, controlMessage } from '../core/server-field-errors';
import { CatalogueApi } from './catalogue-api';
import { createBlocker, editableClusters, editBlocker } from './catalogue-permission';
import { contactForm, fillServiceForm, linkForm, serviceForm } from './service-form';
import { serviceValueOf } from './service-value-of';

/** Create a service (`/catalogue/new`) or edit one (`/catalogue/:name/edit`), checked as the server checks it. */
@Component({
  selector: 'app-service-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ProblemBanner,
  ],
  templateUrl: './service-form-page.html',
  styleUrl: './service-form-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceFormPage implements OnInit {
  private readonly api = inject(CatalogueApi);
  private readonly config = inject(ConfigApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly user = inject(AuthSession).user;

  /** The service being edited, from the route; absent on create. */
  readonly name = input<string>();

  /** The form, its controls named as the API's fields. */
  readonly form = serviceForm(this.fb);
  /** The lifecycles on offer. */
  readonly lifecycles = Lifecycle.options;
  /** The package types on offer. */
  readonly packageTypes = ServiceValue.shape.PackageType.unwrap().options;
  /** The message under a control. */
  readonly message = controlMessage;

  /** The service as last read, when editing. */
  readonly original = signal<Service | null>(null);
  /** The clusters the user may create services in. */
  readonly clusters = signal<readonly string[]>([]);
  /** Whether the page is loading. */
  readonly loading = signal(true);
  /** Why the page could not be loaded. */
  readonly loadProblem = signal<ApiProblem | null>(null);
  /** Why the last save failed, without the field errors shown at their fields. */
  readonly saveProblem = signal<ApiProblem | null>(null);
  /** Whether the last save met a 409: a stale version or a port someone holds. */
  readonly conflict = signal(false);
  /** Whether a save is in flight. */
  readonly saving = signal(false);

  /** Whether this is the edit form. */
  readonly editing = computed(() => this.name() !== undefined);
  /** Why the user may not save this form, or null when they may. */
  readonly blocker = computed(() => {
    const grants = this.user()?.grants ?? [];
    const original = this.original();
    if (original) {
      return editBlocker(grants, original.OwningCluster);
    }
    return this.editing() ? null : createBlocker(grants);
  });

  ngOnInit(): void {
    void this.load();
  }

  /** Adds an empty contact. */
  addContact(): void {
    this.form.controls.Contacts.push(contactForm(this.fb));
  }

  /** Removes the contact at `index`. */
  removeContact(index: number): void {
    this.form.controls.Contacts.removeAt(index);
  }

  /** Adds an empty link. */
  addLink(): void {
    this.form.controls.Links.push(linkForm(this.fb));
  }

  /** Removes the link at `index`. */
  removeLink(index: number): void {
    this.form.controls.Links.removeAt(index);
  }

  /** Sends the form (create or update), then shows the service; a refusal lands at its fields. */
  async save(): Promise<void> {
    if (this.blocker() || this.saving()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saveProblem.set(null);
    this.conflict.set(false);
    const original = this.original();
    try {
      const raw = this.form.getRawValue();
      const saved = original
        ? await this.api.update(original, serviceValueOf(this.form, original.Value))
        : await this.api.create({
            ServiceName: raw.ServiceName,
            OwningCluster: raw.OwningCluster,
            Value: serviceValueOf(this.form),
          });
      this.form.markAsPristine();
      await this.router.navigate(['/catalogue', saved.ServiceName]);
    } catch (error: unknown) {
      this.showRefusal(problemOf(error, 'The service could not be saved. Please try again.'));
    } finally {
      this.saving.set(false);
    }
  }

  /** Reads the service again after a 409, dropping the edits. */
  async reload(): Promise<void> {
    this.saveProblem.set(null);
    this.conflict.set(false);
    await this.load();
  }

  private showRefusal(problem: ApiProblem): void {
    const unplaced = applyServerFieldErrors(this.form, problem, {
      // `body.Value.Tags.3` (create) or `body.Tags.3` (update): the tags share one comma-separated field
      rename: (path) => (path.startsWith('Tags.') ? 'Tags' : path),
    });
    if (isApiProblem(problem, 409)) {
      this.conflict.set(true);
    }
    this.saveProblem.set(
      new ApiProblem({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.detail ?? problem.message,
        errors: unplaced,
      }),
    );
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      const name = this.name();
      if (name === undefined) {
        const clusters = await this.config.list('clusters', Cluster);
        const names = clusters.map((c) => c.ClusterName).sort();
        this.clusters.set(editableClusters(this.user()?.grants ?? [], names));
        if (this.clusters().length === 1) {
          this.form.controls.OwningCluster.setValue(this.clusters()[0]!);
        }
      } else {
        const service = await this.api.get(name);
        this.original.set(service);
        fillServiceForm(this.form, this.fb, service);
        // the owner and name are the record's key: an update cannot change them
        this.form.controls.ServiceName.disable();
        this.form.controls.OwningCluster.disable();
      }
    } catch (error: unknown) {
      this.loadProblem.set(problemOf(error, 'The form could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}
