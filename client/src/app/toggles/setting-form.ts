import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
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
import { MatRadioModule } from '@angular/material/radio';
import { ToggleChange, type FeatureToggle, type ToggleEnvironment } from '@shared/toggles/feature-toggle';
import type { InvalidField } from '@shared/api/problem';
import { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { applyServerFieldErrors, controlMessage, withUnplacedErrors } from '../core/server-field-errors';
import { changeOf, draftOf, settingControlOf } from './setting-draft';
import { TogglesApi, type ToggleChangeReply } from './toggles-api';
import { PercentageField } from './percentage-field';

/**
 * A toggle's setting in one environment, edited: off, on or a share of users (a slider in 0.01% steps),
 * the users and groups always on or always off, and why. It is sent with the version read (0 before the
 * first setting); a 400 shows under its field, a 409 asks the page to read the toggle again.
 */
@Component({
  selector: 'app-setting-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    PercentageField,
    ProblemBanner,
  ],
  templateUrl: './setting-form.html',
  styleUrl: './setting-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingForm {
  private readonly api = inject(TogglesApi);

  /** The toggle changed. */
  readonly toggle = input.required<FeatureToggle>();
  /** The environment it is changed in. */
  readonly environment = input.required<string>();
  /** Its setting there as last read; null before the first. */
  readonly setting = input<ToggleEnvironment | null>(null);

  /** The server's reply to a change: applied, or waiting for approval. */
  readonly saved = output<ToggleChangeReply>();
  /** Someone changed the setting since it was read (409): the page reads the toggle again. */
  readonly stale = output<ApiProblem>();
  /** The user gave up the change. */
  readonly cancelled = output<void>();

  /** Whether the change is being sent. */
  readonly busy = signal(false);
  /** Why the last change failed, beyond what its fields show. */
  readonly problem = signal<ApiProblem | null>(null);

  private readonly blank = draftOf(null);
  /** The setting's fields; the targets as typed. */
  readonly form = inject(NonNullableFormBuilder).group({
    state: [this.blank.state],
    percentage: [this.blank.percentage],
    includeUsers: [this.blank.includeUsers],
    includeGroups: [this.blank.includeGroups],
    excludeUsers: [this.blank.excludeUsers],
    excludeGroups: [this.blank.excludeGroups],
    reason: ['', [Validators.required, Validators.pattern(/\S/)]],
  });
  /** The state chosen, so the percentage shows only with it. */
  readonly state = toSignal(this.form.controls.state.valueChanges, {
    initialValue: this.form.controls.state.value,
  });

  /** The slider's label on its thumb. */

  constructor() {
    // the form follows the setting read: first, and again after a 409 or a save
    effect(() => {
      const setting = this.setting();
      untracked(() => this.form.reset(draftOf(setting)));
    });
  }

  /** The message under a field. */
  message(control: AbstractControl): string {
    return controlMessage(control);
  }

  /** Sends the change at the version read, once the shared schema accepts it. */
  async save(): Promise<void> {
    if (this.busy()) return;
    this.problem.set(null);
    if (this.form.controls.reason.invalid) {
      this.form.controls.reason.markAsTouched();
      return;
    }
    // the shared schema checks what the server will, so most mistakes show before anything is sent
    const parsed = ToggleChange.safeParse(changeOf(this.form.getRawValue()));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      const rest = applyServerFieldErrors(this.form, invalid(errors), { toControlPath: settingControlOf });
      if (rest.length > 0) this.problem.set(invalid(rest));
      return;
    }
    this.busy.set(true);
    try {
      const reply = await this.api.set(
        this.toggle(),
        this.environment(),
        this.setting()?.version ?? 0,
        parsed.data,
      );
      this.saved.emit(reply);
    } catch (error: unknown) {
      const problem = problemOf(error, 'The setting could not be saved.');
      if (problem.status === 409) {
        this.stale.emit(problem);
      } else {
        this.problem.set(withUnplacedErrors(this.form, problem, { toControlPath: settingControlOf }));
      }
    } finally {
      this.busy.set(false);
    }
  }
}

/** A setting the shared schema refused, as the server would refuse it. */
function invalid(errors: InvalidField[]): ApiProblem {
  return new ApiProblem({
    type: 'about:blank',
    title: 'Bad setting',
    status: 400,
    detail: 'The setting is not valid.',
    errors,
  });
}
