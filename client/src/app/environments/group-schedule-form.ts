import { ChangeDetectionStrategy, Component, inject, input, OnInit, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ScheduleText } from '@shared/schedules/environment-schedule';
import type { GroupSchedule, GroupScheduleUpdate } from '@shared/schedules/group-schedule';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { withUnplacedErrors } from '../core/server-field-errors';
import { ScheduleApi } from './schedule-api';

/**
 * Sets, changes or removes a group's own schedule (its Schedule tag), read first so that whether its
 * instances carry the tag is kept as it is unless changed; the server's complaint shows under the field.
 */
@Component({
  selector: 'app-group-schedule-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemBanner,
  ],
  templateUrl: './group-schedule-form.html',
  styleUrl: './schedule-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupScheduleForm implements OnInit {
  private readonly api = inject(ScheduleApi);

  /** The group's name. */
  readonly group = input.required<string>();
  /** Its environment's name. */
  readonly environment = input.required<string>();
  /** The group's schedule as the server has it after a change. */
  readonly saved = output<GroupSchedule>();
  /** The user is done: saved or cancelled. */
  readonly closed = output<void>();

  /** The group's own schedule (checked with the shared reader) and whether its instances carry it. */
  readonly form = inject(NonNullableFormBuilder).group({
    schedule: ['', schemaValidator(ScheduleText)],
    propagateToInstances: false,
  });
  /** The group's schedule as read, once read. */
  readonly current = signal<GroupSchedule | null>(null);
  /** Whether a read or change is in flight. */
  readonly busy = signal(true);
  /** Why the last read or change failed (field errors the form shows itself left out). */
  readonly problem = signal<ApiProblem | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  /** Sends the schedule as the form has it (empty removes the group's own). */
  async save(): Promise<void> {
    if (this.busy() || this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { schedule, propagateToInstances } = this.form.getRawValue();
    await this.send({ schedule: schedule.trim(), propagateToInstances });
  }

  /** Removes the group's own schedule, so its environment's applies. */
  async remove(): Promise<void> {
    if (!this.busy()) await this.send({ schedule: '' });
  }

  /** Leaves the group's schedule as it is. */
  cancel(): void {
    this.closed.emit();
  }

  private async send(update: GroupScheduleUpdate): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.saved.emit(await this.api.setGroupSchedule(this.group(), this.environment(), update));
      this.closed.emit();
    } catch (error: unknown) {
      const problem = problemOf(error, `The schedule of ${this.group()} could not be changed.`);
      this.problem.set(withUnplacedErrors(this.form, problem, { prefixes: ['body.'] }));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const current = await this.api.groupSchedule(this.group(), this.environment());
      this.current.set(current);
      this.form.reset({
        schedule: current.schedule ?? '',
        propagateToInstances: current.propagateToInstances,
      });
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The schedule of ${this.group()} could not be read.`));
    } finally {
      this.busy.set(false);
    }
  }
}
