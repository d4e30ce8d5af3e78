import { isScaleInCandidate } from './termination-choice';
import type { GroupInstance } from './types';

/** Instances in service or on their way there, by zone (every group zone present, maybe with 0). */
export function zoneCounts(
  zones: readonly string[],
  instances: readonly GroupInstance[],
): Map<string, number> {
  const counts = new Map<string, number>(zones.map((z) => [z, 0]));
  for (const i of instances)
    if (i.lifecycleState === 'InService' || i.lifecycleState === 'Pending')
      counts.set(i.availabilityZone, (counts.get(i.availabilityZone) ?? 0) + 1);
  return counts;
}

/** The group's zones, fewest instances first (ties in the group's order): where to try a launch. */
export function launchZones(zones: readonly string[], instances: readonly GroupInstance[]): string[] {
  const counts = zoneCounts(zones, instances);
  return [...zones].sort((a, b) => counts.get(a)! - counts.get(b)!);
}

/**
 * The zone a rebalancing launch goes to when the group's zones differ by more than one instance, or
 * undefined when they are balanced, or when every instance in the fullest zones is protected from scale
 * in: the scale-in after the launch would then take from another zone, and the group would never settle.
 */
export function rebalanceZone(
  zones: readonly string[],
  instances: readonly GroupInstance[],
): string | undefined {
  const counts = [...zoneCounts(zones, instances)].filter(([z]) => zones.includes(z));
  if (counts.length < 2) return undefined;
  const max = Math.max(...counts.map(([, n]) => n));
  const [zone, min] = counts.reduce((a, b) => (b[1] < a[1] ? b : a));
  const fullest = new Set(counts.filter(([, n]) => n === max).map(([z]) => z));
  const shrinkable = instances.some((i) => fullest.has(i.availabilityZone) && isScaleInCandidate(i));
  return max - min > 1 && shrinkable ? zone : undefined;
}
