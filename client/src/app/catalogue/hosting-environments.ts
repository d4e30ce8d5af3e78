import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { Environment } from '@shared/catalogue/environment';

/** The environments whose deployment map has a server role hosting the service, by name. */
export function hostingEnvironments(
  service: string,
  environments: readonly Environment[],
  maps: readonly DeploymentMap[],
): string[] {
  const hostingMaps = new Set(
    maps
      .filter((map) =>
        map.Value.DeploymentTarget.some((target) => target.Services.some((s) => s.ServiceName === service)),
      )
      .map((map) => map.DeploymentMapName),
  );
  return environments
    .filter((environment) => hostingMaps.has(environment.Value.DeploymentMap))
    .map((environment) => environment.EnvironmentName)
    .sort();
}
