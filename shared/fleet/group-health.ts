import type { AutoScalingGroup } from './auto-scaling-group';

/** What a group's health is judged by: its desired size, its live instances and those that serve. */
export interface GroupCounts {
  readonly desired: number;
  /** Instances not terminating or terminated. */
  readonly live: number;
  /** Live instances InService and Healthy. */
  readonly healthy: number;
}

/**
 * Why a group is not healthy, in words, or undefined when it is: fewer (or more) live instances than
 * desired, or fewer of them serving. The one rule of the servers view, the home page and patch plans.
 */
export function healthWarning(c: GroupCounts): string | undefined {
  if (c.live !== c.desired) return `${c.live} of ${c.desired} instances running`;
  if (c.healthy !== c.desired) return `${c.healthy} of ${c.desired} instances healthy`;
  return undefined;
}

/** The counts of a group as Auto Scaling describes it. */
export function countsOf(group: AutoScalingGroup): GroupCounts {
  const live = group.Instances.filter((i) => !i.LifecycleState.startsWith('Terminat'));
  return {
    desired: group.DesiredCapacity,
    live: live.length,
    healthy: live.filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy').length,
  };
}
