import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import {
  environmentScheduleText,
  type EnvironmentSchedule,
  type EnvironmentScheduleValue,
  type ScheduleStatus,
} from '@shared/schedules/environment-schedule';
import { SCHEDULE_TAG, type GroupSchedule, type GroupScheduleUpdate } from '@shared/schedules/group-schedule';
import { readSchedule, stateAt } from '@shared/schedules/schedule';
import type { Actor, RecordStore } from '../catalogue/record-store';
import type { EnvironmentOperations } from '../environments/operations-state';
import { NotAllowedError } from '../errors/domain-errors';
import type { Accounts } from '../fleet/accounts';
import type { GroupTarget } from '../fleet/fleet';
import type { ScheduleStore } from './schedule-store';

/** The environment type's protected action that refuses schedule changes, as the original named it. */
export const SCHEDULE_ENVIRONMENT = 'SCHEDULE_ENVIRONMENT';

/** What the schedules are built from. */
export interface ScheduleParts {
  readonly store: RecordStore;
  readonly operations: EnvironmentOperations;
  /** The AWS accounts: a group's tag is changed in its environment's. */
  readonly accounts: Pick<Accounts, 'ofEnvironment'>;
  readonly scheduleStore: ScheduleStore;
  /** An ASG of an environment's role, where it is and whose it is (404 otherwise). */
  readonly groupTarget: (name: string, environment?: string) => Promise<GroupTarget>;
  /** One ASG of the environment as it is now (404 when it does not exist). */
  readonly group: (name: string, environment: string) => Promise<AutoScalingGroup>;
  readonly now: () => number;
}

/** The group's own schedule: its `Schedule` tag (any case, as the original read it), when not empty. */
export function ownSchedule(group: AutoScalingGroup): { schedule: string; propagate: boolean } | undefined {
  const tag = group.Tags.find((t) => t.Key.toLowerCase() === SCHEDULE_TAG.toLowerCase());
  const value = tag?.Value.trim();
  return tag && value ? { schedule: value, propagate: tag.PropagateAtLaunch === true } : undefined;
}

/** The status word of a schedule at a moment. */
function statusWord(schedule: string, at: Date): 'ON' | 'OFF' | 'NOSCHEDULE' {
  const reading = readSchedule(schedule);
  if (!reading.ok || reading.schedule.kind === 'none') return 'NOSCHEDULE';
  return stateAt(reading.schedule, at) === 'off' ? 'OFF' : 'ON';
}

/**
 * Environments' and groups' on/off schedules: the environment's in its operations state (as the original
 * kept it, versioned and audited with the lock), a group's own in its `Schedule` tag. It checks no
 * permission (AuthorizedSchedules does) but does refuse changes an environment type protects.
 */
export class Schedules {
  constructor(private readonly parts: ScheduleParts) {}

  async environmentSchedule(name: string): Promise<EnvironmentSchedule> {
    const { state, version } = await this.parts.operations.state(name);
    return { EnvironmentName: name, Value: scheduleValue(state), Version: version };
  }

  /** Replaces the environment's schedule, unless its type protects SCHEDULE_ENVIRONMENT. */
  async setEnvironmentSchedule(
    actor: Actor,
    name: string,
    expectedVersion: number,
    value: EnvironmentScheduleValue,
  ): Promise<EnvironmentSchedule> {
    await this.assertNotProtected(name);
    await this.parts.operations.setSchedule(actor, name, expectedVersion, value);
    return this.environmentSchedule(name);
  }

  /**
   * What the environment's schedule wants at a moment (now by default), in the schedule's own zone:
   * `ON` or `OFF` (NOSCHEDULE leaves the groups as they are, so they count as on).
   */
  async environmentStatus(name: string, at?: Date): Promise<ScheduleStatus> {
    const { Value } = await this.environmentSchedule(name);
    const word = statusWord(environmentScheduleText(Value), at ?? new Date(this.parts.now()));
    return { Status: word === 'OFF' ? 'OFF' : 'ON' };
  }

  /** The schedule text of every environment (the environment's own words), by name. */
  async environmentSchedules(): Promise<Map<string, string>> {
    const [envs, ops] = await Promise.all([
      this.parts.store.list('Environment'),
      this.parts.store.list('EnvironmentOps'),
    ]);
    const byName = new Map(ops.map((o) => [o.key, o.value]));
    return new Map(
      envs
        .filter((e) => !e.deleted)
        .map((e) => [e.key, environmentScheduleText(scheduleValue(byName.get(e.key) ?? {}))]),
    );
  }

  /** A group's schedule: its own when it has one (the most specific wins), else its environment's. */
  async groupSchedule(name: string, environment?: string): Promise<GroupSchedule> {
    const target = await this.parts.groupTarget(name, environment);
    return this.groupView(target, await this.parts.group(name, target.environment));
  }

  /** Sets or (empty) removes a group's own schedule, unless its environment's type protects it. */
  async setGroupSchedule(
    actor: Actor,
    target: GroupTarget,
    update: GroupScheduleUpdate,
  ): Promise<GroupSchedule> {
    await this.assertNotProtected(target.environment);
    const before = ownSchedule(await this.parts.group(target.name, target.environment));
    const { autoScaling } = (await this.parts.accounts.ofEnvironment(target.environment)).fleet;
    const schedule = update.schedule?.trim() ?? '';
    const propagate = update.propagateToInstances ?? false;
    if (schedule === '') {
      if (before) await autoScaling.deleteTag(target.name, SCHEDULE_TAG);
    } else {
      await autoScaling.setTag(target.name, SCHEDULE_TAG, schedule, propagate);
    }
    const after = schedule === '' ? null : { schedule, propagateToInstances: propagate };
    const old = before ? { schedule: before.schedule, propagateToInstances: before.propagate } : null;
    if (JSON.stringify(old) !== JSON.stringify(after)) {
      // the change is in Auto Scaling: audited once made (missing after a crash between, never invented)
      await this.parts.scheduleStore.auditGroupSchedule(
        { group: target.name, oldValue: old, newValue: after },
        actor,
        this.parts.now(),
      );
    }
    return this.groupView(target, await this.parts.group(target.name, target.environment));
  }

  private async groupView(target: GroupTarget, group: AutoScalingGroup): Promise<GroupSchedule> {
    const own = ownSchedule(group);
    const effective =
      own?.schedule ?? environmentScheduleText((await this.environmentSchedule(target.environment)).Value);
    return {
      AutoScalingGroupName: target.name,
      EnvironmentName: target.environment,
      schedule: own?.schedule ?? null,
      propagateToInstances: own?.propagate ?? false,
      Source: own ? 'asg' : 'environment',
      EffectiveSchedule: effective,
      Status: statusWord(effective, new Date(this.parts.now())),
    };
  }

  private async assertNotProtected(environment: string): Promise<void> {
    if (await this.parts.operations.isProtected(environment, SCHEDULE_ENVIRONMENT)) {
      throw new NotAllowedError(
        `the environment type of ${environment} protects ${SCHEDULE_ENVIRONMENT}: its schedules cannot be changed`,
      );
    }
  }
}

/** The original's three schedule fields of a stored operations state. */
function scheduleValue(state: EnvironmentScheduleValue): EnvironmentScheduleValue {
  const { ManualScheduleUp, ScheduleAutomatically, DefaultSchedule } = state;
  return {
    ...(ManualScheduleUp !== undefined ? { ManualScheduleUp } : {}),
    ...(ScheduleAutomatically !== undefined ? { ScheduleAutomatically } : {}),
    ...(DefaultSchedule !== undefined ? { DefaultSchedule } : {}),
  };
}
