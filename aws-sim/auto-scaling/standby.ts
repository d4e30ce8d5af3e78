import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { activityView } from './group-view';
import type { InstanceLifecycle } from './instance-lifecycle';
import type { GroupInstance, ScalingGroup } from './types';

/** AWS takes at most 20 instances in one EnterStandby or ExitStandby call. */
const MAX_INSTANCES = 20;

/**
 * Moves an instance that is entering standby on: once none of its target groups reports it draining any
 * more (the deregistration delay), it is in Standby and its activity ends. True once it is there.
 */
export function advanceStandby(cloud: Cloud, store: AutoScalingStore, instance: GroupInstance): boolean {
  if (instance.lifecycleState !== 'EnteringStandby') return false;
  if (instance.registeredWith.some((arn) => cloud.elb.health(arn, instance.instanceId) === 'draining'))
    return false;
  instance.registeredWith = [];
  instance.lifecycleState = 'Standby';
  instance.step = undefined;
  store.updateActivity(instance.activityId, 'Successful', 100);
  instance.activityId = undefined;
  cloud.changed();
  return true;
}

/**
 * EnterStandby and ExitStandby, as AWS documents them: an instance entering standby is deregistered from
 * its group's target groups and stays `EnteringStandby` while they drain it (the deregistration delay),
 * then `Standby`; the group launches a replacement unless the desired capacity was decremented. Leaving
 * standby raises the desired capacity again and goes through `Pending`, where the reconciler registers
 * the instance with the target groups as a new one (it must pass their health checks again).
 */
export function standbyActions(
  cloud: Cloud,
  store: AutoScalingStore,
  lifecycle: InstanceLifecycle,
): ActionHandlers {
  /** The named instances of a group, each in `state`, or AWS's ValidationError. */
  const groupInstances = (p: QueryParams, state: GroupInstance['lifecycleState']) => {
    const g = store.group(p.required('AutoScalingGroupName'));
    const ids = p.members('InstanceIds');
    if (ids.length > MAX_INSTANCES)
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INSTANCES}`,
      );
    const instances = ids.map((id) => {
      const i = g.instances.find((x) => x.instanceId === id);
      if (!i)
        throw new AwsError(
          'ValidationError',
          `The instance ${id} is not part of Auto Scaling group ${g.name}.`,
        );
      if (i.lifecycleState !== state)
        throw new AwsError(
          'ValidationError',
          state === 'Standby'
            ? `The instance ${id} is not in Standby.`
            : `The instance ${id} is not in InService.`,
        );
      return i;
    });
    return { g, instances };
  };
  const sizes = (g: ScalingGroup) =>
    `AutoScalingGroup ${g.name} has min-size=${g.minSize}, max-size=${g.maxSize}, and desired-size=${g.desiredCapacity}.`;

  return {
    EnterStandby(p) {
      const decrement = p.required('ShouldDecrementDesiredCapacity') === 'true';
      const { g, instances } = groupInstances(p, 'InService');
      if (decrement && g.desiredCapacity - instances.length < g.minSize)
        throw new AwsError(
          'ValidationError',
          `${sizes(g)} To place into standby ${instances.length} instances, please update the AutoScalingGroup sizes appropriately.`,
        );
      const activities = instances.map((i) => {
        let cause = `At ${lifecycle.stamp()} instance ${i.instanceId} was moved to standby in response to a user request`;
        if (decrement) {
          cause += `, shrinking the capacity from ${g.desiredCapacity} to ${g.desiredCapacity - 1}`;
          g.desiredCapacity -= 1;
        }
        const activity = store.startActivity(
          g,
          `Moving EC2 instance to Standby: ${i.instanceId}`,
          `${cause}.`,
        );
        lifecycle.deregister(g.targetGroupArns, i);
        i.lifecycleState = 'EnteringStandby';
        i.activityId = activity.activityId;
        // with nothing to drain it is in Standby at once
        advanceStandby(cloud, store, i);
        return activity;
      });
      cloud.changed();
      return { Activities: activities.map((a) => activityView(a, g.arn)) };
    },

    ExitStandby(p) {
      const { g, instances } = groupInstances(p, 'Standby');
      if (g.desiredCapacity + instances.length > g.maxSize)
        throw new AwsError(
          'ValidationError',
          `${sizes(g)} To move ${instances.length} instances out of standby, please update the AutoScalingGroup sizes appropriately.`,
        );
      const activities = instances.map((i) => {
        const cause = `At ${lifecycle.stamp()} instance ${i.instanceId} was moved out of standby in response to a user request, increasing the capacity from ${g.desiredCapacity} to ${g.desiredCapacity + 1}.`;
        g.desiredCapacity += 1;
        const activity = store.startActivity(g, `Moving EC2 instance out of Standby: ${i.instanceId}`, cause);
        // back through Pending: the reconciler registers it with the target groups again
        i.lifecycleState = 'Pending';
        i.healthStatus = 'Healthy';
        i.inServiceAt = undefined;
        i.activityId = activity.activityId;
        return activity;
      });
      cloud.changed();
      return { Activities: activities.map((a) => activityView(a, g.arn)) };
    },
  };
}
