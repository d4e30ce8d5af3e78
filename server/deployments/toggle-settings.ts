import type { Deployment } from '@shared/deployments/deployment';
import type { RecordedToggleChange } from '@shared/deployments/deployment-toggles';
import type { ToggleChange, ToggleEnvironment } from '@shared/toggles/feature-toggle';
import type { Actor } from '../catalogue/record-store';
import type { FeatureToggles } from '../toggles/feature-toggles';

/** The feature toggles as deployments check, read and set them (FeatureToggles is one). */
export type ToggleSettings = Pick<FeatureToggles, 'target' | 'get' | 'set' | 'ownerOf'>;

/**
 * Who a deployment's toggle change is written as: its requester (who asked for it with the deployment),
 * in a transaction named after the deployment, so the toggle's audit history leads back to it.
 */
export function deploymentActor(id: string, d: Deployment['Value']): Actor {
  return { username: d.User, requestId: `deployment-${id}`, source: 'api' };
}

/** The link of a toggle in the API. */
export function toggleLink(service: string, name: string): string {
  return `/api/v1/feature-toggles/${service}/${name}`;
}

/** A toggle's setting in an environment now; undefined when it was never set there (so off). */
export async function settingIn(
  toggles: ToggleSettings,
  service: string,
  name: string,
  environment: string,
): Promise<ToggleEnvironment | undefined> {
  return (await toggles.get(service, name)).environments.find((e) => e.environment === environment);
}

/** The change FeatureToggles.set takes for a recorded setting, with why. */
export function toggleChangeOf(c: Omit<RecordedToggleChange, 'Name'>, reason: string): ToggleChange {
  return {
    state: c.State,
    ...(c.State === 'percentage' && c.Percentage !== undefined ? { percentage: c.Percentage } : {}),
    include: { users: c.Include.Users, groups: c.Include.Groups },
    exclude: { users: c.Exclude.Users, groups: c.Exclude.Groups },
    reason,
  };
}
