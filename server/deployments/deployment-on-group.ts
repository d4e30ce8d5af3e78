import { isTerminal } from '@shared/deployments/deployment';
import type { Clock } from './engine/clock';
import type { DeploymentStore } from './deployment-store';

/** How far back an unfinished deployment is looked for (one waiting for approval may wait days). */
const LOOKBACK_MS = 30 * 24 * 3600 * 1000;

/**
 * The id of an unfinished deployment of the environment that works on the group (its target, or the live
 * slice of a blue/green one), if any: the environment's recent history, newest first, page by page.
 */
export async function deploymentOnGroup(
  store: DeploymentStore,
  clock: Clock,
  environment: string,
  group: string,
): Promise<string | undefined> {
  const now = clock.now();
  let cursor: string | undefined;
  do {
    const page = await store.list({ since: now - LOOKBACK_MS, until: now, environment, limit: 100, cursor });
    const found = page.items.find((d) => {
      const v = d.value;
      if (isTerminal(v.Status)) return false;
      return [
        v.AutoScalingGroupName,
        v.Resources?.AutoScalingGroup,
        v.Resources?.LiveAutoScalingGroup,
      ].includes(group);
    });
    if (found) return found.id;
    cursor = page.next;
  } while (cursor);
  return undefined;
}
