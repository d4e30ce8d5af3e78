import type { Instance } from '@shared/fleet/instance';
import type { GroupConcern } from './group-concern';

/** EC2 states of an instance that is going or gone, which no longer counts for its group. */
const GONE = ['shutting-down', 'terminated'];

/** The instances of the estate that belong to a group and still run, by group. */
function byGroup(instances: readonly Instance[]): Map<string, Instance[]> {
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    if (i.AutoScalingGroupName && !GONE.includes(i.State.Name)) {
      groups.set(i.AutoScalingGroupName, [...(groups.get(i.AutoScalingGroupName) ?? []), i]);
    }
  }
  return groups;
}

/** Whether the instance runs an image other than the latest stable of its type (or an unknown one). */
function outOfDate(i: Instance): boolean {
  return i.Ami === null || !i.Ami.IsLatestStable;
}

/** Why the group's instances are out of date, in words ("2 of 3 instances on base-1.2.0, 14 days behind"). */
function reason(old: readonly Instance[], all: number): string {
  const names = [...new Set(old.map((i) => i.Ami?.Name ?? 'an image not of the account'))].sort();
  const behind = Math.max(0, ...old.map((i) => i.Ami?.DaysBehindLatest ?? 0));
  const days = behind > 0 ? `, ${behind} day${behind === 1 ? '' : 's'} behind the latest stable` : '';
  return `${old.length} of ${all} instances on ${names.join(', ')}${days}`;
}

/** How many groups have running instances: what the out-of-date ones are counted against. */
export function groupsWithInstances(instances: readonly Instance[]): number {
  return byGroup(instances).size;
}

/**
 * The groups whose running instances include one on an image that is not the latest stable of its
 * type, by name, each with its environment (the instances' `Environment` tag) and why.
 */
export function outOfDateGroups(instances: readonly Instance[]): GroupConcern[] {
  return [...byGroup(instances).entries()]
    .flatMap(([group, members]) => {
      const old = members.filter(outOfDate);
      if (old.length === 0) {
        return [];
      }
      const environment = members.find((i) => i.Environment)?.Environment ?? undefined;
      return [{ group, environment, reason: reason(old, members.length) }];
    })
    .sort((a, b) => a.group.localeCompare(b.group));
}
