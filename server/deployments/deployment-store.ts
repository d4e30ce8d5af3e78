import type { Deployment, DeploymentLogLine, DeploymentStatus } from '@shared/deployments/deployment';
import type { Actor } from '../catalogue/record-store';

/** A stored deployment: its API value, version (for conditional writes) and lease. */
export interface StoredDeployment {
  readonly id: string;
  readonly value: Deployment['Value'];
  readonly version: number;
  readonly leaseOwner?: string;
  readonly leaseExpiresAt?: number;
}

/** What `GET /deployments` filters on (times in ms). */
export interface DeploymentQuery {
  readonly since: number;
  readonly until: number;
  readonly environment?: string;
  readonly service?: string;
  readonly status?: DeploymentStatus;
  readonly cluster?: string;
  readonly user?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * A user's change to a deployment, to audit in the same transaction as the write (the engine's own saves
 * carry none). An update names the value it replaces, for the entry's old value.
 */
export type DeploymentAuditNote =
  | { readonly actor: Actor; readonly changeType: 'Created' }
  | { readonly actor: Actor; readonly changeType: 'Updated'; readonly previous: Deployment['Value'] };

/** Where deployments, their logs and the per-target locks live. */
export interface DeploymentStore {
  /**
   * Writes a new deployment together with the lock of its environment and service, atomically; throws a
   * ConflictError naming the running deployment when the lock is held. With a note, its audit entry is
   * part of the same transaction.
   */
  create(id: string, value: Deployment['Value'], audit?: DeploymentAuditNote): Promise<StoredDeployment>;
  get(id: string): Promise<StoredDeployment | undefined>;
  /**
   * Replaces the value if the stored version is `expectedVersion` (ConflictError otherwise). A terminal
   * status releases the lock and the lease in the same transaction, and so does a note its audit entry.
   */
  save(
    id: string,
    expectedVersion: number,
    value: Deployment['Value'],
    audit?: DeploymentAuditNote,
  ): Promise<StoredDeployment>;
  list(query: DeploymentQuery): Promise<{ items: StoredDeployment[]; next?: string }>;
  /** Ids of deployments that are not over, oldest first. */
  active(): Promise<string[]>;
  appendLog(id: string, lines: readonly Omit<DeploymentLogLine, 'at'>[]): Promise<void>;
  log(id: string): Promise<DeploymentLogLine[]>;
  /** Takes (or renews) the lease of a deployment for `ms`; false when another live owner holds it. */
  lease(id: string, owner: string, ms: number): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
}
