import type { AwsClients } from '../adapters/aws/aws-clients';
import type { Catalogue } from '../catalogue/catalogue';
import type { RecordStore } from '../catalogue/record-store';
import type { EnvironmentOperations } from '../environments/operations-state';
import type { Route } from '../http/route';

/** What the runtime views over the fleet are built from. */
export interface FleetDependencies {
  readonly aws: AwsClients;
  readonly catalogue: Catalogue;
  readonly store: RecordStore;
  readonly operations: EnvironmentOperations;
}

/** PLACEHOLDER: the runtime views (`/asgs`, `/environments/{name}/servers`, `/services`, slices). */
export function fleetRoutes(deps: FleetDependencies): Route[] {
  void deps;
  return [];
}
