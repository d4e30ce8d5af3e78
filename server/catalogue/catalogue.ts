import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { assertVersion } from './assert-version';
import { stillReferenced } from './still-referenced';
import type { EntityDefinition } from './entity-definition';
import { RecordsMemo } from './records-memo';
import type { Actor, Kind, RecordStore, Reference, StoredRecord, StoredValue, Write } from './record-store';

/** The referrer tag a record leaves on the records it refers to. */
export function refTag(def: EntityDefinition, key: string): string {
  return `${def.kind}:${key}`;
}

function uniqueRefs(refs: readonly Reference[]): Reference[] {
  const seen = new Map<string, Reference>();
  for (const r of refs) if (!seen.has(`${r.kind}#${r.key}`)) seen.set(`${r.kind}#${r.key}`, r);
  return [...seen.values()];
}

/** The writes that move a record's outgoing references from `before` to `after`. */
function referenceWrites(
  def: EntityDefinition,
  key: string,
  before: readonly Reference[],
  after: readonly Reference[],
): Write[] {
  const tag = refTag(def, key);
  const id = (r: Reference) => `${r.kind}#${r.key}`;
  const old = new Set(before.map(id));
  const now = new Set(after.map(id));
  return [
    ...uniqueRefs(after)
      .filter((r) => !old.has(id(r)))
      .map((target): Write => ({ op: 'add-ref', target, ref: tag })),
    ...uniqueRefs(before)
      .filter((r) => !now.has(id(r)))
      .map((r): Write => ({ op: 'remove-ref', target: { kind: r.kind, key: r.key }, ref: tag })),
  ];
}

/** The port claims of a value (services claim theirs, for good). */
function portClaims<K extends Kind>(def: EntityDefinition<K>, key: string, value: StoredValue<K>): Write[] {
  return (def.ports?.(value) ?? []).map((p): Write => ({
    op: 'claim-port',
    port: p.port,
    owner: key,
    field: p.field,
  }));
}

/**
 * Create, update and delete of any catalogue kind: validation, version check, references, port claims,
 * and one atomic commit with the audit entry. It checks no permission: routes reach it through
 * `AuthorizedCatalogue`, which checks the grants a change needs and then calls it.
 */
export class Catalogue {
  /** Each kind's live (not soft-deleted) records, by the listing they were filtered from. */
  private readonly liveRecords = new RecordsMemo();

  constructor(private readonly store: RecordStore) {}

  async get<K extends Kind>(def: EntityDefinition<K>, key: string): Promise<StoredRecord<K>> {
    const record = await this.store.get(def.kind, key);
    if (!record || record.deleted) throw new NotFoundError(`${def.kind} ${key} does not exist`);
    return record;
  }

  /** The records of a kind, live ones only unless asked; the same array while the kind is unchanged. */
  async list<K extends Kind>(
    def: EntityDefinition<K>,
    options: { includeDeleted?: boolean } = {},
  ): Promise<readonly StoredRecord<K>[]> {
    const all = await this.store.list(def.kind);
    if (options.includeDeleted) return all;
    const cached = this.liveRecords.get(def.kind, all);
    if (cached) return cached;
    const live = Object.freeze(all.filter((r) => !r.deleted));
    this.liveRecords.set(def.kind, all, live);
    return live;
  }

  /** The writes that create a record (restoring a soft-deleted one of the same key). */
  async planCreate<K extends Kind>(
    def: EntityDefinition<K>,
    key: string,
    value: StoredValue<K>,
  ): Promise<Write[]> {
    await def.validate?.(value, this.store);
    const previous = await this.store.get(def.kind, key);
    if (previous && !(previous.deleted && def.softDelete))
      throw new ConflictError(`${def.kind} ${key} already exists`);
    return [
      {
        op: 'put',
        kind: def.kind,
        key,
        value,
        expectedVersion: previous?.version ?? 0,
        previous,
        changeType: 'Created',
      },
      ...referenceWrites(def, key, [], def.references(value)),
      ...portClaims(def, key, value),
      ...((await def.onCreate?.(key, this.store)) ?? []),
    ];
  }

  /** The writes that replace the current record's value, given the version the caller last saw. */
  async planUpdate<K extends Kind>(
    def: EntityDefinition<K>,
    current: StoredRecord<K>,
    expectedVersion: number,
    value: StoredValue<K>,
  ): Promise<Write[]> {
    assertVersion(current, expectedVersion);
    await def.validate?.(value, this.store);
    const key = current.key;
    return [
      { op: 'put', kind: def.kind, key, value, expectedVersion, previous: current, changeType: 'Updated' },
      ...referenceWrites(def, key, def.references(current.value), def.references(value)),
      ...portClaims(def, key, value),
    ];
  }

  /** The writes that delete the current record (soft for services), refused while others refer to it. */
  async planDelete<K extends Kind>(
    def: EntityDefinition<K>,
    current: StoredRecord<K>,
    expectedVersion: number,
  ): Promise<Write[]> {
    assertVersion(current, expectedVersion);
    const key = current.key;
    if (current.referencedBy.length) throw stillReferenced(def.kind, key, current.referencedBy);
    await def.guardDelete?.(current, this.store);
    const unlink = referenceWrites(def, key, def.references(current.value), []);
    const extra = (await def.onDelete?.(key, this.store)) ?? [];
    if (def.softDelete) {
      return [
        {
          op: 'put',
          kind: def.kind,
          key,
          value: current.value,
          expectedVersion,
          previous: current,
          changeType: 'Deleted',
          deleted: true,
          requireUnreferenced: true,
        },
        ...unlink,
        ...extra,
      ];
    }
    return [{ op: 'delete', record: current, expectedVersion }, ...unlink, ...extra];
  }

  async commit(writes: readonly Write[], actor: Actor): Promise<void> {
    await this.store.commit(writes, actor);
  }

  async create<K extends Kind>(
    def: EntityDefinition<K>,
    actor: Actor,
    key: string,
    value: StoredValue<K>,
  ): Promise<StoredRecord<K>> {
    await this.commit(await this.planCreate(def, key, value), actor);
    return this.get(def, key);
  }

  async update<K extends Kind>(
    def: EntityDefinition<K>,
    actor: Actor,
    key: string,
    expectedVersion: number,
    next: (current: StoredRecord<K>) => StoredValue<K>,
  ): Promise<StoredRecord<K>> {
    const current = await this.get(def, key);
    await this.commit(await this.planUpdate(def, current, expectedVersion, next(current)), actor);
    return this.get(def, key);
  }

  async remove<K extends Kind>(
    def: EntityDefinition<K>,
    actor: Actor,
    key: string,
    expectedVersion: number,
  ): Promise<StoredRecord<K>> {
    const current = await this.get(def, key);
    await this.commit(await this.planDelete(def, current, expectedVersion), actor);
    return current;
  }
}
