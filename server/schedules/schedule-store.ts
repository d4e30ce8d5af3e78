import type { Actor } from '../catalogue/record-store';
import type { GroupSizes } from './schedule-decision';

/** A group's own schedule before and after a change, as its audit entry records it. */
export interface GroupScheduleChange {
  readonly group: string;
  readonly oldValue: { readonly schedule: string; readonly propagateToInstances: boolean } | null;
  readonly newValue: { readonly schedule: string; readonly propagateToInstances: boolean } | null;
}

/** A group the scheduler acts on, and its environment (its notifications' settings) when known. */
export interface ScheduledGroup {
  readonly name: string;
  readonly environment: string | undefined;
}

/**
 * What the scheduler keeps in DynamoDB: its lease (so that one portal process acts at a time), the sizes
 * of the groups it brought to zero, and the audit of what it did and of group schedule changes.
 */
export interface ScheduleStore {
  /** Takes or renews the lease until `until`; false while another owner holds an unexpired one. */
  takeLease(owner: string, now: number, until: number): Promise<boolean>;
  /** The recorded sizes of every group the scheduler brought to zero, by group name. */
  recordedSizes(): Promise<Map<string, GroupSizes>>;
  /**
   * Records a group's sizes before it goes to zero (and, when its environment is known, the notification
   * of the action, in the same transaction), with its audit entry, in one transaction; false when
   * they are recorded already (someone else stopped it first).
   */
  recordStop(group: ScheduledGroup, sizes: GroupSizes, actor: Actor, now: number): Promise<boolean>;
  /** Forgets a group's recorded sizes once it is back at them, with its audit entry; false when gone. */
  recordStart(group: ScheduledGroup, sizes: GroupSizes, actor: Actor, now: number): Promise<boolean>;
  /** Audits a change of a group's own schedule (its Schedule tag). */
  auditGroupSchedule(change: GroupScheduleChange, actor: Actor, now: number): Promise<void>;
}
