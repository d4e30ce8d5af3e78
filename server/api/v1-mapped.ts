import type { V1MappedFleet } from '../fleet/v1-mapped-fleet';
import type { Route } from '../http/route';
import { v1LoadBalancerRoutes } from './v1-load-balancers';
import { v1TargetStateRoutes } from './v1-target-state';

/** The original's Consul and NGINX operations, mapped onto launch templates and load balancers. */
export function v1MappedRoutes(mapped: V1MappedFleet): Route[] {
  return [...v1TargetStateRoutes(mapped), ...v1LoadBalancerRoutes(mapped)];
}
