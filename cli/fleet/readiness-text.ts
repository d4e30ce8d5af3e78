import type { AsgReadiness } from '../../shared/fleet/asg-readiness';

/** An ASG's readiness in words: `ready (2 instances: 2 InService)`. */
export function describeReadiness(r: AsgReadiness): string {
  const states = Object.entries(r.InstancesByLifecycleState)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return `${r.ReadyToDeploy ? 'ready' : 'not ready'} (${r.InstancesTotalCount} instances${states ? `: ${states}` : ''})`;
}
