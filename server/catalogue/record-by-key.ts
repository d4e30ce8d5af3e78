import type { Kind, StoredRecord } from './record-store';

/** An index by key of each records list the store handed out, for as long as that (frozen) list lives. */
const indexes = new WeakMap<readonly StoredRecord[], Map<string, StoredRecord>>();

/**
 * The record of `key` in a kind's list (soft-deleted ones included, as the list has them), found through
 * an index built once per list: with the store's generation-checked lists, a lookup costs the one shared
 * generation read instead of a read of its own, and is as fresh.
 */
export function recordByKey<K extends Kind>(
  records: readonly StoredRecord<K>[],
  key: string,
): StoredRecord<K> | undefined {
  let index = indexes.get(records);
  if (!index) indexes.set(records, (index = new Map(records.map((r) => [r.key, r]))));
  const found = index.get(key);
  // the index was built from this very list, so what it holds is of the list's kind
  return found as StoredRecord<K> | undefined;
}
