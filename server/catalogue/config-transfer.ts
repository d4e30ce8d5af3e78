import { isDeepStrictEqual } from 'node:util';
import type { InvalidField } from '@shared/api/problem';
import { ConflictError, InputError } from '../errors/domain-errors';
import type { Catalogue } from './catalogue';
import type { Actor, Kind, RecordStore, Write } from './record-store';
import type { TransferFormat } from './transfer-format';

/** What an import did. */
export interface ImportResult {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
}

function reindex(field: string, index: number): string {
  return field.replace(/^body\./, `body.${index}.`);
}

/**
 * Exports and imports the records of one kind. It checks no permission: routes reach it through
 * `AuthorizedConfigTransfer`.
 */
export class ConfigTransfer {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly store: RecordStore,
  ) {}

  /** Every live record of the kind, as the format exports it. */
  async export<K extends Kind>(format: TransferFormat<K>): Promise<unknown[]> {
    return (await this.catalogue.list(format.def)).map((r) => format.exported(r));
  }

  /**
   * Imports the records of an import body: `merge` creates and updates, `replace` also deletes what the
   * import lacks. The whole set is checked first (items, keys, references, ports, referrers of deletions)
   * so that a refused import writes nothing; then each record is written with its audit entry, versioned
   * as any change.
   */
  async import<K extends Kind>(
    format: TransferFormat<K>,
    body: readonly unknown[],
    mode: 'merge' | 'replace',
    actor: Actor,
  ): Promise<ImportResult> {
    const { def } = format;
    const items = format.items(body);
    const errors: InvalidField[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (seen.has(item.key))
        errors.push({
          field: `body.${i}`,
          message: `repeats the key ${item.key} of item ${seen.get(item.key)}`,
        });
      seen.set(item.key, i);
    });
    if (errors.length) throw new InputError('the import repeats keys', errors);

    const existing = new Map(
      (await this.catalogue.list(def, { includeDeleted: true })).map((r) => [r.key, r]),
    );
    const result: ImportResult = { created: [], updated: [], unchanged: [], deleted: [] };
    const plans: { index: number; writes: Write[] }[] = [];
    for (const [i, item] of items.entries()) {
      const current = existing.get(item.key);
      if (current && !current.deleted) {
        if (isDeepStrictEqual(current.value, item.value)) {
          result.unchanged.push(item.key);
          continue;
        }
        plans.push({
          index: i,
          writes: await this.catalogue.planUpdate(def, current, current.version, item.value),
        });
        result.updated.push(item.key);
      } else {
        plans.push({
          index: i,
          writes: await this.catalogue.planCreate(def, item.key, item.value),
        });
        result.created.push(item.key);
      }
    }
    if (mode === 'replace') {
      for (const current of existing.values()) {
        if (current.deleted || seen.has(current.key)) continue;
        try {
          plans.push({
            index: -1,
            writes: await this.catalogue.planDelete(def, current, current.version),
          });
        } catch (e) {
          if (e instanceof ConflictError)
            throw new ConflictError(
              `replace would delete ${def.kind} ${current.key}, but ${e.message}`,
              e.referrers,
            );
          throw e;
        }
        result.deleted.push(current.key);
      }
    }
    await this.precheck(plans, errors);
    if (errors.length)
      throw new InputError(
        `the import refers to missing records or taken ports; nothing was written`,
        errors,
      );
    await this.store.batch(async () => {
      for (const plan of plans) await this.catalogue.commit(plan.writes, { ...actor, source: 'import' });
    });
    return result;
  }

  /** Finds, before anything is written, the references and port claims that the commits would refuse. */
  private async precheck(
    plans: readonly { index: number; writes: Write[] }[],
    errors: InvalidField[],
  ): Promise<void> {
    const targets = new Map<Kind, Set<string>>();
    for (const { writes } of plans) {
      for (const w of writes) {
        if (w.op === 'add-ref') {
          const keys = targets.get(w.target.kind) ?? new Set();
          keys.add(w.target.key);
          targets.set(w.target.kind, keys);
        }
      }
    }
    const live = new Set<string>();
    for (const [kind, keys] of targets) {
      for (const r of await this.store.getMany(kind, [...keys])) {
        if (!r.deleted) live.add(`${kind}#${r.key}`);
      }
    }
    const claimed = new Map<number, string>();
    for (const { index, writes } of plans) {
      for (const w of writes) {
        if (w.op === 'add-ref' && !live.has(`${w.target.kind}#${w.target.key}`)) {
          errors.push({
            field: reindex(w.target.field, index),
            message: `${w.target.kind} ${w.target.key} does not exist`,
          });
        }
        if (w.op === 'claim-port') {
          const owner = claimed.get(w.port) ?? (await this.store.portOwner(w.port));
          if (owner !== undefined && owner !== w.owner) {
            errors.push({
              field: reindex(w.field, index),
              message: `port ${w.port} is already taken by service ${owner}`,
            });
          }
          claimed.set(w.port, w.owner);
        }
      }
    }
  }
}
