import { allows, type Grant } from '@shared/auth/permission';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { ServerRole } from '@shared/fleet/environment-servers';

/** Why the user cannot deploy to the environment now, in words; null when they can. */
export function deployBlocker(
  environment: OpsEnvironment,
  roles: readonly ServerRole[],
  grants: readonly Grant[],
): string | null {
  const name = environment.EnvironmentName;
  const environmentType = environment.Value.EnvironmentType;
  if (environment.Value.DeploymentsLocked) {
    return `Deployments to ${name} are locked.`;
  }
  if (roles.length === 0) {
    return `${name} has no server roles to deploy to.`;
  }
  const clusters = [...new Set(roles.map((role) => role.Cluster))].sort();
  if (!clusters.some((cluster) => allows(grants, 'deploy', { cluster, environmentType }))) {
    return `You may not deploy to ${environmentType} environments for ${clusters.join(', ')}.`;
  }
  return null;
}
