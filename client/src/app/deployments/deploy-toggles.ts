import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import {
  FormArray,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type FormControl,
  type FormGroup,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { InvalidField } from '@shared/api/problem';
import { allows } from '@shared/auth/permission';
import { DeploymentToggleChange } from '@shared/deployments/deployment-toggles';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { controlMessage } from '../core/server-field-errors';
import { stateText } from '../toggles/toggle-summary';
import { TogglesApi } from '../toggles/toggles-api';
import {
  blankToggleChange,
  toggleChangeOf,
  toggleFieldPlace,
  type ToggleChangeDraft,
} from './toggle-change-draft';
import { PercentageField } from '../toggles/percentage-field';

/** The toggles part of a deployment request. */
export interface DeployToggleRequest {
  readonly toggles?: DeploymentToggleChange[];
  readonly canaryToggle?: string;
}

const ACTION = 'manage-feature-toggles';

/**
 * The feature toggle changes a deployment carries, set in its environment when it ends Success: the
 * service's live toggles read on request, each change with a state, a share of users on the toggle
 * page's slider and optional targeting; for a blue/green canary, a toggle that follows the weights.
 */
@Component({
  selector: 'app-deploy-toggles',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    PercentageField,
    ProblemBanner,
  ],
  templateUrl: './deploy-toggles.html',
  styleUrl: './deploy-toggles.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeployToggles {
  private readonly api = inject(TogglesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly user = inject(AuthSession).user;

  /** The service deployed, whose toggles change. */
  readonly service = input.required<string>();
  /** The service's team, which the permission is asked for until its toggles say whose they are. */
  readonly team = input.required<string>();
  /** The target environment's type. */
  readonly environmentType = input.required<string>();
  /** The target environment, to show each toggle's setting there now. */
  readonly environment = input.required<string>();
  /** Whether the deployment is blue/green with canary steps, so a canary toggle may follow them. */
  readonly canary = input(false);

  /** The service's live toggles once read; null before. */
  readonly toggles = signal<readonly FeatureToggle[] | null>(null);
  /** Whether they are being read. */
  readonly loading = signal(false);
  /** Why they could not be read. */
  readonly problem = signal<ApiProblem | null>(null);

  /** The changes, each a toggle and its setting as typed. */
  readonly changes = new FormArray<FormGroup>([]);
  /** The canary toggle's name; empty: none. */
  readonly canaryToggle = this.fb.control('');
  /** Bumped on every change of the form's shape, so the template's lists follow it. */
  private readonly shape = signal(0);
  /** The changes' groups, for the template. */
  readonly rows = computed(() => {
    this.shape();
    return [...this.changes.controls];
  });

  /** Why the user may not change the toggles here, or null when they may (as the server's check). */
  readonly blocker = computed(() => {
    const team = this.toggles()?.[0]?.owner ?? this.team();
    const environmentType = this.environmentType();
    return allows(this.user()?.grants ?? [], ACTION, { cluster: team, environmentType })
      ? null
      : `Changing feature toggles with a deployment needs the "${ACTION}" permission for team ${team} and environment type ${environmentType}.`;
  });
  /** Why no further change can be added, or null. */
  readonly addBlocker = computed(() => {
    this.shape();
    const toggles = this.toggles();
    if (toggles !== null && toggles.length === 0) return `${this.service()} has no live feature toggles.`;
    if (toggles !== null && this.changes.length >= toggles.length)
      return 'Every toggle has a change already.';
    if (this.changes.length >= 20) return 'A deployment carries at most 20 toggle changes.';
    return null;
  });

  /** The slider's label on its thumb. */

  constructor() {
    // another service has other toggles: start again
    effect(() => {
      this.service();
      this.toggles.set(null);
      this.problem.set(null);
      this.changes.clear();
      this.canaryToggle.reset('');
      this.shape.update((n) => n + 1);
    });
  }

  /** A toggle's setting in the target environment now, in words. */
  nowText(toggle: FeatureToggle): string {
    const setting = toggle.environments.find((e) => e.environment === this.environment());
    return setting ? stateText(setting) : 'not set (off)';
  }

  /** The message under a field. */
  message(control: AbstractControl | null): string {
    return controlMessage(control);
  }

  /** A change's percentage control (its row is built in add with a number there). */
  percentageOf(row: FormGroup): FormControl<number> {
    return row.get('percentage') as FormControl<number>;
  }

  /** The state chosen for a change, so its percentage shows only with it. */
  stateOf(row: FormGroup): string {
    return String(row.get('state')?.value);
  }

  /** Adds a change of the first toggle not changed yet, reading the service's toggles first. */
  async add(): Promise<void> {
    if (this.blocker() !== null || this.addBlocker() !== null) return;
    const toggles = this.toggles() ?? (await this.read());
    if (!toggles) return;
    const taken = new Set(this.changes.controls.map((c) => c.get('name')?.value));
    const next = toggles.find((t) => !taken.has(t.name));
    if (!next) return;
    const draft = blankToggleChange(next.name);
    this.changes.push(
      this.fb.group({
        name: [draft.name, Validators.required],
        state: [draft.state],
        percentage: [draft.percentage],
        includeUsers: [draft.includeUsers],
        includeGroups: [draft.includeGroups],
        excludeUsers: [draft.excludeUsers],
        excludeGroups: [draft.excludeGroups],
      }),
    );
    this.shape.update((n) => n + 1);
  }

  /** Reads the service's toggles for the canary toggle's choice. */
  async readForCanary(): Promise<void> {
    if (this.blocker() === null && this.toggles() === null) await this.read();
  }

  /** Drops a change. */
  remove(index: number): void {
    this.changes.removeAt(index);
    this.shape.update((n) => n + 1);
  }

  /**
   * The toggles part of the request, checked with the shared schema so most mistakes show under their
   * change before anything is sent; null when one is not valid.
   */
  request(): DeployToggleRequest | null {
    const toggles: DeploymentToggleChange[] = [];
    let valid = true;
    this.changes.controls.forEach((row, index) => {
      const parsed = DeploymentToggleChange.safeParse(toggleChangeOf(row.getRawValue() as ToggleChangeDraft));
      if (parsed.success) {
        toggles.push(parsed.data);
        return;
      }
      valid = false;
      this.place(
        parsed.error.issues.map((i) => ({
          field: `toggles.${index}.${i.path.join('.')}`,
          message: i.message,
        })),
      );
    });
    if (!valid) {
      this.shape.update((n) => n + 1);
      return null;
    }
    const canary = this.canary() ? this.canaryToggle.value : '';
    return {
      ...(toggles.length > 0 ? { toggles } : {}),
      ...(canary !== '' ? { canaryToggle: canary } : {}),
    };
  }

  /** Shows the server's field errors about the toggles under their change; returns the others. */
  place(errors: readonly InvalidField[]): InvalidField[] {
    const rest: InvalidField[] = [];
    for (const error of errors) {
      const place = toggleFieldPlace(error.field);
      const control =
        place?.kind === 'canary'
          ? this.canaryToggle
          : place?.kind === 'change'
            ? (this.changes.at(place.index)?.get(place.control) ?? null)
            : null;
      if (control) {
        control.setErrors({ ...control.errors, server: error.message });
        control.markAsTouched();
      } else {
        rest.push(error);
      }
    }
    // the errors are on controls, which signals do not see: show them
    this.shape.update((n) => n + 1);
    return rest;
  }

  private async read(): Promise<readonly FeatureToggle[] | null> {
    this.loading.set(true);
    this.problem.set(null);
    const service = this.service();
    try {
      const toggles = (await this.api.list({ service })).filter((t) => !t.archived);
      if (service !== this.service()) return null;
      this.toggles.set(toggles);
      return toggles;
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The toggles of ${service} could not be read.`));
      return null;
    } finally {
      this.loading.set(false);
    }
  }
}
