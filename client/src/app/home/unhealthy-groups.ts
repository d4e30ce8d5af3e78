import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { countsOf, healthWarning } from '@shared/fleet/group-health';
import type { GroupConcern } from './group-concern';

/**
 * Why a group is not healthy, or undefined when it is: as the environment servers view says it (its
 * `Status.Reason`), fewer live instances than desired, or fewer of them InService and Healthy.
 */
export function unhealthyReason(group: AutoScalingGroup): string | undefined {
  return healthWarning(countsOf(group));
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
