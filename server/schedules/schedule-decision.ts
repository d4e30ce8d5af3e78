import { readSchedule, stateAt } from '@shared/schedules/schedule';

/** A group's three sizes, as the scheduler records them before it brings the group to zero. */
export interface GroupSizes {
  readonly MinSize: number;
  readonly DesiredCapacity: number;
  readonly MaxSize: number;
}

/** What the scheduler knows of a group at a tick. */
export interface GroupAtTick {
  readonly name: string;
  /** Its environment: the one whose layout names it, else its Environment tag (unknown for neither). */
  readonly environment: string | undefined;
  readonly sizes: GroupSizes;
  /** The schedule that applies to it (its own or its environment's), in the original's words. */
  readonly schedule: string;
  /** The sizes recorded when the scheduler last brought it to zero, until it brings it back. */
  readonly recorded: GroupSizes | undefined;
  /** The deployment or patch that holds the group's lock, if one does. */
  readonly heldBy: string | undefined;
}

/** The scheduler's decision for one group: what to do and why (the why is logged). */
export type ScheduleDecision =
  | { readonly action: 'stop'; readonly reason: string }
  | { readonly action: 'keep-stopped'; readonly reason: string }
  | { readonly action: 'start'; readonly to: GroupSizes; readonly reason: string }
  | { readonly action: 'none'; readonly reason: string };

const isZero = (s: GroupSizes): boolean => s.MinSize === 0 && s.DesiredCapacity === 0;

/**
 * Decides from the group and the time alone. Off: record the sizes and go to zero (or, recorded
 * already, bring it back to zero if it grew). On: back to the recorded sizes, if the scheduler stopped
 * it; a group it did not stop is left as it is. Never while a deployment or patch holds the group.
 */
export function decide(group: GroupAtTick, at: Date): ScheduleDecision {
  const reading = readSchedule(group.schedule);
  if (!reading.ok) return { action: 'none', reason: `its schedule does not read: ${reading.message}` };
  const wanted = stateAt(reading.schedule, at);
  if (wanted === undefined) {
    return {
      action: 'none',
      reason:
        reading.schedule.kind === 'none' ? 'its schedule is NOSCHEDULE' : 'its schedule has not switched yet',
    };
  }
  const decision = wantedAction(group, wanted);
  if (decision.action !== 'none' && group.heldBy) {
    return { action: 'none', reason: `deployment ${group.heldBy} is working on it` };
  }
  return decision;
}

function wantedAction(group: GroupAtTick, wanted: 'on' | 'off'): ScheduleDecision {
  if (wanted === 'on') {
    if (!group.recorded) return { action: 'none', reason: 'on, and not stopped by the scheduler' };
    return { action: 'start', to: group.recorded, reason: 'its schedule switched it on' };
  }
  if (group.recorded) {
    return isZero(group.sizes)
      ? { action: 'none', reason: 'off, and stopped already' }
      : { action: 'keep-stopped', reason: 'off, but it grew since the scheduler stopped it' };
  }
  if (isZero(group.sizes)) return { action: 'none', reason: 'off, and at zero already' };
  return { action: 'stop', reason: 'its schedule switched it off' };
}
