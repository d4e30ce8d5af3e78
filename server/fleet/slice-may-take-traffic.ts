import type { SliceName } from '@shared/fleet/slice-name';
import type { SliceTargetGroup } from './load-balancing';

/**
 * Why traffic may not move to a slice, or undefined when it may: it needs at least `expected` registered
 * targets (1 unless said) and every one of them (but those already draining away) healthy in the load
 * balancer's eyes. The one gate for the slice toggle and for blue/green's traffic shifts.
 */
export function sliceTrafficRefusal(
  name: SliceName,
  slice: SliceTargetGroup,
  expected = 1,
): string | undefined {
  const registered = slice.targets.filter((t) => t.state !== 'draining');
  if (!registered.length) return `the ${name} slice has no registered targets to take the traffic`;
  const unhealthy = registered.filter((t) => t.state !== 'healthy');
  if (unhealthy.length) {
    return `the ${name} slice is not healthy: ${unhealthy.length} of ${registered.length} targets are not healthy (${unhealthy
      .map((t) => `${t.id} ${t.state}`)
      .join(', ')})`;
  }
  if (registered.length < expected)
    return `the ${name} slice has ${registered.length} of its ${expected} targets registered`;
  return undefined;
}
