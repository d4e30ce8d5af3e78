import type { Grant } from '@shared/auth/permission';
import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { Environment } from '@shared/catalogue/environment';
import type { FeatureToggle, ToggleEnvironment } from '@shared/toggles/feature-toggle';
import { hostingEnvironments } from '../catalogue/hosting-environments';
import { approveBlocker, changeBlocker } from './toggle-permission';

/** One environment of a toggle's page: its setting there and what the user may do with it. */
export interface ToggleRow {
  readonly environment: string;
  /** Its type ('' when the catalogue could not be read and nothing is set there). */
  readonly environmentType: string;
  /** The setting there; null: none yet (off). */
  readonly setting: ToggleEnvironment | null;
  /** Why the user may not change it there, or null. */
  readonly changeBlocker: string | null;
  /** Why the user may not turn it off there with the kill switch, or null. */
  readonly killBlocker: string | null;
  /** Why the user may not approve the change waiting there, or null; only asked when one waits. */
  readonly approveBlocker: string | null;
}

/** What the rows are made of. */
export interface ToggleRowsInput {
  readonly toggle: FeatureToggle;
  readonly environments: readonly Environment[];
  readonly maps: readonly DeploymentMap[];
  readonly grants: readonly Grant[];
  readonly username: string | undefined;
}

/**
 * The environments a toggle matters in: those whose deployment map hosts its service, and any it is set
 * in besides, by name; each with what the user may do there, decided as the server does.
 */
export function toggleRows(input: ToggleRowsInput): ToggleRow[] {
  const { toggle, environments, maps, grants, username } = input;
  const names = new Set([
    ...hostingEnvironments(toggle.service, environments, maps),
    ...toggle.environments.map((e) => e.environment),
  ]);
  return [...names].sort().map((environment) => {
    const setting = toggle.environments.find((e) => e.environment === environment) ?? null;
    const environmentType =
      setting?.environmentType ??
      environments.find((e) => e.EnvironmentName === environment)?.Value.EnvironmentType ??
      '';
    const blocker = changeBlocker(grants, toggle, environmentType);
    return {
      environment,
      environmentType,
      setting,
      changeBlocker: blocker,
      killBlocker: setting === null ? 'It is not set here: it is off already.' : blocker,
      approveBlocker: setting?.pending ? approveBlocker(grants, username, toggle, setting) : null,
    };
  });
}
