import type { AsgReadiness } from '@shared/fleet/asg-readiness';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { isInService } from './is-in-service';

/** Whether the group is ready to deploy to: every instance InService and Healthy, and desired reached. */
export function readinessOf(group: AutoScalingGroup): AsgReadiness {
  const byState: Record<string, number> = { InService: 0, Standby: 0 };
  for (const i of group.Instances) byState[i.LifecycleState] = (byState[i.LifecycleState] ?? 0) + 1;
  const allServing = group.Instances.every((i) =>
    isInService({ lifecycleState: i.LifecycleState, healthStatus: i.HealthStatus }),
  );
  return {
    ReadyToDeploy: allServing && group.Instances.length === group.DesiredCapacity,
    InstancesByLifecycleState: byState,
    InstancesTotalCount: group.Instances.length,
  };
}
