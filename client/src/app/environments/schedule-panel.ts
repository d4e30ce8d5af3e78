import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
  OnInit,
  signal,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { environmentScheduleText, type EnvironmentSchedule } from '@shared/schedules/environment-schedule';
import type { GroupSchedule } from '@shared/schedules/group-schedule';
import type { ApiProblem } from '../core/api-problem';
import { AuthSession } from '../core/auth-session';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { EnvironmentScheduleForm } from './environment-schedule-form';
import { GroupScheduleForm } from './group-schedule-form';
import { ScheduleApi } from './schedule-api';
import { EnvironmentTypeProtections } from './environment-type-protections';
import { SCHEDULE_ENVIRONMENT, scheduleBlocker, scheduleProtectionBlocker } from './schedule-permission';
import { scheduleView, type ScheduleView } from './schedule-view';

/** A group of the environment with its own schedule (its Schedule tag; empty without). */
export interface GroupScheduleTag {
  readonly name: string;
  readonly schedule: string;
  /** Its server role's owning cluster: whose `manage-schedules` changes it. */
  readonly cluster: string;
}

/**
 * The environment's on/off schedule: what it wants now and when it next switches on and off, in the
 * viewer's time zone and the schedule's, and the groups whose own schedule wins over it. Holders of
 * `manage-schedules` (the environment's cluster and type; a group's role's cluster) can change them.
 */
@Component({
  selector: 'app-schedule-panel',
  imports: [NgTemplateOutlet, MatButtonModule, ProblemBanner, EnvironmentScheduleForm, GroupScheduleForm],
  templateUrl: './schedule-panel.html',
  styleUrl: './schedule-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchedulePanel implements OnInit {
  private readonly api = inject(ScheduleApi);
  private readonly locale = inject(LOCALE_ID);
  private readonly user = inject(AuthSession).user;
  private readonly protections = inject(EnvironmentTypeProtections);

  /** The environment's name. */
  readonly environment = input.required<string>();
  /** Its owning cluster. */
  readonly owningCluster = input.required<string>();
  /** Its environment type. */
  readonly environmentType = input.required<string>();
  /** Its groups' own schedules, from the servers view. */
  readonly groups = input<readonly GroupScheduleTag[]>([]);
  /** The moment shown (now by default). */
  readonly now = input<Date>();
  /** The viewer's time zone (the browser's by default). */
  readonly viewerZone = input<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);

  /** The environment's schedule as last read or changed. */
  readonly schedule = signal<EnvironmentSchedule | null>(null);
  /** Why it could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether the environment's schedule is being changed. */
  readonly editing = signal(false);
  /** The group whose own schedule is being changed. */
  readonly editingGroup = signal<string | null>(null);
  /** Groups' own schedules as changed here since the page read them, by name. */
  private readonly changedGroups = signal<ReadonlyMap<string, string>>(new Map());

  private readonly moment = computed(() => this.now() ?? new Date());
  private readonly grants = computed(() => this.user()?.grants ?? []);

  /** The environment's schedule in the original's words, once loaded. */
  readonly scheduleText = computed(() => {
    const schedule = this.schedule();
    return schedule === null ? null : environmentScheduleText(schedule.Value);
  });

  /** The environment's schedule as shown. */
  readonly view = computed((): ScheduleView | null => {
    const text = this.scheduleText();
    return text === null ? null : this.show(text);
  });

  /**
   * Why nobody may change schedules here: the environment type protects SCHEDULE_ENVIRONMENT (asked of
   * the type only once the user could otherwise change one), or null.
   */
  private readonly protection = computed(() => {
    const type = this.environmentType();
    return scheduleProtectionBlocker(type, this.protections.protects(type, SCHEDULE_ENVIRONMENT));
  });

  /** Why the user may not change the environment's schedule, or null when they may. */
  readonly blocker = computed(
    () =>
      scheduleBlocker(this.grants(), {
        cluster: this.owningCluster(),
        environmentType: this.environmentType(),
      }) ?? this.protection(),
  );

  /** Every group with its own schedule (if any) as shown, and why the user may not change it. */
  readonly groupRows = computed(() =>
    this.groups().map((g) => {
      const schedule = (this.changedGroups().get(g.name) ?? g.schedule).trim();
      return {
        name: g.name,
        view: schedule === '' ? null : this.show(schedule),
        blocker:
          scheduleBlocker(this.grants(), {
            cluster: g.cluster,
            environmentType: this.environmentType(),
          }) ?? this.protection(),
      };
    }),
  );

  /** The groups with a schedule of their own, each as shown. */
  readonly overrides = computed(() => this.groupRows().filter((g) => g.view !== null));

  /** Whether the user may change some group's schedule, so every group is listed to be given one. */
  readonly mayChangeGroups = computed(() => this.groupRows().some((g) => g.blocker === null));

  ngOnInit(): void {
    void this.load();
  }

  /** Shows the environment's schedule as the server now has it. */
  showSaved(schedule: EnvironmentSchedule): void {
    this.schedule.set(schedule);
  }

  /** Shows a group's own schedule as the server now has it. */
  showGroupSaved(group: GroupSchedule): void {
    const changed = new Map(this.changedGroups());
    changed.set(group.AutoScalingGroupName, group.schedule ?? '');
    this.changedGroups.set(changed);
  }

  private show(text: string): ScheduleView {
    return scheduleView(text, this.moment(), this.viewerZone(), this.locale);
  }

  private async load(): Promise<void> {
    try {
      this.schedule.set(await this.api.environmentSchedule(this.environment()));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The schedule of ${this.environment()} could not be loaded.`));
    }
  }
}
