import type { WeightedTargetGroup } from '../elbv2/elbv2-model';

const credits = new WeakMap<readonly WeightedTargetGroup[], number[]>();

/**
 * Picks a target group by weight with smooth weighted round-robin (nginx's): over any window the shares
 * follow the weights closely and a weight of 0 gets nothing. The running credits belong to the list, so a
 * ModifyListener (which makes a new list) starts afresh.
 */
export function weightedChoice(groups: readonly WeightedTargetGroup[]): WeightedTargetGroup | undefined {
  const total = groups.reduce((sum, g) => sum + g.weight, 0);
  if (total === 0) return undefined;
  const current = credits.get(groups) ?? groups.map(() => 0);
  credits.set(groups, current);
  let best = -1;
  groups.forEach((g, i) => {
    current[i]! += g.weight;
    if (g.weight > 0 && (best < 0 || current[i]! > current[best]!)) best = i;
  });
  current[best]! -= total;
  return groups[best];
}
