import type { DeploymentProgress } from '@shared/deployments/deployment';
import type { Step, StepContext } from './step';

/** Where a rollout stands on the fleet, as a strategy reads it (the engine stamps the time). */
export type FleetProgress = Omit<DeploymentProgress, 'at'>;

/**
 * A rollout strategy: its ordered steps, and how it reads the fleet it works on. The engine reads the
 * fleet once more when the deployment ends, so the record keeps the instances as they were at the end
 * rather than as the last step that waited saw them.
 */
export interface Strategy {
  readonly steps: readonly Step[];
  /** The fleet now; undefined while the deployment has not yet touched it (nothing to compare with). */
  progress(ctx: StepContext): Promise<FleetProgress | undefined>;
}
