import type { Deployment, DeploymentStatus } from '@shared/deployments/deployment';

/**
 * The deployments a step starts and follows (an image patch operation's groups): read, started under an
 * id the step chooses (so that a step run again starts nothing twice), and asked to roll back.
 */
export interface ChildDeployments {
  /** The statuses of the children of `ids` started so far, by id, in one read. */
  statuses(ids: readonly string[]): Promise<Map<string, DeploymentStatus>>;
  /** Writes the child Queued and due at once; nothing when a record of that id exists already. */
  start(id: string, value: Deployment['Value'], message: string): Promise<void>;
  /** Asks an unfinished child to roll back (as a user's rollback request does). */
  rollBack(id: string, by: string): Promise<void>;
}
