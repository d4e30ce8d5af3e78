import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { Environment } from '@shared/catalogue/environment';
import type { FeatureToggle } from '@shared/toggles/feature-toggle';
import { hostingEnvironments } from '../catalogue/hosting-environments';

/** The environments of a list of toggles side by side: which columns, and which cells matter. */
export interface ToggleColumns {
  /** The environments, by name: those hosting a listed toggle's service, and any one is set in. */
  readonly environments: readonly string[];
  /** Whether an environment matters for a toggle: it hosts the service, or the toggle is set there. */
  readonly applies: (toggle: FeatureToggle, environment: string) => boolean;
}

/** The columns of the toggles listed, from the catalogue's environments and deployment maps. */
export function toggleColumns(
  toggles: readonly FeatureToggle[],
  environments: readonly Environment[],
  maps: readonly DeploymentMap[],
): ToggleColumns {
  const hosting = new Map<string, ReadonlySet<string>>();
  for (const service of new Set(toggles.map((t) => t.service))) {
    hosting.set(service, new Set(hostingEnvironments(service, environments, maps)));
  }
  const applies = (toggle: FeatureToggle, environment: string): boolean =>
    (hosting.get(toggle.service)?.has(environment) ?? false) ||
    toggle.environments.some((e) => e.environment === environment);
  const names = new Set<string>();
  for (const toggle of toggles) {
    for (const name of hosting.get(toggle.service) ?? []) names.add(name);
    for (const e of toggle.environments) names.add(e.environment);
  }
  return { environments: [...names].sort(), applies };
}
