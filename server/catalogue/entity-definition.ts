import type { ResourceScope } from '@shared/auth/permission';
import type { Action } from '@shared/auth/permission';
import type { RecordDefinition } from './record-definition';
import type { Kind, RecordStore, Reference, StoredRecord, StoredValue, Write } from './record-store';

/** How the generic catalogue operations treat one kind of record. */
export interface EntityDefinition<K extends Kind = Kind> extends RecordDefinition<K> {
  /** The grant needed to change a record of this kind. */
  readonly action: Action;
  /** The scopes a record touches; `'everywhere'` for global records (clusters, types, permissions...). */
  scopes(value: StoredValue<K>): readonly ResourceScope[] | 'everywhere';
  /** Records this value refers to: they must exist, and cannot be deleted while referred to. */
  references(value: StoredValue<K>): readonly Reference[];
  /** Ports the value claims (services). */
  ports?(value: StoredValue<K>): readonly { port: number; field: string }[];
  /** Deletion keeps the record, flagged, so its key and ports stay reserved. */
  readonly softDelete?: boolean;
  /**
   * Checks that need other records but hold no reference (a permission names a user or group and scopes
   * to clusters and types that exist). Throws an InputError naming the fields.
   */
  validate?(value: StoredValue<K>, store: RecordStore): Promise<void>;
  /**
   * Checks, before a delete, that no record refers to this one without holding a reference (an
   * environment type names its account by name or number). Throws a ConflictError naming them.
   */
  guardDelete?(current: StoredRecord<K>, store: RecordStore): Promise<void>;
  /** Further writes that go with deleting a record (its operations state and toggle settings, say). */
  onDelete?(key: string, store: RecordStore): Promise<readonly Write[]>;
  /**
   * Checks of a new record's key, and further writes that go with creating it: what a deleted record of
   * the same key left behind (an environment's toggle settings), so a new one never inherits it. Throws
   * an InputError naming the field for a key that may not be used (one only records made before keep).
   */
  onCreate?(key: string, store: RecordStore): Promise<readonly Write[]>;
}
