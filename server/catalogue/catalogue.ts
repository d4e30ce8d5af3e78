import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { authorize } from '../governance/authorize';
import { stillReferenced } from './still-referenced';
import type { EntityDefinition } from './entity-definition';
import type { Actor, RecordStore, Reference, StoredRecord, Write } from './record-store';

const liveMemo = new WeakMap<readonly StoredRecord[], readonly StoredRecord[]>();

/** The records that are not soft-deleted; the same array for the same (cached, frozen) input. */
function live(all: readonly StoredRecord[]): readonly StoredRecord[] {
  let out = liveMemo.get(all);
  if (!out) {
    out = Object.freeze(all.filter((r) => !r.deleted));
    liveMemo.set(all, out);
  }
  return out;
}

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

/**
 * Create, update and delete of any catalogue kind: permission check, version check, references, port
 * claims, and one atomic commit with the audit entry.
 */
export class Catalogue {
  constructor(private readonly store: RecordStore) {}

  async get(def: EntityDefinition, key: string): Promise<StoredRecord> {
    const record = await this.store.get(def.kind, key);
    if (!record || record.deleted) throw new NotFoundError(`${def.kind} ${key} does not exist`);
    return record;
  }

  async list(
    def: EntityDefinition,
    options: { includeDeleted?: boolean } = {},
  ): Promise<readonly StoredRecord[]> {
    const all = await this.store.list(def.kind);
    if (options.includeDeleted) return all;
    return live(all);
  }

  private async check(
    def: EntityDefinition,
    principal: Principal,
    values: Record<string, unknown>[],
  ): Promise<void> {
    const scopes = values.map((v) => def.scopes(v));
    if (scopes.includes('everywhere')) return authorize(principal, { action: def.action, everywhere: true });
    return authorize(principal, {
      action: def.action,
      scopes: scopes.flatMap((s) => (s === 'everywhere' ? [] : s)),
    });
  }

  /** The writes that create a record (restoring a soft-deleted one of the same key). */
  async planCreate(
    def: EntityDefinition,
    principal: Principal,
    key: string,
    value: Record<string, unknown>,
  ): Promise<Write[]> {
    await this.check(def, principal, [value]);
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
      ...(def.ports?.(value) ?? []).map((p): Write => ({
        op: 'claim-port',
        port: p.port,
        owner: key,
        field: p.field,
      })),
    ];
  }

  /** The writes that replace a record's value, given the version the caller last saw. */
  async planUpdate(
    def: EntityDefinition,
    principal: Principal,
    key: string,
    expectedVersion: number,
    next: (current: StoredRecord) => Record<string, unknown>,
  ): Promise<Write[]> {
    const current = await this.get(def, key);
    const value = next(current);
    await this.check(def, principal, [current.value, value]);
    assertVersion(current, expectedVersion);
    await def.validate?.(value, this.store);
    return [
      { op: 'put', kind: def.kind, key, value, expectedVersion, previous: current, changeType: 'Updated' },
      ...referenceWrites(def, key, def.references(current.value), def.references(value)),
      ...(def.ports?.(value) ?? []).map((p): Write => ({
        op: 'claim-port',
        port: p.port,
        owner: key,
        field: p.field,
      })),
    ];
  }

  /** The writes that delete a record (soft for services), refused while others refer to it. */
  async planDelete(
    def: EntityDefinition,
    principal: Principal,
    key: string,
    expectedVersion: number,
  ): Promise<Write[]> {
    const current = await this.get(def, key);
    await this.check(def, principal, [current.value]);
    assertVersion(current, expectedVersion);
    if (current.referencedBy.length) throw stillReferenced(def.kind, key, current.referencedBy);
    const unlink = referenceWrites(def, key, def.references(current.value), []);
    const extra = def.onDelete?.(key) ?? [];
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

  async create(
    def: EntityDefinition,
    principal: Principal,
    actor: Actor,
    key: string,
    value: Record<string, unknown>,
  ): Promise<StoredRecord> {
    await this.commit(await this.planCreate(def, principal, key, value), actor);
    return this.get(def, key);
  }

  async update(
    def: EntityDefinition,
    principal: Principal,
    actor: Actor,
    key: string,
    expectedVersion: number,
    next: (current: StoredRecord) => Record<string, unknown>,
  ): Promise<StoredRecord> {
    await this.commit(await this.planUpdate(def, principal, key, expectedVersion, next), actor);
    return this.get(def, key);
  }

  async remove(
    def: EntityDefinition,
    principal: Principal,
    actor: Actor,
    key: string,
    expectedVersion: number,
  ): Promise<StoredRecord> {
    const current = await this.get(def, key);
    await this.commit(await this.planDelete(def, principal, key, expectedVersion), actor);
    return current;
  }
}

/** Throws the 409 for a stale version. */
export function assertVersion(current: StoredRecord, expected: number): void {
  if (current.version !== expected) {
    throw new ConflictError(
      `${current.kind} ${current.key} has changed: you sent version ${expected}, the current version is ${current.version}`,
    );
  }
}
