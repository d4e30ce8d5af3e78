import { randomUUID } from 'node:crypto';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { recordPage } from './record-page';
import { Recurrence } from './recurrence';
import type { ScalingGroup, ScheduledAction } from './types';

/** AWS's quota of scheduled actions per group, and the most one batch call takes. */
const MAX_PER_GROUP = 125;
const MAX_PER_BATCH = 50;

function readTime(p: QueryParams, name: string): number | undefined {
  const v = p.get(name);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw new AwsError('ValidationError', `Value '${v}' for ${name} is not a valid timestamp.`);
  return t;
}

/** When a scheduled action runs next after `afterMs` (sim time): its recurrence's next minute, if any. */
export function nextRunAfter(a: ScheduledAction, afterMs: number): number | undefined {
  return a.recurrence ? Recurrence.parse(a.recurrence, a.timeZone).next(afterMs) : undefined;
}

/**
 * PutScheduledUpdateGroupAction, BatchPutScheduledUpdateGroupAction, DeleteScheduledAction,
 * BatchDeleteScheduledAction and DescribeScheduledActions. A put creates the action or updates it, keeping
 * what it leaves unspecified, as AWS does. StartTime and EndTime are wall-clock times, run on the sim
 * clock as an offset from the call ("now + 1 h" runs one simulated hour later); a Recurrence is cron in
 * its TimeZone (UTC by default) on sim time, which is wall time in the sandbox.
 */
