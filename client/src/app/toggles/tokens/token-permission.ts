import { allows, type Grant } from '@shared/auth/permission';
import type { Environment } from '@shared/catalogue/environment';
import type { Service } from '@shared/catalogue/service';

// Who may make or revoke a feature toggle token, decided as the server's AuthorizedFeatureToggles does:
// manage-feature-toggles for the service's team and the environment's type. Each answer is the reason in
// words (for a disabled button's tooltip), or null when the user may.

const ACTION = 'manage-feature-toggles';

/** What a token's permission is decided on: the team owning its service and its environment's type. */
export interface TokenScope {
  readonly team: string;
  readonly environmentType: string;
}

/** The scope of a service in an environment from the catalogue, or null when either is not in it. */
export function tokenScopeOf(
  token: { readonly service: string; readonly environment: string },
  services: readonly Service[],
  environments: readonly Environment[],
): TokenScope | null {
  const service = services.find((s) => s.ServiceName === token.service);
  const environment = environments.find((e) => e.EnvironmentName === token.environment);
  return service && environment
    ? { team: service.OwningCluster, environmentType: environment.Value.EnvironmentType }
    : null;
}

/** Making or revoking a token of a service in an environment. */
export function tokenBlocker(grants: readonly Grant[], scope: TokenScope): string | null {
  return allows(grants, ACTION, { cluster: scope.team, environmentType: scope.environmentType })
    ? null
    : `Needs the "${ACTION}" permission for team ${scope.team} and environment type ${scope.environmentType}.`;
}
