import { z } from 'zod';
import type { Instance } from '@shared/fleet/instance';
import { isInMaintenance } from '@shared/fleet/instance-maintenance';
import type { InstanceScheduleAction, ScheduleSource } from '@shared/fleet/instance-schedule-action';
import { EnvironmentScheduleValue, environmentScheduleText } from '@shared/schedules/environment-schedule';
import { SCHEDULE_TAG } from '@shared/schedules/group-schedule';
import { readSchedule, stateAt } from '@shared/schedules/schedule';
import type { EnvironmentOperations } from '../environments/operations-state';
import { NotFoundError } from '../errors/domain-errors';
import type { Accounts } from './accounts';
import type { FleetInstances } from './fleet-instances';

/** The schedule's fields of an environment's operations state (kept beside its lock). */
const ScheduleFields = z.object(EnvironmentScheduleValue.shape);

/** The original's reasons for skipping an instance, word for word. */
export const SKIP_REASONS = {
  noEnvironment: 'This instance has no environment',
  explicitNoSchedule: 'The schedule tag for this instance is set to "noschedule"',
  invalidSchedule: 'The schedule tag for this instance is not valid',
  transitioning: 'This instance is currently transitioning between states',
  asgTransitioning: 'This instance is currently transitioning between ASG lifecycle states',
  maintenanceMode: 'This instance is currently in Maintenance Mode',
  stateIsCorrect: 'The instance is already in the correct state',
} as const;

/** The schedules that may apply to an instance, the nearest first. */
export interface ScheduleSources {
  readonly instance?: string;
  readonly asg?: string;
  /** The environment's schedule in the original's words (absent when the environment is unknown). */
  readonly environment?: string;
}

const tag = (tags: readonly { Key: string; Value: string }[], key: string): string | undefined => {
  const value = tags.find((t) => t.Key.toLowerCase() === key.toLowerCase())?.Value.trim();
  return value ? value : undefined;
};

/**
 * What an instance's schedule asks for at a moment, decided as the original decided it: the instance's
 * own Schedule tag, else its ASG's, else its environment's; an instance in maintenance, or between
 * states, is skipped. An ASG's instance that should be off is `switchOff` (the scheduler brings its
 * group to zero here, rather than putting it out of service); one that should be on and is in service
 * is already right.
 */
export function scheduleActionFor(
  instance: Instance,
  sources: ScheduleSources,
  at: Date,
): InstanceScheduleAction['action'] {
  const skip = (reason: string, source?: ScheduleSource) => ({
    action: 'skip' as const,
    reason,
    ...(source ? { source } : {}),
  });
  if (!instance.Environment) return skip(SKIP_REASONS.noEnvironment);
  if (isInMaintenance(instance.LifecycleState)) return skip(SKIP_REASONS.maintenanceMode);
  const [source, text] =
    sources.instance !== undefined
      ? (['instance', sources.instance] as const)
      : sources.asg !== undefined
        ? (['asg', sources.asg] as const)
        : (['environment', sources.environment ?? '247'] as const);
  const reading = readSchedule(text);
  if (!reading.ok) return skip(`${SKIP_REASONS.invalidSchedule} - Error: '${reading.message}'`, source);
  if (reading.schedule.kind === 'none') return skip(SKIP_REASONS.explicitNoSchedule, source);
  const wanted = stateAt(reading.schedule, at);
  if (wanted === undefined) return skip(SKIP_REASONS.stateIsCorrect);
  const running = instance.State.Name === 'running';
  const stopped = instance.State.Name === 'stopped';
  const inGroup = instance.AutoScalingGroupName !== null;
  if (!running && !stopped) return skip(SKIP_REASONS.transitioning);
  if (inGroup && instance.LifecycleState !== 'InService') return skip(SKIP_REASONS.asgTransitioning);
  if (wanted === 'on')
    return stopped ? { action: 'switchOn', source } : skip(SKIP_REASONS.stateIsCorrect, source);
  return running ? { action: 'switchOff', source } : skip(SKIP_REASONS.stateIsCorrect, source);
}

/** What `GET /instances/schedule-actions` is built from. */
export interface InstanceScheduleActionsParts {
  readonly operations: EnvironmentOperations;
  readonly accounts: Accounts;
}

/** `GET /instances/schedule-actions`: what each instance of an account's schedule asks for at a moment. */
export class InstanceScheduleActions {
  constructor(
    private readonly parts: InstanceScheduleActionsParts,
    private readonly instances: FleetInstances,
  ) {}

  async list(account: string, at: Date): Promise<InstanceScheduleAction[]> {
    const instances = (await this.instances.list({ account })).filter((i) => i.State.Name !== 'terminated');
    const groupNames = [...new Set(instances.flatMap((i) => i.AutoScalingGroupName ?? []))];
    const environments = [...new Set(instances.flatMap((i) => i.Environment ?? []))];
    const [groups, schedules] = await Promise.all([
      this.parts.accounts.named(account).then((a) => a.fleet.autoScaling.describeGroups(groupNames)),
      Promise.all(environments.map(async (e) => [e, await this.environmentSchedule(e)] as const)),
    ]);
    const groupSchedule = new Map(groups.map((g) => [g.AutoScalingGroupName, tag(g.Tags, SCHEDULE_TAG)]));
    const environmentSchedule = new Map(schedules);
    return instances.map((i) => ({
      action: scheduleActionFor(
        i,
        {
          instance: tag(i.Tags, SCHEDULE_TAG),
          asg: i.AutoScalingGroupName === null ? undefined : groupSchedule.get(i.AutoScalingGroupName),
          environment: i.Environment === null ? undefined : environmentSchedule.get(i.Environment),
        },
        at,
      ),
      instance: {
        id: i.InstanceId,
        ...(i.Name ? { name: i.Name } : {}),
        ...(i.Role ? { role: i.Role } : {}),
        ...(i.Environment ? { environment: i.Environment } : {}),
        ...(i.AutoScalingGroupName ? { asg: i.AutoScalingGroupName } : {}),
      },
    }));
  }

  /** The environment's schedule, in the original's words, from its operations state. */
  private async environmentSchedule(environment: string): Promise<string | undefined> {
    try {
      const value = ScheduleFields.safeParse((await this.parts.operations.get(environment)).Value);
      return value.success ? environmentScheduleText(value.data) : undefined;
    } catch (e) {
      // an environment the catalogue no longer has: its instances follow their own tags, else stay on
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }
}
