import type { Lease, StoredDeployment } from './deployment-store';

/**
 * What the requests side tells the engine of this process, so that it acts at once rather than at its
 * next scan: a deployment created here starts held by this process's lease, and a change made here
 * (an approval, a cancel, a rollback request) is looked at now.
 */
export interface DeploymentScheduler {
  /** The lease a new deployment is written with, when this process runs an engine. */
  leaseForNew(now: number): Lease | undefined;
  /** A deployment just created with that lease: run it now. */
  adopt(d: StoredDeployment): void;
  /** A deployment changed here: look at it now. */
  wake(id: string): void;
}

/** The scheduler of a process that runs no engine: the deployments wait for an engine elsewhere. */
export const noEngine: DeploymentScheduler = {
  leaseForNew: () => undefined,
  adopt: () => undefined,
  wake: () => undefined,
};
