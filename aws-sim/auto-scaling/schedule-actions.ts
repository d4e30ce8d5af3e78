import { randomUUID } from 'node:crypto';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { CronSchedule } from './cron-schedule';
import { scheduledActionView } from './group-view';
import { recordPage } from './record-page';
import type { ScheduledAction } from './types';

function readTime(p: QueryParams, name: string): number | undefined {
  const v = p.get(name);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw new AwsError('ValidationError', `Value '${v}' for ${name} is not a valid timestamp.`);
  return t;
}

/**
 * PutScheduledUpdateGroupAction, DeleteScheduledAction, DescribeScheduledActions. A StartTime or
 * EndTime is taken as an offset from the wall clock at the call, run on the sim clock: StartTime "now +
 * 1 h" runs one simulated hour later. Recurrences are cron in UTC on sim time.
 */
export function scheduleActions(cloud: Cloud, store: AutoScalingStore): ActionHandlers {
  const toSim = (wall: number | undefined) =>
    wall === undefined ? undefined : store.now() + (wall - Date.now());
  return {
    PutScheduledUpdateGroupAction(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const name = p.required('ScheduledActionName');
      const start = readTime(p, 'StartTime') ?? readTime(p, 'Time');
      const end = readTime(p, 'EndTime');
      const recurrence = p.get('Recurrence');
      const [minSize, maxSize, desiredCapacity] = [
        p.int('MinSize'),
        p.int('MaxSize'),
        p.int('DesiredCapacity'),
      ];
      if (minSize === undefined && maxSize === undefined && desiredCapacity === undefined)
        throw new AwsError(
          'ValidationError',
          'At least one of MinSize, MaxSize or DesiredCapacity must be specified.',
        );
      const tz = p.get('TimeZone');
      if (tz && tz !== 'UTC' && tz !== 'Etc/UTC')
        throw new AwsError('ValidationError', `aws-sim runs recurrences in UTC only, not ${tz}.`);
      // a second of slack: the caller's "now" is a little behind ours
      if (start !== undefined && !recurrence && start < Date.now() - 1000)
        throw new AwsError('ValidationError', 'Given start time is in the past');
      if (start !== undefined && end !== undefined && end <= start)
        throw new AwsError('ValidationError', 'Given end time is before the start time');
      if (!recurrence && start === undefined)
        throw new AwsError('ValidationError', 'Either StartTime or Recurrence must be specified.');
      const simStart = toSim(start);
      const nextRun = recurrence
        ? CronSchedule.parse(recurrence).next(Math.max(store.now(), (simStart ?? 0) - 60_000))
        : simStart;
      const action: ScheduledAction = {
        groupName: g.name,
        name,
        arn: `arn:aws:autoscaling:${cloud.region}:${cloud.accountId}:scheduledUpdateGroupAction:${randomUUID()}:autoScalingGroupName/${g.name}:scheduledActionName/${name}`,
        startTime: start,
        endTime: end,
        recurrence,
        minSize,
        maxSize,
        desiredCapacity,
        nextRun,
      };
      const at = store.scheduledActions.findIndex((s) => s.groupName === g.name && s.name === name);
      if (at >= 0) store.scheduledActions[at] = { ...action, arn: store.scheduledActions[at]!.arn };
      else store.scheduledActions.push(action);
      cloud.changed();
      return undefined;
    },

    DeleteScheduledAction(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const name = p.required('ScheduledActionName');
      const before = store.scheduledActions.length;
      store.scheduledActions = store.scheduledActions.filter(
        (s) => !(s.groupName === g.name && s.name === name),
      );
      if (store.scheduledActions.length === before)
        throw new AwsError(
          'ValidationError',
          `Scheduled action name not found - Could not find scheduled action ${name}`,
        );
      cloud.changed();
      return undefined;
    },

    DescribeScheduledActions(p) {
      const groupName = p.get('AutoScalingGroupName');
      if (groupName) store.group(groupName);
      const names = p.members('ScheduledActionNames');
      const matching = store.scheduledActions.filter(
        (s) => (!groupName || s.groupName === groupName) && (!names.length || names.includes(s.name)),
      );
      const { page, nextToken } = recordPage(matching, p.int('MaxRecords'), p.get('NextToken'));
      return { ScheduledUpdateGroupActions: page.map(scheduledActionView), NextToken: nextToken };
    },
  };
}
