import { allows, type Grant } from '@shared/auth/permission';
import type { EnvironmentServers } from '@shared/fleet/environment-servers';

/** A service the user may deploy, on the server role that hosts it. */
export interface DeployTarget {
  readonly service: string;
  readonly serverRole: string;
  readonly cluster: string;
  /** Whether the role has a blue and a green fleet, so blue/green is possible. */
  readonly fleetPerSlice: boolean;
}

/** The services the environment's roles host that the grants allow deploying, by service then role. */
export function deployTargets(
  roles: readonly EnvironmentServers[],
  grants: readonly Grant[],
  environmentType: string,
): DeployTarget[] {
  return roles
    .filter((role) => allows(grants, 'deploy', { cluster: role.Value.Cluster, environmentType }))
    .flatMap((role) =>
      role.Value.HostedServices.map((service) => ({
        service,
        serverRole: role.Value.Role,
        cluster: role.Value.Cluster,
        fleetPerSlice: role.Value.FleetPerSlice,
      })),
    )
    .sort((a, b) => a.service.localeCompare(b.service) || a.serverRole.localeCompare(b.serverRole));
}
