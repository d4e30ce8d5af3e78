import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { GroupConcern } from './group-concern';

/**
 * Why a group is not healthy, or undefined when it is: as the environment servers view says it (its
 * `Status.Reason`), fewer live instances than desired, or fewer of them InService and Healthy.
 */
export function unhealthyReason(group: AutoScalingGroup): string | undefined {
  const desired = group.DesiredCapacity;
  const live = group.Instances.filter((i) => !i.LifecycleState.startsWith('Terminat'));
  if (live.length !== desired) {
    return `${live.length} of ${desired} instances running`;
  }
  const healthy = live.filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy');
  if (healthy.length !== desired) {
    return `${healthy.length} of ${desired} instances healthy`;
  }
  return undefined;
}

/** The estate's groups that are not healthy, by name, each with its environment (its `Environment` tag). */
export function unhealthyGroups(groups: readonly AutoScalingGroup[]): GroupConcern[] {
  return groups
    .flatMap((g) => {
      const reason = unhealthyReason(g);
      if (reason === undefined) {
        return [];
      }
      const environment = g.Tags.find((t) => t.Key === 'Environment')?.Value || undefined;
      return [{ group: g.AutoScalingGroupName, environment, reason }];
    })
    .sort((a, b) => a.group.localeCompare(b.group));
}
