import type { Catalogue } from '../catalogue/catalogue';
import { clusterDefinition, deploymentMapDefinition, environmentDefinition } from '../catalogue/definitions';
import { NotFoundError } from '../errors/domain-errors';
import { roleNames, type RoleNames } from './fleet-names';

/** A server role of an environment and the names of the AWS resources it runs on (by the naming rule). */
export interface RoleLayout extends RoleNames {
  readonly role: string;
  readonly cluster: string;
  readonly services: readonly string[];
  readonly fleetPerSlice: boolean;
}

/** An environment as the fleet sees it: its type and the server roles of its deployment map. */
export interface EnvironmentLayout {
  readonly name: string;
  readonly type: string;
  readonly owningCluster: string;
  readonly roles: readonly RoleLayout[];
}

/** Reads an environment, its deployment map and the clusters of its roles (NotFoundError for an unknown environment). */
export async function loadEnvironmentLayout(catalogue: Catalogue, name: string): Promise<EnvironmentLayout> {
  const env = (await catalogue.get(environmentDefinition, name)).value.Value;
  const map = (await catalogue.get(deploymentMapDefinition, env.DeploymentMap)).value.Value;
  const clusters = [...new Set(map.DeploymentTarget.map((t) => t.OwningCluster))];
  const shortNames = new Map(
    await Promise.all(
      clusters.map(
        async (c) => [c, (await catalogue.get(clusterDefinition, c)).value.Value.ShortName] as const,
      ),
    ),
  );
  const roles = map.DeploymentTarget.map((t): RoleLayout => ({
    role: t.ServerRoleName,
    cluster: t.OwningCluster,
    services: t.Services.map((s) => s.ServiceName),
    fleetPerSlice: t.FleetPerSlice === true,
    ...roleNames({
      environment: name,
      clusterShortName: shortNames.get(t.OwningCluster)!,
      role: t.ServerRoleName,
      fleetPerSlice: t.FleetPerSlice === true,
    }),
  }));
  return { name, type: env.EnvironmentType, owningCluster: env.OwningCluster, roles };
}

/** The role whose ASGs include `groupName`, if any. */
export function roleOfGroup(layout: EnvironmentLayout, groupName: string): RoleLayout | undefined {
  return layout.roles.find((r) => r.groups.some((g) => g.name === groupName));
}

/** The roles of the environment's map that host the service (NotFoundError when none does). */
export function hostingRoles(layout: EnvironmentLayout, service: string): RoleLayout[] {
  const hosts = layout.roles.filter((r) => r.services.includes(service));
  if (!hosts.length) {
    throw new NotFoundError(`service ${service} is not in the deployment map of ${layout.name}`);
  }
  return hosts;
}

/** The blue/green role hosting the service, if one does (NotFoundError when no role hosts it). */
export function sliceRoleOf(layout: EnvironmentLayout, service: string): RoleLayout | undefined {
  return hostingRoles(layout, service).find((r) => r.fleetPerSlice);
}
