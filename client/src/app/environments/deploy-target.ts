import { allows, type Grant } from '@shared/auth/permission';
import type { ServerRole } from '@shared/fleet/environment-servers';

/** A service the user may deploy, on the server role that hosts it. */
export interface DeployTarget {
  readonly service: string;
  readonly serverRole: string;
  readonly cluster: string;
  /** Whether the role has a blue and a green fleet, so blue/green is possible. */
  readonly fleetPerSlice: boolean;
  /** Set when the user holds break-glass there, to deploy inside a freeze window anyway. */
  readonly mayBreakGlass?: boolean;
}

/** The services the environment's roles host that the grants allow deploying, by service then role. */
export function deployTargets(
  roles: readonly ServerRole[],
  grants: readonly Grant[],
  environmentType: string,
): DeployTarget[] {
  return roles
    .filter((role) => allows(grants, 'deploy', { cluster: role.Cluster, environmentType }))
    .flatMap((role) =>
      role.HostedServices.map((service) => ({
        service,
        serverRole: role.Role,
        cluster: role.Cluster,
        fleetPerSlice: role.FleetPerSlice,
        ...(allows(grants, 'break-glass', { cluster: role.Cluster, environmentType })
          ? { mayBreakGlass: true }
          : {}),
      })),
    )
    .sort((a, b) => a.service.localeCompare(b.service) || a.serverRole.localeCompare(b.serverRole));
}
