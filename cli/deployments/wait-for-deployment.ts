import type { DeploymentStatus } from '../../shared/deployments/deployment';
import type { PortalClient } from '../api/portal-client';
import { DeploymentFailedError } from '../cli-errors';
import { describeDeployment } from '../output/deployment-summary';
import type { Output } from '../output/output';
import { progressFor } from '../output/progress-for';
import { followDeployment } from './follow-deployment';

/** How a command waits on a deployment. */
export interface WaitOptions {
  readonly timeoutSeconds: number;
  readonly json: boolean;
  /** The status the wait is for: Success for a deployment, Rolled Back for a rollback. */
  readonly goal: DeploymentStatus;
}

/**
 * Follows a deployment to its end with progress on the output, prints its final record, and throws a
 * DeploymentFailedError (exit 1) when it ended otherwise than the goal.
 */
export async function waitForDeployment(
  client: PortalClient,
  output: Output,
  id: string,
  options: WaitOptions,
): Promise<void> {
  const observer = progressFor(output, options);
  let final;
  try {
    final = await followDeployment(client, id, {
      deadline: Date.now() + options.timeoutSeconds * 1000,
      timeoutSeconds: options.timeoutSeconds,
      observer,
    });
  } finally {
    observer.stop();
  }
  if (options.json) output.json(final.raw);
  else for (const line of describeDeployment(final.data)) output.line(line);
  const status = final.data.Value.Status;
  if (status !== options.goal) {
    const reason = final.data.Value.ErrorReason ? `: ${final.data.Value.ErrorReason}` : '';
    throw new DeploymentFailedError(`deployment ${id} ended ${status}${reason}`);
  }
}
