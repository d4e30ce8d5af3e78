import type {
  EnvironmentSchedule,
  EnvironmentScheduleValue,
  ScheduleStatus,
} from '@shared/schedules/environment-schedule';
import type { GroupSchedule, GroupScheduleUpdate } from '@shared/schedules/group-schedule';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { EnvironmentOperations } from '../environments/operations-state';
import type { GroupTarget } from '../fleet/fleet';
import type { Schedules } from '../schedules/schedules';
import { authorize } from './authorize';

/**
 * The schedules as routes use them: changing an environment's schedule needs `manage-schedules` for its
 * owning cluster and type, a group's for its role's cluster and the environment type (what does not exist
 * is a 404 first). Reads need only a signed-in caller.
 */
export class AuthorizedSchedules {
  constructor(
    private readonly schedules: Schedules,
    private readonly operations: EnvironmentOperations,
    private readonly groupTarget: (name: string, environment?: string) => Promise<GroupTarget>,
  ) {}

  environmentSchedule(name: string): Promise<EnvironmentSchedule> {
    return this.schedules.environmentSchedule(name);
  }

  environmentStatus(name: string, at?: Date): Promise<ScheduleStatus> {
    return this.schedules.environmentStatus(name, at);
  }

  groupSchedule(name: string, environment?: string): Promise<GroupSchedule> {
    return this.schedules.groupSchedule(name, environment);
  }

  async setEnvironmentSchedule(
    principal: Principal,
    actor: Actor,
    name: string,
    expectedVersion: number,
    value: EnvironmentScheduleValue,
  ): Promise<EnvironmentSchedule> {
    const { Value } = await this.operations.get(name);
    await authorize(principal, {
      action: 'manage-schedules',
      scopes: [{ cluster: Value.OwningCluster, environmentType: Value.EnvironmentType }],
    });
    return this.schedules.setEnvironmentSchedule(actor, name, expectedVersion, value);
  }

  async setGroupSchedule(
    principal: Principal,
    actor: Actor,
    name: string,
    update: GroupScheduleUpdate,
    environment?: string,
  ): Promise<GroupSchedule> {
    const target = await this.groupTarget(name, environment);
    await authorize(principal, { action: 'manage-schedules', scopes: [target.scope] });
    return this.schedules.setGroupSchedule(actor, target, update);
  }
}
