import { randomUUID } from 'node:crypto';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import {
  AutoScalingSnapshot,
  type ScalingActivity,
  type ScalingGroup,
  type ScalingProcess,
  type ScheduledAction,
} from './types';

/**
 * The state of Auto Scaling: groups, their activities and scheduled actions, and simulated time.
 * Sim time runs from the moment the store is made, one AWS second per `msPerSecond` real milliseconds, so
 * a scheduled StartTime 60 s after the wall-clock "now" comes after 60 AWS seconds (0.6 s in tests).
 */
export class AutoScalingStore {
  readonly groups = new Map<string, ScalingGroup>();
  activities: ScalingActivity[] = [];
  scheduledActions: ScheduledAction[] = [];
  private readonly origin = Date.now();

  constructor(private readonly cloud: Cloud) {}

  /** Sim time in epoch milliseconds. */
  now(): number {
    return this.origin + Math.round(((Date.now() - this.origin) * 1000) / this.cloud.clock.msPerSecond);
  }

  /** The group, or AWS's ValidationError for an unknown name. */
  group(name: string): ScalingGroup {
    const g = this.groups.get(name);
    if (!g)
      throw new AwsError(
        'ValidationError',
        `AutoScalingGroup name not found - AutoScalingGroup ${name} not found`,
      );
    return g;
  }

  isSuspended(group: ScalingGroup, process: ScalingProcess): boolean {
    return group.suspended.some((s) => s.processName === process);
  }

  /** Opens (or records, when `done`) an activity and returns it. */
  startActivity(
    group: ScalingGroup,
    description: string,
    cause: string,
    done?: { statusCode: 'Successful' | 'Failed'; statusMessage?: string },
  ): ScalingActivity {
    const now = this.now();
    const activity: ScalingActivity = {
      activityId: randomUUID(),
      groupName: group.name,
      description,
      cause,
      startTime: now,
      statusCode: done?.statusCode ?? 'InProgress',
      statusMessage: done?.statusMessage,
      progress: done ? 100 : 0,
      endTime: done ? now : undefined,
    };
    this.activities.push(activity);
    // AWS keeps six weeks of activities; a few thousand is plenty for a sandbox
    if (this.activities.length > 5000) this.activities.splice(0, this.activities.length - 5000);
    this.cloud.changed();
    return activity;
  }

  /** Moves an open activity on (a status and progress) or closes it. */
  updateActivity(
    activityId: string | undefined,
    statusCode: string,
    progress: number,
    statusMessage?: string,
  ): void {
    const a = this.activities.find((x) => x.activityId === activityId);
    if (!a) return;
    a.statusCode = statusCode;
    a.progress = progress;
    if (statusMessage) a.statusMessage = statusMessage;
    if (statusCode === 'Successful' || statusCode === 'Failed' || statusCode === 'Cancelled')
      a.endTime = this.now();
    this.cloud.changed();
  }

  snapshot(): AutoScalingSnapshot {
    return {
      groups: [...this.groups.values()],
      activities: this.activities,
      scheduledActions: this.scheduledActions,
    };
  }

  restore(data: unknown): void {
    const parsed = AutoScalingSnapshot.safeParse(data);
    // a snapshot from an older shape is dropped rather than half-applied
    if (!parsed.success) return;
    this.groups.clear();
    for (const g of parsed.data.groups) this.groups.set(g.name, g);
    this.activities = parsed.data.activities;
    this.scheduledActions = parsed.data.scheduledActions;
  }
}
