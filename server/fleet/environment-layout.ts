import { ClusterValue } from '@shared/catalogue/cluster';
import { DeploymentMapValue } from '@shared/catalogue/deployment-map';
import { EnvironmentValue } from '@shared/catalogue/environment';
import type { SliceName } from '@shared/fleet/slice-name';
import type { Catalogue } from '../catalogue/catalogue';
import { clusterDefinition, deploymentMapDefinition, environmentDefinition } from '../catalogue/definitions';
import type { SliceRoutingNames } from './load-balancer-gateway';

/** An ASG that a server role should have in an environment. */
export interface ExpectedGroup {
  readonly name: string;
  readonly slice?: SliceName;
}

/** A server role of an environment and the names of the AWS resources it runs on. */
export interface RoleLayout {
  readonly role: string;
  readonly cluster: string;
  readonly services: readonly string[];
  readonly fleetPerSlice: boolean;
  /** `{environment}-{clusterShortName}-{role}`. */
  readonly baseName: string;
  readonly groups: readonly ExpectedGroup[];
  /** Set for FleetPerSlice roles. */
  readonly routing?: SliceRoutingNames;
}

/** An environment as the fleet sees it: its type and the server roles of its deployment map. */
export interface EnvironmentLayout {
  readonly name: string;
  readonly type: string;
  readonly owningCluster: string;
  readonly roles: readonly RoleLayout[];
}

const slices: readonly SliceName[] = ['blue', 'green'];

/** Reads an environment, its deployment map and the clusters of its roles (NotFoundError for an unknown environment). */
export async function loadEnvironmentLayout(catalogue: Catalogue, name: string): Promise<EnvironmentLayout> {
  const env = EnvironmentValue.parse((await catalogue.get(environmentDefinition, name)).value['Value']);
  const map = DeploymentMapValue.parse(
    (await catalogue.get(deploymentMapDefinition, env.DeploymentMap)).value['Value'],
  );
  const clusters = [...new Set(map.DeploymentTarget.map((t) => t.OwningCluster))];
  const shortNames = new Map(
    await Promise.all(
      clusters.map(
        async (c) =>
          [
            c,
            ClusterValue.parse((await catalogue.get(clusterDefinition, c)).value['Value']).ShortName,
          ] as const,
      ),
    ),
  );
  const roles = map.DeploymentTarget.map((t): RoleLayout => {
    const baseName = `${name}-${shortNames.get(t.OwningCluster) ?? ''}-${t.ServerRoleName}`;
    const fleetPerSlice = t.FleetPerSlice === true;
    return {
      role: t.ServerRoleName,
      cluster: t.OwningCluster,
      services: t.Services.map((s) => s.ServiceName),
      fleetPerSlice,
      baseName,
      groups: fleetPerSlice
        ? slices.map((slice) => ({ name: `${baseName}-${slice}`, slice }))
        : [{ name: baseName }],
      ...(fleetPerSlice
        ? {
            routing: {
              loadBalancer: `${name}-${t.ServerRoleName}`,
              targetGroups: {
                blue: `${name}-${t.ServerRoleName}-blue`,
                green: `${name}-${t.ServerRoleName}-green`,
              },
            },
          }
        : {}),
    };
  });
  return { name, type: env.EnvironmentType, owningCluster: env.OwningCluster, roles };
}

/** The role whose ASGs include `groupName`, if any. */
export function roleOfGroup(layout: EnvironmentLayout, groupName: string): RoleLayout | undefined {
  return layout.roles.find((r) => r.groups.some((g) => g.name === groupName));
}
