import type { SliceName } from '@shared/fleet/slice-name';
import type { RoleLayout } from './environment-layout';
import type { SliceRoutingNames } from './fleet-names';
import type { DescribedLoadBalancer, DescribedTargetGroup } from './v1-load-balancer-descriptions';
import { trafficShare } from './v1-load-balancer-descriptions';

/**
 * What the original kept as an NGINX upstream, as this portal has it: a service hosted by a blue/green role
 * of an environment, behind the role's load balancer listener, with a target group per slice.
 */
export interface ServiceUpstream {
  readonly environment: string;
  readonly environmentType: string;
  readonly service: string;
  readonly role: RoleLayout;
  readonly routing: SliceRoutingNames;
  /** The service's catalogue ports by slice (the original told slices apart by port). */
  readonly ports: Readonly<Partial<Record<SliceName, number>>>;
  /** The role's load balancer; undefined when it does not exist. */
  readonly loadBalancer?: DescribedLoadBalancer;
}

/** A slice's target group behind the upstream's listener, with its share of the traffic. */
export interface UpstreamHost {
  readonly slice: SliceName;
  readonly targetGroup: DescribedTargetGroup;
  /** The share of the listener's default traffic, in percent. */
  readonly weight: number;
  /** The service's port for the slice, else the target group's, else the listener's. */
  readonly port: number;
}

const SLICES: readonly SliceName[] = ['blue', 'green'];

/** The slices' target groups of an upstream that exist, with their weights on the role's listener. */
export function upstreamHosts(u: ServiceUpstream): UpstreamHost[] {
  const lb = u.loadBalancer;
  if (!lb) return [];
  const listener = lb.listeners.find((l) => l.port === u.routing.listenerPort);
  const forwards = listener?.rules.find((r) => r.isDefault)?.forwards ?? [];
  return SLICES.flatMap((slice): UpstreamHost[] => {
    const targetGroup = lb.targetGroups.find((g) => g.name === u.routing.targetGroups[slice]);
    if (!targetGroup) return [];
    return [
      {
        slice,
        targetGroup,
        weight: trafficShare(forwards, targetGroup.arn),
        port: u.ports[slice] ?? targetGroup.port ?? u.routing.listenerPort,
      },
    ];
  });
}
