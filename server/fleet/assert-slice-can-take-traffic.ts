import type { SliceName } from '@shared/fleet/slice-name';
import { ConflictError } from '../errors/domain-errors';
import type { SliceTargetGroup } from './load-balancer-gateway';

/**
 * The toggle's health gate: traffic may move to a slice only when it has targets and every one of them
 * (but those already draining away) passes the load balancer's health check.
 */
export function assertSliceCanTakeTraffic(name: SliceName, slice: SliceTargetGroup): void {
  const registered = slice.targets.filter((t) => t.state !== 'draining');
  if (!registered.length) {
    throw new ConflictError(`the ${name} slice has no registered targets to take the traffic`);
  }
  const unhealthy = registered.filter((t) => t.state !== 'healthy');
  if (unhealthy.length) {
    throw new ConflictError(
      `the ${name} slice is not healthy: ${unhealthy.length} of ${registered.length} targets are not healthy (${unhealthy
        .map((t) => `${t.id} ${t.state}`)
        .join(', ')})`,
    );
  }
}
