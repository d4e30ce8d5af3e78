import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import type { Service } from '@shared/catalogue/service';
import { ToggleName, ToggleType } from '@shared/toggles/feature-toggle';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { controlMessage, withUnplacedErrors } from '../core/server-field-errors';
import { CatalogueApi } from '../catalogue/catalogue-api';
import { ServicePicker } from '../configuration/deployment-maps/service-picker';
import { manageBlocker } from './toggle-permission';
import { TogglesApi } from './toggles-api';

/** What each type of toggle is for, as the form offers them. */
export const toggleTypes: readonly { readonly type: ToggleType; readonly words: string }[] = [
  { type: 'release', words: 'Release: new code held dark until it is ready' },
  { type: 'experiment', words: 'Experiment: a share of users sees a variant' },
  { type: 'ops', words: 'Operations: a kill switch for a part that may misbehave' },
  { type: 'permission', words: 'Permission: on for some users or groups only' },
];

/** A new feature toggle of a catalogue service: its name, description and type; off everywhere once made. */
@Component({
  selector: 'app-toggle-create-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTooltipModule,
    ProblemBanner,
    ServicePicker,
  ],
  templateUrl: './toggle-create-page.html',
  styleUrl: './toggle-create-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToggleCreatePage implements OnInit {
  private readonly api = inject(TogglesApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The catalogue's services. */
  readonly services = signal<readonly Service[]>([]);
  /** Their names, for the picker. */
  readonly serviceNames = computed(() => this.services().map((s) => s.ServiceName));
  /** Why the catalogue could not be read, or the toggle not made. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether the toggle is being made. */
  readonly busy = signal(false);
  /** The types on offer, in words. */
  readonly toggleTypes = toggleTypes;

  /** The new toggle's fields. */
  readonly form = inject(NonNullableFormBuilder).group({
    service: ['', Validators.required],
    name: ['', [Validators.required, schemaValidator(ToggleName)]],
    description: [''],
    type: ['release' as ToggleType],
  });
  private readonly chosen = toSignal(this.form.controls.service.valueChanges, { initialValue: '' });

  /** The service chosen, once it is one of the catalogue's. */
  readonly service = computed(() => this.services().find((s) => s.ServiceName === this.chosen()) ?? null);
  /** Why the user may not create a toggle of the chosen service, or null (none chosen: nothing to say yet). */
  readonly blocker = computed(() => {
    const service = this.service();
    return service ? manageBlocker(this.user()?.grants ?? [], service.OwningCluster) : null;
  });

  ngOnInit(): void {
    void this.loadCatalogue();
  }

  /** Takes the service picked. */
  pick(name: string): void {
    this.form.controls.service.setValue(name);
  }

  /** The message under a field. */
  message(control: AbstractControl): string {
    return controlMessage(control);
  }

  /** Creates the toggle and opens its page. */
  async create(): Promise<void> {
    if (this.busy() || this.blocker() !== null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const { service, name, description, type } = this.form.getRawValue();
      const toggle = await this.api.create({
        service,
        name: name.trim(),
        description: description.trim(),
        type,
      });
      await this.router.navigate(['/feature-toggles', toggle.service, toggle.name]);
    } catch (error: unknown) {
      this.problem.set(
        withUnplacedErrors(this.form, problemOf(error, 'The toggle could not be created.'), {
          prefixes: ['body.'],
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }

  private async loadCatalogue(): Promise<void> {
    try {
      this.services.set(await this.catalogue.list());
    } catch (error: unknown) {
      this.problem.set(problemOf(error, 'The service catalogue could not be read.'));
    }
  }
}