export function scheduleActions(cloud: Cloud, store: AutoScalingStore): ActionHandlers {
  const toSim = (wall: number) => store.now() + (wall - Date.now());

  /** Creates or updates one action of a group from its parameters, or throws AWS's error. */
  const put = (g: ScalingGroup, p: QueryParams): void => {
    const name = p.required('ScheduledActionName');
    const at = store.scheduledActions.findIndex((s) => s.groupName === g.name && s.name === name);
    const old = at >= 0 ? store.scheduledActions[at] : undefined;
    if (!old && store.scheduledActions.filter((s) => s.groupName === g.name).length >= MAX_PER_GROUP)
      throw new AwsError(
        'LimitExceeded',
        `You have reached the limit of ${MAX_PER_GROUP} scheduled actions for Auto Scaling group ${g.name}.`,
      );
    const given = readTime(p, 'StartTime') ?? readTime(p, 'Time');
    const start = given ?? old?.startTime;
    const end = readTime(p, 'EndTime') ?? old?.endTime;
    const recurrence = p.get('Recurrence') ?? old?.recurrence;
    const timeZone = p.get('TimeZone') ?? old?.timeZone;
    const minSize = p.int('MinSize') ?? old?.minSize;
    const maxSize = p.int('MaxSize') ?? old?.maxSize;
    const desiredCapacity = p.int('DesiredCapacity') ?? old?.desiredCapacity;
    if (minSize === undefined && maxSize === undefined && desiredCapacity === undefined)
      throw new AwsError(
        'ValidationError',
        'At least one of MinSize, MaxSize or DesiredCapacity must be specified.',
      );
    const recurring = recurrence ? Recurrence.parse(recurrence, timeZone) : undefined;
    // a second of slack: the caller's "now" is a little behind ours
    if (given !== undefined && given < Date.now() - 1000)
      throw new AwsError('ValidationError', 'Given start time is in the past');
    if (start !== undefined && end !== undefined && end <= start)
      throw new AwsError('ValidationError', 'Given end time is before the start time');
    if (!recurrence && start === undefined)
      throw new AwsError('ValidationError', 'Either StartTime or Recurrence must be specified.');
    // with a StartTime the action runs then, and after it by its recurrence
    const nextRun =
      start !== undefined && start >= Date.now() - 1000 ? toSim(start) : recurring?.next(store.now());
    const action: ScheduledAction = {
      groupName: g.name,
      name,
      arn:
        old?.arn ??
        `arn:aws:autoscaling:${cloud.region}:${cloud.accountId}:scheduledUpdateGroupAction:${randomUUID()}:autoScalingGroupName/${g.name}:scheduledActionName/${name}`,
      startTime: start,
      endTime: end,
      recurrence,
      timeZone,
      minSize,
      maxSize,
      desiredCapacity,
      nextRun,
    };
    if (old) store.scheduledActions[at] = action;
    else store.scheduledActions.push(action);
  };

  /** A scheduled action as `ScheduledUpdateGroupAction`: a recurring one's StartTime is its next run (sim time). */
  const view = (s: ScheduledAction): XmlValue => {
    const start = s.recurrence && s.nextRun !== undefined ? s.nextRun : s.startTime;
    return {
      AutoScalingGroupName: s.groupName,
      ScheduledActionName: s.name,
      ScheduledActionARN: s.arn,
      Time: start === undefined ? undefined : new Date(start),
      StartTime: start === undefined ? undefined : new Date(start),
      EndTime: s.endTime === undefined ? undefined : new Date(s.endTime),
      Recurrence: s.recurrence,
      MinSize: s.minSize,
      MaxSize: s.maxSize,
      DesiredCapacity: s.desiredCapacity,
      TimeZone: s.timeZone,
    };
  };

  const remove = (g: ScalingGroup, name: string): void => {
    const before = store.scheduledActions.length;
    store.scheduledActions = store.scheduledActions.filter(
      (s) => !(s.groupName === g.name && s.name === name),
    );
    if (store.scheduledActions.length === before)
      throw new AwsError(
        'ValidationError',
        `Scheduled action name not found - Could not find scheduled action ${name}`,
      );
  };

  const tooMany = (field: string) =>
    new AwsError(
      'ValidationError',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PER_BATCH}`,
    );

  return {
    PutScheduledUpdateGroupAction(p) {
      put(store.group(p.required('AutoScalingGroupName')), p);
      cloud.changed();
      return undefined;
    },

    BatchPutScheduledUpdateGroupAction(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const requests = p.memberStructs('ScheduledUpdateGroupActions');
      if (!requests.length) p.required('ScheduledUpdateGroupActions');
      if (requests.length > MAX_PER_BATCH) throw tooMany('scheduledUpdateGroupActions');
      const failed: XmlValue[] = [];
      for (const r of requests) {
        try {
          put(g, r);
        } catch (e) {
          if (!(e instanceof AwsError)) throw e;
          failed.push({
            ScheduledActionName: r.get('ScheduledActionName'),
            ErrorCode: e.code,
            ErrorMessage: e.message,
          });
        }
      }
      cloud.changed();
      return { FailedScheduledUpdateGroupActions: failed };
    },

    DeleteScheduledAction(p) {
      remove(store.group(p.required('AutoScalingGroupName')), p.required('ScheduledActionName'));
      cloud.changed();
      return undefined;
    },

    BatchDeleteScheduledAction(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const names = p.members('ScheduledActionNames');
      if (!names.length) p.required('ScheduledActionNames');
      if (names.length > MAX_PER_BATCH) throw tooMany('scheduledActionNames');
      const failed: XmlValue[] = [];
      for (const name of names) {
        try {
          remove(g, name);
        } catch (e) {
          if (!(e instanceof AwsError)) throw e;
          failed.push({ ScheduledActionName: name, ErrorCode: e.code, ErrorMessage: e.message });
        }
      }
      cloud.changed();
      return { FailedScheduledActions: failed };
    },

    DescribeScheduledActions(p) {
      const groupName = p.get('AutoScalingGroupName');
      if (groupName) store.group(groupName);
      const names = p.members('ScheduledActionNames');
      const matching = store.scheduledActions.filter(
        (s) => (!groupName || s.groupName === groupName) && (!names.length || names.includes(s.name)),
      );
      const { page, nextToken } = recordPage(matching, p.int('MaxRecords'), p.get('NextToken'));
      return { ScheduledUpdateGroupActions: page.map(view), NextToken: nextToken };
    },
  };
}
