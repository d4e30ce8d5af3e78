import type { InstanceMaintenance } from '@shared/fleet/instance-maintenance';
import type { InstanceScheduleAction } from '@shared/fleet/instance-schedule-action';
import type { ScheduledAction, ScheduledActionPut } from '@shared/fleet/scheduled-action';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { GroupTarget } from '../fleet/fleet';
import type { InstanceScheduleActions } from '../fleet/instance-schedule-actions';
import type { Maintenance } from '../fleet/maintenance';
import type { ScheduledActions } from '../fleet/scheduled-actions';
import { authorizeProtectable, type Protects } from './authorize';

/**
 * Scheduled actions and instance maintenance as routes use them: changing either needs `operate-asgs` for
 * the group's role cluster and the environment type, as every other hand-made change of an ASG (what does
 * not exist is a 404 first). Reading (and what instances' schedules ask for) needs only a signed-in caller.
 */
export class AuthorizedScalingOperations {
  constructor(
    private readonly scheduled: ScheduledActions,
    private readonly maintenance: Maintenance,
    private readonly groupTarget: (name: string, environment?: string) => Promise<GroupTarget>,
    private readonly scheduleActions: InstanceScheduleActions,
    private readonly protects: Protects,
  ) {}

  instanceScheduleActions(account: string, at: Date): Promise<InstanceScheduleAction[]> {
    return this.scheduleActions.list(account, at);
  }

  scheduledActions(name: string, environment?: string): Promise<ScheduledAction[]> {
    return this.scheduled.list(name, environment);
  }

  async putScheduledAction(
    principal: Principal,
    actor: Actor,
    name: string,
    actionName: string,
    body: ScheduledActionPut,
    environment?: string,
  ): Promise<ScheduledAction> {
    const target = await this.groupTarget(name, environment);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.scheduled.put(target, actionName, body, actor);
  }

  async deleteScheduledAction(
    principal: Principal,
    actor: Actor,
    name: string,
    actionName: string,
    environment?: string,
  ): Promise<ScheduledAction> {
    const target = await this.groupTarget(name, environment);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.scheduled.remove(target, actionName, actor);
  }

  async setMaintenance(
    principal: Principal,
    actor: Actor,
    instanceId: string,
    enable: boolean,
  ): Promise<InstanceMaintenance> {
    const target = await this.maintenance.target(instanceId);
    await authorizeProtectable(principal, this.protects, 'operate-asgs', target.scope);
    return this.maintenance.set(target, enable, actor);
  }
}
