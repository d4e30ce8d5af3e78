import type { Principal } from '../auth/principal';
import type { Catalogue } from '../catalogue/catalogue';
import type { EntityDefinition } from '../catalogue/entity-definition';
import type { Actor, Kind, StoredRecord, StoredValue, Write } from '../catalogue/record-store';
import { authorize } from './authorize';

/**
 * The catalogue as routes use it: each change first needs the definition's action on every scope that the
 * current and the new value touch (on every scope at all when a value is global), then the Catalogue does
 * it. Reads need only a signed-in caller.
 */
export class AuthorizedCatalogue {
  constructor(private readonly catalogue: Catalogue) {}

  get<K extends Kind>(def: EntityDefinition<K>, key: string): Promise<StoredRecord<K>> {
    return this.catalogue.get(def, key);
  }

  list<K extends Kind>(
    def: EntityDefinition<K>,
    options: { includeDeleted?: boolean } = {},
  ): Promise<readonly StoredRecord<K>[]> {
    return this.catalogue.list(def, options);
  }

  async planCreate<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    key: string,
    value: StoredValue<K>,
  ): Promise<Write[]> {
    await this.check(def, principal, [value]);
    return this.catalogue.planCreate(def, key, value);
  }

  async planUpdate<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    current: StoredRecord<K>,
    expectedVersion: number,
    value: StoredValue<K>,
  ): Promise<Write[]> {
    await this.check(def, principal, [current.value, value]);
    return this.catalogue.planUpdate(def, current, expectedVersion, value);
  }

  async planDelete<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    current: StoredRecord<K>,
    expectedVersion: number,
  ): Promise<Write[]> {
    await this.check(def, principal, [current.value]);
    return this.catalogue.planDelete(def, current, expectedVersion);
  }

  /** Commits writes planned (and so checked) by this catalogue. */
  commit(writes: readonly Write[], actor: Actor): Promise<void> {
    return this.catalogue.commit(writes, actor);
  }

  async create<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    actor: Actor,
    key: string,
    value: StoredValue<K>,
  ): Promise<StoredRecord<K>> {
    await this.check(def, principal, [value]);
    return this.catalogue.create(def, actor, key, value);
  }

  async update<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    actor: Actor,
    key: string,
    expectedVersion: number,
    next: (current: StoredRecord<K>) => StoredValue<K>,
  ): Promise<StoredRecord<K>> {
    const current = await this.catalogue.get(def, key);
    await this.commit(await this.planUpdate(def, principal, current, expectedVersion, next(current)), actor);
    return this.catalogue.get(def, key);
  }

  async remove<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    actor: Actor,
    key: string,
    expectedVersion: number,
  ): Promise<StoredRecord<K>> {
    const current = await this.catalogue.get(def, key);
    await this.commit(await this.planDelete(def, principal, current, expectedVersion), actor);
    return current;
  }

  /** Needs the definition's action everywhere if a value is global, else on each scope the values touch. */
  private check<K extends Kind>(
    def: EntityDefinition<K>,
    principal: Principal,
    values: readonly StoredValue<K>[],
  ): Promise<void> {
    const scopes = values.map((v) => def.scopes(v));
    if (scopes.includes('everywhere')) return authorize(principal, { action: def.action, everywhere: true });
    return authorize(principal, {
      action: def.action,
      scopes: scopes.flatMap((s) => (s === 'everywhere' ? [] : s)),
    });
  }
}
