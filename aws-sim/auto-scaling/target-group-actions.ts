import type { Cloud } from '../cloud';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import { assertTargetGroups } from './group-settings';
import type { InstanceLifecycle } from './instance-lifecycle';
import { recordPage } from './record-page';

/** AttachLoadBalancerTargetGroups, DetachLoadBalancerTargetGroups, DescribeLoadBalancerTargetGroups. */
export function targetGroupActions(
  cloud: Cloud,
  store: AutoScalingStore,
  lifecycle: InstanceLifecycle,
): ActionHandlers {
  return {
    AttachLoadBalancerTargetGroups(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const arns = p.members('TargetGroupARNs');
      assertTargetGroups(cloud, arns);
      const fresh = [...new Set(arns)].filter((a) => !g.targetGroupArns.includes(a));
      g.targetGroupArns.push(...fresh);
      if (!store.isSuspended(g, 'AddToLoadBalancer'))
        for (const i of g.instances) if (i.lifecycleState === 'InService') lifecycle.register(fresh, i);
      cloud.changed();
      return {};
    },

    DetachLoadBalancerTargetGroups(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const arns = p.members('TargetGroupARNs');
      g.targetGroupArns = g.targetGroupArns.filter((a) => !arns.includes(a));
      for (const i of g.instances) {
        lifecycle.deregister(arns, i);
        i.registeredWith = i.registeredWith.filter((a) => !arns.includes(a));
      }
      cloud.changed();
      return {};
    },

    DescribeLoadBalancerTargetGroups(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const { page, nextToken } = recordPage(g.targetGroupArns, p.int('MaxRecords'), p.get('NextToken'));
      return {
        // AWS reports InService once the group's instances are registered; the sim registers at once
        LoadBalancerTargetGroups: page.map((arn) => ({
          LoadBalancerTargetGroupARN: arn,
          State: 'InService',
        })),
        NextToken: nextToken,
      };
    },
  };
}
