import { nextSwitches, readSchedule, stateAt } from '@shared/schedules/schedule';

/** A moment shown twice: in the viewer's time zone and in the schedule's. */
export interface ScheduleMoment {
  readonly viewer: string;
  readonly local: string;
}

/** A schedule as the environment page shows it. */
export interface ScheduleView {
  /** The schedule in the original's words. */
  readonly text: string;
  /** What it means, in words. */
  readonly meaning: string;
  /** What it wants now: on, off, or left alone. */
  readonly status: 'On' | 'Off' | 'Not scheduled';
  /** The schedule's own zone (UTC without one), for switching schedules. */
  readonly timeZone?: string;
  readonly nextOn?: ScheduleMoment;
  readonly nextOff?: ScheduleMoment;
}

function formatIn(date: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    // a 24-hour clock, whatever the locale: a schedule's times are cron's
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/**
 * What a schedule means at a moment, with its next switches on and off in the viewer's zone and in the
 * schedule's own (read with the same shared reader the server uses).
 */
export function scheduleView(text: string, now: Date, viewerZone: string, locale: string): ScheduleView {
  const reading = readSchedule(text);
  if (!reading.ok) return { text, meaning: `does not read: ${reading.message}`, status: 'Not scheduled' };
  const schedule = reading.schedule;
  if (schedule.kind === 'none') {
    return { text, meaning: 'not scheduled: left as it is', status: 'Not scheduled' };
  }
  if (schedule.kind === 'always') {
    const on = schedule.state === 'on';
    return { text, meaning: on ? 'always on' : 'always off', status: on ? 'On' : 'Off' };
  }
  const moment = (date: Date | undefined): ScheduleMoment | undefined =>
    date && {
      viewer: formatIn(date, viewerZone, locale),
      local: formatIn(date, schedule.timeZone, locale),
    };
  const next = nextSwitches(schedule, now);
  return {
    text,
    meaning: `switches on and off in ${schedule.timeZone}`,
    status: stateAt(schedule, now) === 'off' ? 'Off' : 'On',
    timeZone: schedule.timeZone,
    ...(next.on ? { nextOn: moment(next.on) } : {}),
    ...(next.off ? { nextOff: moment(next.off) } : {}),
  };
}
