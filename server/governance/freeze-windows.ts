import { Cron } from 'croner';
import {
  freezeWindowName,
  isRecurring,
  WEEK_DAYS,
  type ActiveFreezeWindow,
  type FreezeWindow,
  type FreezeWindowScope,
  type RecurringFreezeWindow,
} from '@shared/catalogue/freeze-window';
import { FREEZE_WINDOW_PROBLEM } from '@shared/governance/break-glass';
import { LockedError } from '../errors/domain-errors';

/** The windows that govern an environment: its own and its type's, with the names of what holds them. */
export interface FreezeWindowsOf {
  readonly environment: string;
  readonly environmentWindows: readonly FreezeWindow[] | undefined;
  readonly environmentType: string;
  readonly typeWindows: readonly FreezeWindow[] | undefined;
}

// croner counts in whole seconds and leaves the reference instant itself out of previousRuns: a second
// later makes a window start at its Start (inclusive) and end at its End (exclusive)
const CRON_RESOLUTION_MS = 1000;

/** The cron expression of a weekly (`Fri 16:00`) or daily (`22:00`) moment. */
function cronOf(moment: string): string {
  const [day, time] = moment.includes(' ') ? moment.split(' ') : [undefined, moment];
  const [hours, minutes] = time!.split(':').map(Number);
  const dow = day === undefined ? '*' : String(WEEK_DAYS.indexOf(day as (typeof WEEK_DAYS)[number]));
  return `${minutes} ${hours} * * ${dow}`;
}

/** When the recurring window in force at `now` ends, or undefined when none of its occurrences is. */
function recurringEnd(window: RecurringFreezeWindow, now: number): Date | undefined {
  const { Start, End, TimeZone } = window.Recurring;
  const start = new Cron(cronOf(Start), { timezone: TimeZone, paused: true });
  const end = new Cron(cronOf(End), { timezone: TimeZone, paused: true });
  const reference = new Date(now + CRON_RESOLUTION_MS);
  const lastStart = start.previousRuns(1, reference)[0];
  if (!lastStart) return undefined;
  const lastEnd = end.previousRuns(1, reference)[0];
  // in force when it started after it last ended (or it has never ended yet)
  if (lastEnd && lastEnd.getTime() >= lastStart.getTime()) return undefined;
  return end.nextRun(new Date(now)) ?? undefined;
}

/** When the window in force at `now` ends, or undefined when it is not in force. */
export function endOfWindowAt(window: FreezeWindow, now: number): Date | undefined {
  if (isRecurring(window)) return recurringEnd(window, now);
  return Date.parse(window.Start) <= now && now < Date.parse(window.End) ? new Date(window.End) : undefined;
}

/**
 * The freeze window in force at `now` over an environment: its own first, then its type's; of several in
 * force in one place, the one that ends last (overriding it is what lets a change through). Undefined when
 * none is.
 */
export function activeFreezeWindow(of: FreezeWindowsOf, now: number): ActiveFreezeWindow | undefined {
  const candidates = [
    ...activeIn(of.environmentWindows, 'environment', of.environment, now),
    ...activeIn(of.typeWindows, 'environment-type', of.environmentType, now),
  ];
  return candidates.sort((a, b) => Date.parse(b.EndsAt) - Date.parse(a.EndsAt))[0];
}

function activeIn(
  windows: readonly FreezeWindow[] | undefined,
  scope: FreezeWindowScope,
  setOn: string,
  now: number,
): ActiveFreezeWindow[] {
  return (windows ?? []).flatMap((w) => {
    const ends = endOfWindowAt(w, now);
    if (!ends) return [];
    return [
      {
        Name: freezeWindowName(w),
        Scope: scope,
        SetOn: setOn,
        EndsAt: ends.toISOString(),
        ...(w.Reason ? { Reason: w.Reason } : {}),
      },
    ];
  });
}

/** Where a window was set, in words. */
export function describeWindowPlace(window: ActiveFreezeWindow): string {
  return window.Scope === 'environment' ? `environment ${window.SetOn}` : `environment type ${window.SetOn}`;
}

/**
 * A deployment or patch refused because a freeze window is in force (423): the problem names the window,
 * says when it ends and that break-glass overrides it, and carries the window (`freezeWindow`).
 */
export class FreezeWindowError extends LockedError {
  override readonly problemType = FREEZE_WINDOW_PROBLEM;
  constructor(
    environment: string,
    readonly window: ActiveFreezeWindow,
  ) {
    super(
      `${environment} is in the freeze window "${window.Name}" (set on ${describeWindowPlace(window)}${window.Reason ? `: ${window.Reason}` : ''}) until ${window.EndsAt}; a holder of break-glass can override it with a reason (breakGlass.reason)`,
    );
  }

  override get extensions(): Record<string, unknown> {
    return { freezeWindow: this.window };
  }
}
