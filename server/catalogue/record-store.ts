import type { AuditedKind } from '@shared/audit/audited-kind';
import type { NotificationEvent } from '@shared/notifications/notification-event';
import type { StoredValues } from './stored-values';

/** The kinds of versioned, audited records the portal keeps (declared in `shared/` for the client too). */
export type Kind = Exclude<
  AuditedKind,
  | 'Deployment'
  | 'LaunchConfig'
  | 'AsgSchedule'
  | 'ScheduledScaling'
  | 'ScheduledAction'
  | 'InstanceMaintenance'
  | 'FeatureToggleToken'
>;

/** The stored value of a kind of record (of any kind, without one). */
export type StoredValue<K extends Kind = Kind> = StoredValues[K];

/** A record as stored: its value (typed `T`, parsed on read), version, soft-delete flag and referrers. */
export interface Stored<T> {
  readonly kind: Kind;
  readonly key: string;
  readonly value: T;
  readonly version: number;
  readonly deleted: boolean;
  /** `Kind:Key` of every record that refers to this one. */
  readonly referencedBy: readonly string[];
  /** A secret kept beside the value and never audited or returned (a password hash). */
  readonly secret?: string;
}

/** A stored record of one kind (of any kind, without one). */
export type StoredRecord<K extends Kind = Kind> = Stored<StoredValue<K>>;

/** Who makes a change, and under which request: written into the audit entry. */
export interface Actor {
  readonly username: string;
  readonly requestId: string;
  readonly source: 'api' | 'import' | 'sandbox' | 'bootstrap' | 'scheduler';
}

/** A reference from the record being written to another record, with the input field that names it. */
export interface Reference {
  readonly kind: Kind;
  readonly key: string;
  readonly field: string;
}

/**
 * One part of an atomic change. Every `put` and `delete` writes its own audit entry in the same
 * transaction; claims and references are the conditional items that keep the catalogue consistent.
 */
export type Write =
  | {
      readonly op: 'put';
      readonly kind: Kind;
      readonly key: string;
      readonly value: StoredValue;
      /** `0` when the record must not exist yet (or exists only soft-deleted and `overDeleted` is set). */
      readonly expectedVersion: number;
      readonly changeType: 'Created' | 'Updated' | 'Deleted';
      readonly previous?: StoredRecord;
      /** Soft delete (`Deleted`) or restore. */
      readonly deleted?: boolean;
      readonly requireUnreferenced?: boolean;
      readonly secret?: string;
    }
  | { readonly op: 'delete'; readonly record: StoredRecord; readonly expectedVersion: number }
  | { readonly op: 'claim-port'; readonly port: number; readonly owner: string; readonly field: string }
  | { readonly op: 'add-ref'; readonly target: Reference; readonly ref: string }
  | { readonly op: 'remove-ref'; readonly target: Omit<Reference, 'field'>; readonly ref: string }
  | { readonly op: 'purge'; readonly kind: Kind; readonly key: string }
  /** An event to notify (its outbox item), kept exactly when the rest of the change is. */
  | { readonly op: 'notify'; readonly event: NotificationEvent };

/**
 * The versioned store of catalogue records. Reads hand out records parsed by their kind's schema; a stored
 * item that does not parse is an UnreadableRecordError, never a default.
 */
export interface RecordStore {
  get<K extends Kind>(kind: K, key: string): Promise<StoredRecord<K> | undefined>;
  getMany<K extends Kind>(kind: K, keys: readonly string[]): Promise<StoredRecord<K>[]>;
  /** Every record of a kind, soft-deleted ones included, in key order. */
  list<K extends Kind>(kind: K): Promise<readonly StoredRecord<K>[]>;
  /** The owner of a claimed port, if any. */
  portOwner(port: number): Promise<string | undefined>;
  /**
   * Applies the writes atomically with their audit entries, or none of them. A failed condition throws
   * the domain error that explains it (NotFound, Conflict naming version, port owner or referrers, Input).
   */
  commit(writes: readonly Write[], actor: Actor): Promise<void>;
  /**
   * Runs `work`, whose commits each return as soon as they are written, and returns once every change it
   * made would be seen by any list (a bulk change waits out the list window once, not once per commit).
   */
  batch<T>(work: () => Promise<T>): Promise<T>;
}
