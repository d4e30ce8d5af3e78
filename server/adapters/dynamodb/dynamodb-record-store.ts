import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { recordDefinitions } from '../../catalogue/definitions';
import type {
  Actor,
  Kind,
  RecordStore,
  StoredRecord,
  StoredValue,
  Write,
} from '../../catalogue/record-store';
import { ConflictError, InputError, NotFoundError, StaleVersionError } from '../../errors/domain-errors';
import { stillReferenced } from '../../catalogue/still-referenced';
import { batchGet } from './batch-get';
import { UnreadableRecordError } from '../../catalogue/unreadable-record-error';
import { RecordsMemo } from '../../catalogue/records-memo';
import { auditItem, type TransactItem } from './audit-item';
import type { DynamoDb } from './document-client';
import { GenerationCache } from './generation-cache';
import { outboxItem } from './outbox-item';
import type { TableNames } from './tables';

const PORT_CLAIM = 'PortClaim';
const GENERATION = 'Generation';

/** The kind of record a write touches (for the generation counters). */
function touchedKind(w: Write): Kind | undefined {
  switch (w.op) {
    case 'put':
    case 'purge':
      return w.kind;
    case 'delete':
      return w.record.kind;
    case 'add-ref':
    case 'remove-ref':
      return w.target.kind;
    case 'claim-port':
    case 'notify':
      return undefined;
  }
}

/** A generation counter's item of the Config table (a kind never written has none: generation 0). */
const GenerationItem = z.object({ Key: z.string(), Gen: z.number().int().nonnegative() });

/** A record item of the Config table around its value (parsed by the kind's own schema). */
const ConfigItem = z.object({
  Key: z.string(),
  Value: z.unknown(),
  Version: z.number().int().nonnegative(),
  Deleted: z.boolean().optional(),
  ReferencedBy: z.set(z.string()).optional(),
  Secret: z.string().optional(),
});

/** A record item as the record of its kind: parsed once, here, or an UnreadableRecordError. */
function toRecord<K extends Kind>(kind: K, item: Record<string, unknown>): StoredRecord<K> {
  const key = typeof item['Key'] === 'string' ? item['Key'] : '(no key)';
  const parsed = ConfigItem.safeParse(item);
  if (!parsed.success) throw new UnreadableRecordError(kind, key, parsed.error);
  const value = recordDefinitions[kind].schema.safeParse(parsed.data.Value);
  if (!value.success) throw new UnreadableRecordError(kind, key, value.error, 'Value');
  const { Version, Deleted, ReferencedBy, Secret } = parsed.data;
  return {
    kind,
    key,
    value: value.data,
    version: Version,
    deleted: Deleted === true,
    referencedBy: ReferencedBy ? [...ReferencedBy].sort() : [],
    secret: Secret,
  };
}

/** How a record store answers lists; see DynamoDbRecordStore.list. */
export interface RecordStoreOptions {
  /**
   * How long a kind's generation counter is answered from memory (0, the default: every list reads it).
   * Every commit waits as long before it returns, so a list in any process after a change returned sees it.
   */
  readonly listCacheMs?: number;
}

