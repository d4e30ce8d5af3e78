import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { isInMaintenance, type InstanceMaintenance } from '@shared/fleet/instance-maintenance';
import type { ResourceScope } from '@shared/auth/permission';
import type { Actor } from '../catalogue/record-store';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { locateInstance, type Accounts } from './accounts';
import type { AutoScaling } from './auto-scaling';
import type { FleetOperationAudit } from './fleet-operation-audit';
import { assertGroupMayChange, type GroupChangeGuards } from './group-change-refusal';

/** What instance maintenance works with. */
export interface MaintenanceParts extends GroupChangeGuards {
  readonly accounts: Accounts;
  readonly audit: FleetOperationAudit;
  /** The group as a change to it is checked: its environment (its tag) and its role's scope. */
  readonly groupTarget: (
    name: string,
    environment?: string,
  ) => Promise<{ readonly name: string; readonly environment: string; readonly scope: ResourceScope }>;
}

/** An instance of a group, as a maintenance change is checked: where it is and whose it is. */
export interface InstanceTarget {
  readonly instanceId: string;
  readonly group: string;
  readonly environment: string;
  readonly scope: ResourceScope;
}

const GROUP_TAG = 'aws:autoscaling:groupName';

/**
 * Instance maintenance as the original had it (`PUT /instances/{id}/maintenance`): the instance goes to
 * its ASG's Standby (out of its target groups, drained first, and safe from health check replacement and
 * scale-in) and back into service, where it must pass the target groups' health checks again. Its group's
 * desired capacity goes down with it unless that would break the group's minimum (then Auto Scaling
 * launches a replacement), and up again when it comes back (its maximum raised by one if it must be).
 * Asking for the state an instance is already in changes nothing (and is not refused). Who may is
 * checked around it.
 */
export class Maintenance {
  constructor(private readonly parts: MaintenanceParts) {}

  /**
   * The instance's group and scope, in whichever of the portal's accounts has it; NotFoundError for an
   * instance no account knows or of no ASG.
   */
  async target(instanceId: string): Promise<InstanceTarget> {
    const instance = (await locateInstance(this.parts.accounts, instanceId))?.instance;
    if (!instance) throw new NotFoundError(`instance ${instanceId} does not exist`);
    const group = instance.tags[GROUP_TAG];
    if (group === undefined)
      throw new NotFoundError(
        `instance ${instanceId} is not in an Auto Scaling group: it has no maintenance here`,
      );
    // its group read in the instance's environment's account (a group of that name elsewhere is not it)
    const target = await this.parts.groupTarget(group, instance.tags['Environment']);
    return { instanceId, group, environment: target.environment, scope: target.scope };
  }

  /** Puts the instance into maintenance (`enable`) or takes it out, and says where it is now. */
  async set(target: InstanceTarget, enable: boolean, actor: Actor): Promise<InstanceMaintenance> {
    const { autoScaling } = (await this.parts.accounts.ofEnvironment(target.environment)).fleet;
    const group = await this.group(autoScaling, target.group);
    const state = this.stateIn(group, target.instanceId);
    // already there: nothing changes, so nothing is refused
    if (isInMaintenance(state) === enable) return this.view(group, target.instanceId, false);
    await assertGroupMayChange(this.parts, { name: target.group, environment: target.environment });
    let replaced = false;
    if (enable) {
      if (state !== 'InService')
        throw new ConflictError(
          `instance ${target.instanceId} is ${state}: only an instance InService can go into maintenance`,
        );
      replaced = group.DesiredCapacity - 1 < group.MinSize;
      await autoScaling.enterStandby(target.group, [target.instanceId], !replaced);
    } else {
      if (state !== 'Standby')
        throw new ConflictError(
          `instance ${target.instanceId} is ${state}: it can come back once its target groups have drained it (Standby)`,
        );
      if (group.DesiredCapacity + 1 > group.MaxSize)
        await autoScaling.updateGroup(target.group, { maxSize: group.DesiredCapacity + 1 });
      await autoScaling.exitStandby(target.group, [target.instanceId]);
    }
    const after = await this.view(await this.group(autoScaling, target.group), target.instanceId, replaced);
    await this.parts.audit.record(
      {
        kind: 'InstanceMaintenance',
        key: target.instanceId,
        changeType: 'Updated',
        oldValue: { AutoScalingGroupName: target.group, LifecycleState: state, Maintenance: !enable },
        newValue: {
          AutoScalingGroupName: target.group,
          LifecycleState: after.LifecycleState,
          Maintenance: enable,
        },
      },
      actor,
    );
    return after;
  }

  private async group(autoScaling: AutoScaling, name: string): Promise<AutoScalingGroup> {
    const [group] = await autoScaling.describeGroups([name]);
    if (!group) throw new NotFoundError(`ASG ${name} does not exist`);
    return group;
  }

  private stateIn(group: AutoScalingGroup, instanceId: string): string {
    const state = group.Instances.find((i) => i.InstanceId === instanceId)?.LifecycleState;
    if (state === undefined)
      throw new NotFoundError(`instance ${instanceId} is no longer in ASG ${group.AutoScalingGroupName}`);
    return state;
  }

  private view(group: AutoScalingGroup, instanceId: string, replaced: boolean): InstanceMaintenance {
    const state = this.stateIn(group, instanceId);
    return {
      ok: true,
      InstanceId: instanceId,
      AutoScalingGroupName: group.AutoScalingGroupName,
      Maintenance: isInMaintenance(state),
      LifecycleState: state,
      DesiredCapacity: group.DesiredCapacity,
      Replaced: replaced,
    };
  }
}
