import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { Catalogue } from '../catalogue/catalogue';
import type { EnvironmentOperations } from '../environments/operations-state';
import type { Accounts } from './accounts';
import { FleetInstances } from './fleet-instances';
import { ImageFleet } from './image-fleet';
import { ImageReports } from './image-reports';
import type { LaunchConfigAudit } from './launch-config-audit';
import { LaunchConfigs } from './launch-configs';

/** The machines of the fleet: images, the instances, what ASGs launch with, and who runs an old image. */
export interface Machines {
  readonly images: ImageFleet;
  readonly instances: FleetInstances;
  readonly launchConfigs: LaunchConfigs;
  readonly reports: ImageReports;
}

/** What the fleet and its machine views are built from. */
export interface MachineParts {
  readonly catalogue: Catalogue;
  readonly operations: EnvironmentOperations;
  /** The AWS accounts, each environment's its type's (see Accounts). */
  readonly accounts: Accounts;
  readonly launchConfigAudit: LaunchConfigAudit;
  /** The id of the unfinished deployment that holds the group's lock, if any (a group is not changed under one). */
  readonly deploymentOn: (group: string) => Promise<string | undefined>;
}

/** Builds the machine views over the fleet's parts; `groupOf` is the fleet's own read of a group. */
export function machinesOf(
  parts: MachineParts,
  groupOf: (name: string, environment?: string) => Promise<AutoScalingGroup>,
): Machines {
  const images = new ImageFleet(parts);
  return {
    images,
    instances: new FleetInstances(parts, images),
    launchConfigs: new LaunchConfigs(parts, images, groupOf),
    reports: new ImageReports(parts, images),
  };
}
