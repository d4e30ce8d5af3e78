import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Instance } from '@shared/fleet/instance';
import { isInMaintenance } from '@shared/fleet/instance-maintenance';
import {
  ScheduledActionName,
  ScheduledActionPut,
  type ScheduledAction,
} from '@shared/fleet/scheduled-action';
import type { ApiProblem } from '../core/api-problem';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { OperationPermission } from './operation-permission';
import type { OperationScope } from './protectable-blocker';
import { ScalingApi } from './scaling-api';

/** What the group dialog is opened with. */
export interface GroupOperationsDialogData {
  readonly environment: string;
  readonly asg: string;
  /** Where a change applies (the role's cluster, the environment's type), for whether the user may. */
  readonly scope: OperationScope;
}

/** A size field of the form: empty, or a whole number. */
const size = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The sizes an action sets, as `min 2 · desired 10 · max 10`. */
export function actionSizes(a: ScheduledAction): string {
  const parts = [
    a.MinSize === null ? '' : `min ${a.MinSize}`,
    a.DesiredCapacity === null ? '' : `desired ${a.DesiredCapacity}`,
    a.MaxSize === null ? '' : `max ${a.MaxSize}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * One ASG's instances and scheduled scaling actions: each instance's state, marked when in maintenance,
 * with a confirmed toggle into maintenance (ASG Standby) and back; the scheduled actions listed, added and
 * deleted (confirmed). Changing needs operate-asgs (and admin where the type protects it), as the server
 * decides; without it the buttons are disabled and say why.
 */
@Component({
  selector: 'app-group-operations-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ProblemBanner,
  ],
  templateUrl: './group-operations-dialog.html',
  styleUrl: './group-operations-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupOperationsDialog implements OnInit {
  private readonly api = inject(ScalingApi);
  private readonly confirmation = inject(Confirmation);
  private readonly permission = inject(OperationPermission);

  /** The environment, the ASG, and where a change of it applies. */
  readonly data = inject<GroupOperationsDialogData>(MAT_DIALOG_DATA);

  /** Why the user may not change the group's instances or scheduled actions, or null when they may. */
  readonly changeBlocker = computed(() =>
    this.permission.blocker({
      action: 'operate-asgs',
      scope: this.data.scope,
      needs: 'Changing instances and scheduled actions needs',
    }),
  );

  /** The group's instances, once loaded. */
  readonly instances = signal<readonly Instance[]>([]);
  /** Its scheduled actions, once loaded. */
  readonly actions = signal<readonly ScheduledAction[]>([]);
  /** Whether the first load is under way. */
  readonly loading = signal(true);
  /** Why something failed (a load, a change). */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether a change is in flight. */
  readonly busy = signal(false);
  /** Whether the add form is open. */
  readonly adding = signal(false);
  /** The add form's invalid fields and why, by field name. */
  readonly formErrors = signal<Readonly<Record<string, string>>>({});
  /** How many of the instances are in maintenance. */
  readonly inMaintenance = computed(() => this.instances().filter((i) => i.Maintenance).length);

  /** The add form's fields, in order, with an example of each. */
  readonly fields = [
    { name: 'name', label: 'Name', hint: 'weekday-morning' },
    { name: 'Recurrence', label: 'Recurrence (cron)', hint: '0 8 * * 1-5' },
    { name: 'TimeZone', label: 'Time zone', hint: 'Europe/London (UTC when empty)' },
    { name: 'MinSize', label: 'Min', hint: '' },
    { name: 'DesiredCapacity', label: 'Desired', hint: '' },
    { name: 'MaxSize', label: 'Max', hint: '' },
  ] as const;

  /** A new scheduled action: a cron recurrence in a time zone, and the sizes it sets. */
  readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    Recurrence: [''],
    TimeZone: [''],
    MinSize: [''],
    DesiredCapacity: [''],
    MaxSize: [''],
  });

  ngOnInit(): void {
    void this.load();
  }

  /** Whether the instance is in maintenance (entering standby or in it). */
  maintained(i: Instance): boolean {
    return isInMaintenance(i.LifecycleState);
  }

  /** Puts an instance into maintenance, or back into service, once confirmed. */
  async toggleMaintenance(i: Instance): Promise<void> {
    if (this.changeBlocker()) return;
    const enable = !this.maintained(i);
    const confirmed = await this.confirmation.ask(
      enable
        ? {
            title: `Put ${i.InstanceId} into maintenance?`,
            message: `It leaves ${this.data.asg}'s target groups (drained first) and goes to Standby: it gets no traffic and is not replaced until it is back.`,
            confirmLabel: 'Into maintenance',
          }
        : {
            title: `Bring ${i.InstanceId} back into service?`,
            message: 'It joins the target groups again and gets traffic once it passes their health checks.',
            confirmLabel: 'Back in service',
          },
    );
    if (!confirmed) return;
    await this.change(async () => {
      await this.api.setMaintenance(i.InstanceId, enable);
      this.instances.set(await this.groupInstances());
    }, `${i.InstanceId} could not be changed.`);
  }

  /** Opens the add form, empty. */
  startAdd(): void {
    if (this.changeBlocker()) return;
    this.form.reset();
    this.formErrors.set({});
    this.adding.set(true);
  }

  /** Adds the action in the form (checked as the server checks it), then lists it. */
  async add(): Promise<void> {
    if (this.changeBlocker()) return;
    const v = this.form.getRawValue();
    // only what the form has: an empty field is left out, not sent as nothing
    const body = Object.fromEntries(
      Object.entries({
        Recurrence: v.Recurrence.trim() || undefined,
        TimeZone: v.TimeZone.trim() || undefined,
        MinSize: size(v.MinSize),
        DesiredCapacity: size(v.DesiredCapacity),
        MaxSize: size(v.MaxSize),
      }).filter(([, value]) => value !== undefined),
    );
    const errors: Record<string, string> = {};
    const name = ScheduledActionName.safeParse(v.name.trim());
    if (!name.success) errors['name'] = name.error.issues[0]!.message;
    const parsed = ScheduledActionPut.safeParse(body);
    if (!parsed.success)
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    this.formErrors.set(errors);
    if (!name.success || !parsed.success) return;
    await this.change(async () => {
      await this.api.putScheduledAction(this.data.asg, this.data.environment, name.data, parsed.data);
      this.actions.set(await this.api.scheduledActions(this.data.asg, this.data.environment));
      this.adding.set(false);
    }, `The scheduled action ${name.data} could not be saved.`);
  }

  /** Deletes a scheduled action, once confirmed. */
  async remove(a: ScheduledAction): Promise<void> {
    if (this.changeBlocker()) return;
    const confirmed = await this.confirmation.ask({
      title: `Delete the scheduled action "${a.ScheduledActionName}"?`,
      message: `${this.data.asg} will no longer be resized at ${a.Recurrence ?? a.StartTime}.`,
      confirmLabel: 'Delete',
    });
    if (!confirmed) return;
    await this.change(async () => {
      await this.api.deleteScheduledAction(this.data.asg, this.data.environment, a.ScheduledActionName);
      this.actions.update((all) => all.filter((x) => x.ScheduledActionName !== a.ScheduledActionName));
    }, `The scheduled action ${a.ScheduledActionName} could not be deleted.`);
  }

  /** The sizes an action sets. */
  sizes(a: ScheduledAction): string {
    return actionSizes(a);
  }

  private async change(work: () => Promise<void>, fallback: string): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await work();
    } catch (error: unknown) {
      this.problem.set(problemOf(error, fallback));
    } finally {
      this.busy.set(false);
    }
  }

  private async groupInstances(): Promise<Instance[]> {
    const all = await this.api.instances(this.data.environment);
    return all.filter((i) => i.AutoScalingGroupName === this.data.asg && i.State.Name !== 'terminated');
  }

  private async load(): Promise<void> {
    try {
      const [instances, actions] = await Promise.all([
        this.groupInstances(),
        this.api.scheduledActions(this.data.asg, this.data.environment),
      ]);
      this.instances.set(instances);
      this.actions.set(actions);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `${this.data.asg} could not be loaded.`));
    } finally {
      this.loading.set(false);
    }
  }
}
