import { ChangeDetectionStrategy, Component, inject, input, OnInit, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ScheduleText,
  type EnvironmentSchedule,
  type EnvironmentScheduleValue,
} from '@shared/schedules/environment-schedule';
import { isApiProblem, type ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { withUnplacedErrors } from '../core/server-field-errors';
import { ScheduleApi } from './schedule-api';

/**
 * Changes an environment's schedule in the original's three fields, sent with the version it was read
 * at: the server's complaint about a field shows under it, a stale version reloads the schedule and says so.
 */
@Component({
  selector: 'app-environment-schedule-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
  ],
  templateUrl: './environment-schedule-form.html',
  styleUrl: './schedule-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentScheduleForm implements OnInit {
  private readonly api = inject(ScheduleApi);

  /** The schedule as last read, whose version the change expects. */
  readonly schedule = input.required<EnvironmentSchedule>();
  /** The schedule as the server has it after a change, or after a reload when it was stale. */
  readonly saved = output<EnvironmentSchedule>();
  /** The user is done: saved or cancelled. */
  readonly closed = output<void>();

  /** The original's three fields; the schedule is checked with the shared reader, as the server checks it. */
  readonly form = inject(NonNullableFormBuilder).group({
    ManualScheduleUp: false,
    ScheduleAutomatically: false,
    DefaultSchedule: ['', schemaValidator(ScheduleText)],
  });
  /** Whether the change is in flight. */
  readonly busy = signal(false);
  /** Why the last change failed (field errors the form shows itself left out). */
  readonly problem = signal<ApiProblem | null>(null);
  /** Set when someone else's change was found and the schedule reloaded. */
  readonly reloaded = signal(false);
  private version = 0;

  ngOnInit(): void {
    this.fill(this.schedule());
  }

  /** Sends the schedule as the form has it. */
  async save(): Promise<void> {
    if (this.busy() || this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const name = this.schedule().EnvironmentName;
    this.busy.set(true);
    this.problem.set(null);
    this.reloaded.set(false);
    try {
      this.saved.emit(await this.api.setEnvironmentSchedule(name, this.version, this.value()));
      this.closed.emit();
    } catch (error: unknown) {
      if (isApiProblem(error, 409)) {
        await this.reload(name);
      } else {
        const problem = problemOf(error, `The schedule of ${name} could not be changed.`);
        this.problem.set(withUnplacedErrors(this.form, problem));
      }
    } finally {
      this.busy.set(false);
    }
  }

  /** Leaves the schedule as it is. */
  cancel(): void {
    this.closed.emit();
  }

  private value(): EnvironmentScheduleValue {
    const { ManualScheduleUp, ScheduleAutomatically, DefaultSchedule } = this.form.getRawValue();
    const text = DefaultSchedule.trim();
    return { ManualScheduleUp, ScheduleAutomatically, ...(text ? { DefaultSchedule: text } : {}) };
  }

  private fill(schedule: EnvironmentSchedule): void {
    const v = schedule.Value;
    this.version = schedule.Version;
    this.form.reset({
      ManualScheduleUp: v.ManualScheduleUp ?? false,
      ScheduleAutomatically: v.ScheduleAutomatically ?? false,
      DefaultSchedule: v.DefaultSchedule ?? '',
    });
  }

  /** Someone else changed it: show what is there now, so the user decides again on that. */
  private async reload(name: string): Promise<void> {
    try {
      const now = await this.api.environmentSchedule(name);
      this.fill(now);
      this.saved.emit(now);
      this.reloaded.set(true);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The schedule of ${name} could not be read again.`));
    }
  }
}
