import type { Deployment, DeploymentLogLine, DeploymentStatus } from '@shared/deployments/deployment';
import type { NotificationEvent } from '@shared/notifications/notification-event';
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
  /** Only deployments of this type (an image patch operation: `patch-operation`). */
  readonly deploymentType?: string;
  /** None of this service (the history leaves image patches out unless asked for them). */
  readonly exceptService?: string;
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

/** Who holds a deployment and until when (ms). */
export interface Lease {
  readonly owner: string;
  readonly until: number;
}

/** What goes with a write of a deployment, in the same transaction. */
export interface WriteOptions {
  readonly audit?: DeploymentAuditNote;
  /** Log lines, stamped when they happened. */
  readonly log?: readonly DeploymentLogLine[];
  /** Hold (or keep holding) the deployment; the engine is due to look at it by the lease's end. */
  readonly lease?: Lease;
  /**
   * Without a lease: when an engine is next due to look at it (ms; now, for a change an engine must act
   * on, such as an approval). The lease, if any, is released.
   */
  readonly dueAt?: number;
  /**
   * Events to notify beside those the status change is (a break-glass deployment's, say): written to the
   * outbox in the same transaction as the deployment.
   */
  readonly notify?: readonly NotificationEvent[];
}

/**
 * Where deployments, their logs and the per-target locks live. An active deployment is either held by a
 * lease (an engine is working on it; due again when the lease ends) or due at a time, so that an engine
 * looks only at deployments that have something due.
 */
export interface DeploymentStore {
  /**
   * Writes a new deployment together with the lock of its environment and service, atomically; throws a
   * ConflictError naming the running deployment when the lock is held.
   */
  create(id: string, value: Deployment['Value'], options: WriteOptions): Promise<StoredDeployment>;
  get(id: string): Promise<StoredDeployment | undefined>;
  /** Those of `ids` that exist, by id, strongly consistent, in one read where the store allows. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredDeployment>>;
  /**
   * The status of those of `ids` that exist, by id, strongly consistent, in one read where the store
   * allows, reading nothing else of them (a patch operation follows its groups by their statuses alone).
   */
  statuses(ids: readonly string[]): Promise<Map<string, DeploymentStatus>>;
  /**
   * Replaces the value if the stored version is still `d.version` (StaleVersionError otherwise), with the
   * options' lease and log lines. A user's change (an audit entry) or a terminal status is one transaction
   * with its audit entry, the release of the lock and the log lines; the engine's other saves are one
   * conditional update beside one write of their log lines (a refused save may leave lines of calls that
   * were made). A terminal status releases the lease. A change of status that is an event (started,
   * ended, awaiting approval: see deploymentEvent) is a transaction too, with the event's outbox item.
   * Answers the record as written (no read after).
   */
  save(d: StoredDeployment, value: Deployment['Value'], options?: WriteOptions): Promise<StoredDeployment>;
  list(query: DeploymentQuery): Promise<{ items: StoredDeployment[]; next?: string }>;
  /** Ids of active deployments with something due by `now` (a lease ended, a check due), oldest due first. */
  due(now: number, limit: number): Promise<string[]>;
  /**
   * Takes or renews the lease of an active deployment, when it is free, expired or already this owner's;
   * answers the record as it is then, or undefined when another live owner holds it or it is over.
   */
  lease(id: string, lease: Lease, now: number): Promise<StoredDeployment | undefined>;
  /** Gives up this owner's lease; the deployment is due again at `dueAt`. */
  release(id: string, owner: string, dueAt: number): Promise<void>;
  appendLog(id: string, lines: readonly Omit<DeploymentLogLine, 'at'>[]): Promise<void>;
  log(id: string): Promise<DeploymentLogLine[]>;
}