/** The Config and Audit tables as a RecordStore: every commit is one TransactWriteItems. */
export class DynamoDbRecordStore implements RecordStore {
  /** Each kind's records (parsed) by the generation they were listed at: an unchanged kind parses nothing. */
  private readonly listCache = new RecordsMemo();
  private readonly generations: GenerationCache;
  /**
   * The generation reads sent in one tick of the event loop, as one BatchGetItem: a request that lists
   * several kinds (a deployment's authorization reads environments, services, clusters, permissions)
   * reads their counters in one round trip. Nothing is cached here (GenerationCache decides freshness).
   */
  private readonly generationReads = new DataLoader<Kind, number>((kinds) => this.readGenerations(kinds), {
    cache: false,
  });
  /** The batch (see batch) a commit is part of: it owes the batch its wait instead of waiting itself. */
  private readonly batches = new AsyncLocalStorage<{ open: boolean; owesWait: boolean }>();

  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
    options: RecordStoreOptions = {},
  ) {
    this.generations = new GenerationCache({ maxAgeMs: options.listCacheMs ?? 0 });
  }

  async get<K extends Kind>(kind: K, key: string): Promise<StoredRecord<K> | undefined> {
    const { Item } = await this.db.doc.send(
      new GetCommand({ TableName: this.tables.config, Key: { Kind: kind, Key: key }, ConsistentRead: true }),
    );
    return Item ? toRecord(kind, Item) : undefined;
  }

  async getMany<K extends Kind>(kind: K, keys: readonly string[]): Promise<StoredRecord<K>[]> {
    const unique = [...new Set(keys)];
    const items = await batchGet(
      this.db,
      this.tables.config,
      unique.map((k) => ({ Kind: kind, Key: k })),
    );
    return items.map((item) => toRecord(kind, item));
  }

  /**
   * Every record of a kind. Served from memory while the kind's generation counter (bumped in the same
   * transaction as every write that touches the kind) is unchanged: one strongly consistent GetItem per
   * call (or, with `listCacheMs`, per `listCacheMs`) instead of reading the whole partition. Never staler
   * than the last change that returned, across any number of portal processes: a commit waits out the
   * window before it returns (see commit).
   */
  async list<K extends Kind>(kind: K): Promise<readonly StoredRecord<K>[]> {
    const generation = await this.generation(kind);
    const cached = this.listCache.get(kind, generation);
    if (cached) return cached;
    const records = Object.freeze(await this.queryAll(kind));
    this.listCache.set(kind, generation, records);
    return records;
  }

  private generation(kind: Kind): Promise<number> {
    // concurrent list calls share a read, but only one sent after they began (see GenerationCache)
    return this.generations.read(kind, () => this.generationReads.load(kind));
  }

  private async readGenerations(kinds: readonly Kind[]): Promise<number[]> {
    const items = await batchGet(
      this.db,
      this.tables.config,
      kinds.map((kind) => ({ Kind: GENERATION, Key: kind })),
    );
    const byKind = new Map<string, number>();
    for (const item of items) {
      const parsed = GenerationItem.safeParse(item);
      if (!parsed.success)
        throw new UnreadableRecordError(GENERATION, String(item['Key'] ?? '(no key)'), parsed.error);
      byKind.set(parsed.data.Key, parsed.data.Gen);
    }
    return kinds.map((kind) => byKind.get(kind) ?? 0);
  }

  private async queryAll<K extends Kind>(kind: K): Promise<StoredRecord<K>[]> {
    const out: StoredRecord<K>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.config,
          KeyConditionExpression: 'Kind = :k',
          ExpressionAttributeValues: { ':k': kind },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(toRecord(kind, item));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async portOwner(port: number): Promise<string | undefined> {
    const { Item } = await this.db.doc.send(
      new GetCommand({
        TableName: this.tables.config,
        Key: { Kind: PORT_CLAIM, Key: String(port) },
        ConsistentRead: true,
      }),
    );
    const owner = Item?.['Owner'];
    return typeof owner === 'string' ? owner : undefined;
  }

  async commit(writes: readonly Write[], actor: Actor): Promise<void> {
    const now = Date.now();
    const items = writes.flatMap((w) => this.itemsFor(w, actor, now));
    // generation bumps go last, so that failed-condition indexes still map to the writes
    const kinds = new Set(writes.map(touchedKind).filter((k) => k !== undefined));
    for (const kind of kinds) {
      items.push({
        Update: {
          TableName: this.tables.config,
          Key: { Kind: GENERATION, Key: kind },
          UpdateExpression: 'ADD Gen :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      });
    }
    if (items.length > 100) {
      throw new InputError(`this change touches ${items.length} records; at most 100 can change at once`);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
        await this.waitOutListCache(kinds);
        return;
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) {
          // the transaction may have been committed (a timeout, a lost reply): waited out like a change
          await this.waitOutListCache(kinds);
          throw e;
        }
        const reasons = e.CancellationReasons ?? [];
        const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        if (failed.length) throw await this.explainAll(writes, items, failed);
        // TransactionConflict: another transaction touched one of our items at the same moment
        if (attempt >= 10) throw new ConflictError('the change clashed with concurrent changes; try again');
        await new Promise((r) => setTimeout(r, Math.min(15 * 2 ** attempt, 400) + Math.random() * 30));
      }
    }
  }

  /**
   * After a commit that touched `kinds`: this process forgets their counters, then the commit waits as long
   * as any process may still answer a counter read before it, so that once it returns every list sees it.
   */
  private async waitOutListCache(kinds: ReadonlySet<Kind>): Promise<void> {
    if (kinds.size === 0) return;
    for (const kind of kinds) this.generations.forget(kind);
    // work the batch set going that commits after the batch returned waits for itself
    const batch = this.batches.getStore();
    if (batch?.open) batch.owesWait = true;
    else await this.waitOutWindow();
  }

  private async waitOutWindow(): Promise<void> {
    const ms = this.generations.maxAgeMs;
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.batches.getStore()?.open) return work(); // within a batch already: it waits for this too
    const batch = { open: true, owesWait: false };
    try {
      return await this.batches.run(batch, work);
    } finally {
      batch.open = false;
      // after the last commit of the batch, as long as a commit on its own would have waited
      if (batch.owesWait) await this.waitOutWindow();
    }
  }

  private itemsFor(w: Write, actor: Actor, now: number): TransactItem[] {
    const TableName = this.tables.config;
    switch (w.op) {
      case 'put': {
        const version = (w.previous?.version ?? 0) + 1;
        const names: Record<string, string> = { '#v': 'Value' };
        const values: Record<string, unknown> = {
          ':value': w.value,
          ':version': version,
          ':deleted': w.deleted === true,
          ':at': new Date(now).toISOString(),
          ':by': actor.username,
        };
        let set = 'SET #v = :value, Version = :version, Deleted = :deleted, UpdatedAt = :at, UpdatedBy = :by';
        if (w.secret !== undefined) {
          set += ', Secret = :secret';
          values[':secret'] = w.secret;
        }
        let condition: string;
        if (w.expectedVersion === 0 && !w.previous) {
          condition = 'attribute_not_exists(#k)';
          names['#k'] = 'Key';
        } else {
          condition = 'Version = :expected';
          values[':expected'] = w.expectedVersion;
        }
        if (w.requireUnreferenced) condition += ' AND attribute_not_exists(ReferencedBy)';
        return [
          {
            Update: {
              TableName,
              Key: { Kind: w.kind, Key: w.key },
              UpdateExpression: set,
              ConditionExpression: condition,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          this.audit(w.kind, w.key, version, w.changeType, w.previous, w.value, actor, now),
        ];
      }
      case 'delete':
        return [
          {
            Delete: {
              TableName,
              Key: { Kind: w.record.kind, Key: w.record.key },
              ConditionExpression: 'Version = :expected AND attribute_not_exists(ReferencedBy)',
              ExpressionAttributeValues: { ':expected': w.expectedVersion },
            },
          },
          this.audit(
            w.record.kind,
            w.record.key,
            w.record.version,
            'Deleted',
            w.record,
            undefined,
            actor,
            now,
          ),
        ];
      case 'claim-port':
        return [
          {
            Update: {
              TableName,
              Key: { Kind: PORT_CLAIM, Key: String(w.port) },
              UpdateExpression: 'SET #o = :owner, ClaimedAt = if_not_exists(ClaimedAt, :at)',
              ConditionExpression: 'attribute_not_exists(#k) OR #o = :owner',
              ExpressionAttributeNames: { '#k': 'Key', '#o': 'Owner' },
              ExpressionAttributeValues: { ':owner': w.owner, ':at': new Date(now).toISOString() },
            },
          },
        ];
      case 'add-ref':
        return [
          {
            Update: {
              TableName,
              Key: { Kind: w.target.kind, Key: w.target.key },
              UpdateExpression: 'ADD ReferencedBy :ref',
              ConditionExpression: 'attribute_exists(#k) AND Deleted = :false',
              ExpressionAttributeNames: { '#k': 'Key' },
              ExpressionAttributeValues: { ':ref': new Set([w.ref]), ':false': false },
            },
          },
        ];
      case 'remove-ref':
        return [
          {
            Update: {
              TableName,
              Key: { Kind: w.target.kind, Key: w.target.key },
              UpdateExpression: 'DELETE ReferencedBy :ref',
              ConditionExpression: 'attribute_exists(#k)',
              ExpressionAttributeNames: { '#k': 'Key' },
              ExpressionAttributeValues: { ':ref': new Set([w.ref]) },
            },
          },
        ];
      case 'purge':
        return [{ Delete: { TableName, Key: { Kind: w.kind, Key: w.key } } }];
      case 'notify':
        return [outboxItem(this.tables, w.event)];
    }
  }

  private audit(
    kind: Kind,
    key: string,
    version: number,
    changeType: 'Created' | 'Updated' | 'Deleted',
    previous: StoredRecord | undefined,
    next: StoredValue | undefined,
    actor: Actor,
    now: number,
  ): TransactItem {
    const oldValue = previous && !previous.deleted ? previous.value : null;
    const newValue = changeType === 'Deleted' ? null : next;
    return auditItem(this.tables.audit, { kind, key, version, changeType, oldValue, newValue }, actor, now);
  }

  /** Explains the failed conditions: missing references are named together, anything else comes first. */
  private async explainAll(
    writes: readonly Write[],
    items: TransactItem[],
    failed: number[],
  ): Promise<Error> {
    const errors = await Promise.all(failed.map((i) => this.explain(writes, items, i)));
    const other = errors.find((e) => !(e instanceof InputError));
    if (other) return other;
    const fields = errors.flatMap((e) => (e instanceof InputError ? e.errors : []));
    return new InputError(fields.map((f) => f.message).join('; '), fields);
  }

  /** Turns one failed condition of a cancelled transaction into the domain error that explains it. */
  private async explain(
    writes: readonly Write[],
    items: TransactItem[],
    failedIndex: number,
  ): Promise<Error> {
    // map the transact item index back to the write that produced it
    let index = failedIndex;
    for (const w of writes) {
      const n = w.op === 'put' || w.op === 'delete' ? 2 : 1;
      if (index < n) return this.explainWrite(w);
      index -= n;
    }
    return new ConflictError(
      `the change conflicted with the stored state (item ${failedIndex} of ${items.length})`,
    );
  }

  private async explainWrite(w: Write): Promise<Error> {
    switch (w.op) {
      case 'put':
      case 'delete': {
        const kind = w.op === 'put' ? w.kind : w.record.kind;
        const key = w.op === 'put' ? w.key : w.record.key;
        const current = await this.get(kind, key);
        if (w.op === 'put' && w.expectedVersion === 0 && current) {
          return new ConflictError(`${kind} ${key} already exists`);
        }
        if (!current || (current.deleted && !(w.op === 'put' && w.previous?.deleted))) {
          return new NotFoundError(`${kind} ${key} does not exist`);
        }
        if (current.version !== w.expectedVersion) {
          return new StaleVersionError(
            `${kind} ${key} has changed: you sent version ${w.expectedVersion}, the current version is ${current.version}`,
          );
        }
        return stillReferenced(kind, key, current.referencedBy);
      }
      case 'claim-port': {
        const owner = await this.portOwner(w.port);
        const holder = `is already taken by service ${owner ?? '(unknown)'}; ports are never reused`;
        return new ConflictError(`port ${w.port} ${holder}`, [], [{ field: w.field, message: holder }]);
      }
      case 'add-ref': {
        const current = await this.get(w.target.kind, w.target.key);
        const state = current ? 'is deleted' : 'does not exist';
        return new InputError(`${w.target.kind} ${w.target.key} ${state}`, [
          { field: w.target.field, message: `${w.target.kind} ${w.target.key} ${state}` },
        ]);
      }
      case 'notify':
        return new ConflictError(`event ${w.event.Id} was written already; try again`);
      case 'remove-ref':
      case 'purge':
        return new ConflictError(
          `${w.op === 'purge' ? w.kind : w.target.kind} changed concurrently; try again`,
        );
    }
  }
}
