import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { activityView, instanceDetailsView } from './group-view';
import type { InstanceLifecycle } from './instance-lifecycle';
import { recordPage } from './record-page';
import type { GroupInstance, ScalingGroup } from './types';

/** TerminateInstanceInAutoScalingGroup, SetInstanceProtection, DescribeAutoScalingInstances, DescribeScalingActivities (standby is in standby.ts). */
export function instanceActions(
  cloud: Cloud,
  store: AutoScalingStore,
  lifecycle: InstanceLifecycle,
): ActionHandlers {
  const find = (instanceId: string): { g: ScalingGroup; i: GroupInstance } | undefined => {
    for (const g of store.groups.values()) {
      const i = g.instances.find((x) => x.instanceId === instanceId);
      if (i) return { g, i };
    }
    return undefined;
  };
  /** The named instances of a group, or AWS's ValidationError. */
  const groupInstances = (p: QueryParams) => {
    const g = store.group(p.required('AutoScalingGroupName'));
    const instances = p.members('InstanceIds').map((id) => {
      const i = g.instances.find((x) => x.instanceId === id);
      if (!i)
        throw new AwsError(
          'ValidationError',
          `The instance ${id} is not part of Auto Scaling group ${g.name}.`,
        );
      return i;
    });
    return { g, instances };
  };
  return {
    DescribeAutoScalingInstances(p) {
      const ids = p.members('InstanceIds');
      const all = [...store.groups.values()]
        .flatMap((g) => g.instances.map((i) => ({ g, i })))
        .filter(({ i }) => !ids.length || ids.includes(i.instanceId))
        .sort((a, b) => a.i.instanceId.localeCompare(b.i.instanceId));
      const { page, nextToken } = recordPage(all, p.int('MaxRecords'), p.get('NextToken'), 50);
      return {
        AutoScalingInstances: page.map(({ g, i }) => instanceDetailsView(g, i)),
        NextToken: nextToken,
      };
    },

    TerminateInstanceInAutoScalingGroup(p) {
      const id = p.required('InstanceId');
      const decrement = p.required('ShouldDecrementDesiredCapacity') === 'true';
      const found = find(id);
      if (!found)
        throw new AwsError(
          'ValidationError',
          `Instance Id not found - No managed instance found for instance ID: ${id}`,
        );
      const { g, i } = found;
      if (i.lifecycleState === 'Terminating') {
        const open = store.activities.find((a) => a.activityId === i.activityId);
        if (open) return { Activity: activityView(open, g.arn) };
      }
      if (decrement && g.desiredCapacity - 1 < g.minSize)
        throw new AwsError(
          'ValidationError',
          `Currently, desiredSize equals minSize (${g.minSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
        );
      let cause = `At ${lifecycle.stamp()} instance ${id} was taken out of service in response to a user request`;
      if (decrement) {
        cause += `, shrinking the capacity from ${g.desiredCapacity} to ${g.desiredCapacity - 1}`;
        g.desiredCapacity -= 1;
      }
      const activity = lifecycle.startTermination(g, i, `${cause}.`);
      return { Activity: activityView(activity, g.arn) };
    },

    SetInstanceProtection(p) {
      const protect = p.required('ProtectedFromScaleIn') === 'true';
      const { instances } = groupInstances(p);
      for (const i of instances) i.protectedFromScaleIn = protect;
      cloud.changed();
      return {};
    },

    DescribeScalingActivities(p) {
      const name = p.get('AutoScalingGroupName');
      const ids = p.members('ActivityIds');
      const matching = store.activities
        .filter((a) => (!name || a.groupName === name) && (!ids.length || ids.includes(a.activityId)))
        .reverse();
      const { page, nextToken } = recordPage(matching, p.int('MaxRecords'), p.get('NextToken'), 100, 100);
      return {
        Activities: page.map((a) => activityView(a, store.groups.get(a.groupName)?.arn)),
        NextToken: nextToken,
      };
    },
  };
}
