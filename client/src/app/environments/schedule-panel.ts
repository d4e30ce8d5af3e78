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
import { environmentScheduleText } from '@shared/schedules/environment-schedule';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { ScheduleApi } from './schedule-api';
import { scheduleView, type ScheduleView } from './schedule-view';

/** A group of the environment with its own schedule (its Schedule tag; empty without). */
export interface GroupScheduleTag {
  readonly name: string;
  readonly schedule: string;
}

/**
 * The environment's on/off schedule: what it wants now and when it next switches on and off, in the
 * viewer's time zone and the schedule's, and the groups whose own schedule wins over it.
 */
@Component({
  selector: 'app-schedule-panel',
  imports: [NgTemplateOutlet, ProblemBanner],
  templateUrl: './schedule-panel.html',
  styleUrl: './schedule-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchedulePanel implements OnInit {
  private readonly api = inject(ScheduleApi);
  private readonly locale = inject(LOCALE_ID);

  /** The environment's name. */
  readonly environment = input.required<string>();
  /** Its groups' own schedules, from the servers view. */
  readonly groups = input<readonly GroupScheduleTag[]>([]);
  /** The moment shown (now by default). */
  readonly now = input<Date>();
  /** The viewer's time zone (the browser's by default). */
  readonly viewerZone = input<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);

  /** The environment's schedule in the original's words, once loaded. */
  readonly scheduleText = signal<string | null>(null);
  /** Why it could not be loaded. */
  readonly problem = signal<ApiProblem | null>(null);

  private readonly moment = computed(() => this.now() ?? new Date());

  /** The environment's schedule as shown. */
  readonly view = computed((): ScheduleView | null => {
    const text = this.scheduleText();
    return text === null ? null : scheduleView(text, this.moment(), this.viewerZone(), this.locale);
  });

  /** The groups with a schedule of their own, each as shown. */
  readonly overrides = computed(() =>
    this.groups()
      .filter((g) => g.schedule.trim() !== '')
      .map((g) => ({
        name: g.name,
        view: scheduleView(g.schedule, this.moment(), this.viewerZone(), this.locale),
      })),
  );

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const schedule = await this.api.environmentSchedule(this.environment());
      this.scheduleText.set(environmentScheduleText(schedule.Value));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The schedule of ${this.environment()} could not be loaded.`));
    }
  }
}
