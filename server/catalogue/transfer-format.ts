import type { EntityDefinition } from './entity-definition';
import type { Kind, StoredRecord, StoredValue } from './record-store';

/** One record to import: its key and stored value. */
export interface ImportItem<K extends Kind = Kind> {
  readonly key: string;
  readonly value: StoredValue<K>;
}

/**
 * How the records of one kind travel in an export or an import (the API's record shapes, which the
 * catalogue does not know): what an exported record looks like, and the items an import body holds.
 */
export interface TransferFormat<K extends Kind = Kind> {
  readonly def: EntityDefinition<K>;
  /** A record as exported, in the shape an import accepts. */
  exported(record: StoredRecord<K>): unknown;
  /** The records an import body holds; throws an InputError naming the invalid fields. */
  items(body: readonly unknown[]): ImportItem<K>[];
}
