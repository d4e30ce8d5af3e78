import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import DataLoader from 'dataloader';
import { z } from 'zod';
import {
  DeploymentStatus,
  isTerminal,
  type Deployment,
  type DeploymentLogLine,
} from '@shared/deployments/deployment';
import { Deployment as DeploymentSchema } from '@shared/deployments/deployment';
import { ulid } from '../../audit/ulid';
import type {
  DeploymentAuditNote,
  DeploymentQuery,
  DeploymentStore,
  Lease,
  StoredDeployment,
  WriteOptions,
} from '../../deployments/deployment-store';
import { deploymentSummary } from '../../deployments/deployment-summary';
import { deploymentEvents } from '../../notifications/deployment-event';
import { ConflictError, InputError, StaleVersionError } from '../../errors/domain-errors';
import { auditItem, type TransactItem } from './audit-item';
import { batchGet } from './batch-get';
import { outboxItem } from './outbox-item';
import type { DynamoDb } from './document-client';
import { previousMonth } from './previous-month';
import type { TableNames } from './tables';

const RECORD = 'RECORD';
/** Log lines per log item: a write has a few; an item stays far below DynamoDB's 400 KB. */
const LOG_LINES_PER_ITEM = 50;
const ACTIVE = 'active';
const pk = (id: string) => `DEPLOYMENT#${id}`;
const LOCK = 'LOCK';
const GROUP_LOCK = 'LOCK#GROUP#';
const groupLockKey = (group: string) => ({ PK: `${GROUP_LOCK}${group}`, SK: LOCK });

/**
 * The locks a deployment holds while it runs: one for its service in its environment, and one for each
 * Auto Scaling group it changes (the target and, for blue/green, the live slice's), so that two
 * deployments of services hosted on one role, or a deployment and a patch, never work on a group at once.
 */
function lockKeys(v: Deployment['Value']): { PK: string; SK: string }[] {
  const groups = new Set([
    v.Resources?.AutoScalingGroup ?? v.AutoScalingGroupName,
    ...(v.Resources?.LiveAutoScalingGroup ? [v.Resources.LiveAutoScalingGroup] : []),
  ]);
  // an image patch operation locks nothing itself: each group's patch locks its group
  if (v.DeploymentType === 'patch-operation') return [];
  const group = [...groups].map(groupLockKey);
  // a group's image patch changes its group only: patches of an environment's groups run side by side
  if (v.DeploymentType === 'patch') return group;
  return [{ PK: `LOCK#${v.EnvironmentName}#${v.ServiceName}`, SK: LOCK }, ...group];
}

/** A deployment item as stored: parsed on every read, so that a malformed item is an error, never a default. */
const DeploymentItem = z.object({
  DeploymentID: z.string(),
  Value: DeploymentSchema.shape.Value,
  Version: z.number().int(),
  LeaseOwner: z.string().optional(),
  LeaseExpiresAt: z.number().optional(),
});

/** A lock item read for its holder alone (see groupHolder). */
const LockItem = z.object({ PK: z.string(), DeploymentID: z.string() });

/** A deployment item read for its status alone (see statuses). */
const StatusItem = z.object({
  DeploymentID: z.string(),
  Value: z.object({ Status: DeploymentStatus }),
});

/** A deployment item (or the part of it read) by its schema, or an error naming the item and fields. */
function parsedItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  throw new Error(`deployment item ${String(item['PK'] ?? item['DeploymentID'])} does not parse (${where})`);
}

function toStored(item: Record<string, unknown>): StoredDeployment {
  const d = parsedItem(DeploymentItem, item);
  return {
    id: d.DeploymentID,
    value: d.Value,
    version: d.Version,
    ...(d.LeaseOwner !== undefined ? { leaseOwner: d.LeaseOwner } : {}),
    ...(d.LeaseExpiresAt !== undefined ? { leaseExpiresAt: d.LeaseExpiresAt } : {}),
  };
}

const LogLine = z.object({ At: z.string(), Level: z.enum(['info', 'warn', 'error']), Message: z.string() });
/** A log item: the lines of one write (older items hold one line each). */
const LogItem = z.union([
  z.object({ SK: z.string(), Lines: z.array(LogLine) }),
  LogLine.extend({ SK: z.string() }),
]);

const toLogLine = (l: z.infer<typeof LogLine>): DeploymentLogLine => ({
  at: l.At,
  level: l.Level,
  message: l.Message,
});

/** The Deployments table as a DeploymentStore. */
export class DynamoDbDeploymentStore implements DeploymentStore {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  /** The audit entry of a user's change, or nothing for the engine's own saves. */
  private audit(
    id: string,
    version: number,
    value: Deployment['Value'],
    note: DeploymentAuditNote | undefined,
  ): TransactItem[] {
    if (!note) return [];
    const change = {
      kind: 'Deployment',
      key: id,
      version,
      changeType: note.changeType,
      oldValue: note.changeType === 'Updated' ? deploymentSummary(note.previous) : null,
      newValue: deploymentSummary(value),
    } as const;
    return [auditItem(this.tables.audit, change, note.actor, Date.now())];
  }

  /**
   * The puts of one write's log lines: one item per LOG_LINES_PER_ITEM lines (a write has a few). The key
   * is the first line's time, then the record version the write made (lines written alone have none),
   * then a random part: the writes of one millisecond keep their order, and no two writes share a key.
   */
  private logPuts(
    id: string,
    lines: readonly DeploymentLogLine[] | undefined,
    version?: number,
  ): TransactItem[] {
    const out: TransactItem[] = [];
    const all = lines ?? [];
    for (let i = 0; i < all.length; i += LOG_LINES_PER_ITEM) {
      const chunk = all.slice(i, i + LOG_LINES_PER_ITEM);
      const key = ulid(Date.parse(chunk[0]!.at));
      const order =
        version === undefined
          ? key.slice(10)
          : `${String(version).padStart(10, '0')}${String(i).padStart(4, '0')}${key.slice(20)}`;
      const Item = {
        PK: pk(id),
        SK: `LOG#${key.slice(0, 10)}${order}`,
        Lines: chunk.map((l) => ({ At: l.at, Level: l.level, Message: l.message })),
      };
      out.push({ Put: { TableName: this.tables.deployments, Item } });
    }
    return out;
  }

  /** The outbox items of a write: the events it is (status change, break-glass) and those it brings. */
  private outbox(
    id: string,
    before: Deployment['Value'] | undefined,
    after: Deployment['Value'],
    options: WriteOptions,
  ): TransactItem[] {
    return [...deploymentEvents(id, before, after), ...(options.notify ?? [])].map((e) =>
      outboxItem(this.tables, e),
    );
  }

  private async transact(items: TransactItem[]): Promise<void> {
    if (!items.length) return;
    // a transaction holds at most 100 items: further log items follow in their own batches
    const [first, rest] = [items.slice(0, 100), items.slice(100)];
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: first }));
    for (let i = 0; i < rest.length; i += 25) {
      await this.db.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tables.deployments]: rest
              .slice(i, i + 25)
              .map((t) => ({ PutRequest: { Item: t.Put!.Item! } })),
          },
        }),
      );
    }
  }

  async create(id: string, value: Deployment['Value'], options: WriteOptions): Promise<StoredDeployment> {
    const startKey = `${value.StartTimestamp}#${id}`;
    const lease = options.lease;
    const item = {
      PK: pk(id),
      SK: RECORD,
      DeploymentID: id,
      Value: value,
      Version: 1,
      Month: value.StartTimestamp.slice(0, 7),
      StartKey: startKey,
      Active: ACTIVE,
      DueAt: lease ? lease.until : (options.dueAt ?? Date.now()),
      ...(lease ? { LeaseOwner: lease.owner, LeaseExpiresAt: lease.until } : {}),
    };
    try {
      await this.transact([
        {
          Put: {
            TableName: this.tables.deployments,
            Item: item,
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...lockKeys(value).map((key): TransactItem => ({
          Put: {
            TableName: this.tables.deployments,
            Item: { ...key, DeploymentID: id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
        ...this.outbox(id, undefined, value, options),
        ...this.audit(id, 1, value, options.audit),
        ...this.logPuts(id, options.log, 1),
      ]);
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const keys = lockKeys(value);
      const holders = await this.lockHolders(keys);
      const held = holders.findIndex((h) => h !== undefined);
      const key = keys[held];
      if (!key) {
        throw new ConflictError(
          `another deployment of ${value.ServiceName} to ${value.EnvironmentName} started at the same moment`,
        );
      }
      throw new ConflictError(
        key.PK.startsWith(GROUP_LOCK)
          ? `deployment ${holders[held]} is still working on the Auto Scaling group ${key.PK.slice(GROUP_LOCK.length)}`
          : `deployment ${holders[held]} of ${value.ServiceName} to ${value.EnvironmentName} is still running`,
      );
    }
    return {
      id,
      value,
      version: 1,
      ...(lease ? { leaseOwner: lease.owner, leaseExpiresAt: lease.until } : {}),
    };
  }

  /** The holder of each lock of `keys` (undefined where none is held), in one BatchGetItem. */
  private async lockHolders(keys: readonly { PK: string; SK: string }[]): Promise<(string | undefined)[]> {
    const unique = [...new Map(keys.map((k) => [k.PK, k])).values()];
    const items = await batchGet(this.db, this.tables.deployments, unique, {
      expression: 'PK, DeploymentID',
    });
    const byKey = new Map(items.map((item) => LockItem.parse(item)).map((l) => [l.PK, l.DeploymentID]));
    return keys.map((key) => byKey.get(key.PK));
  }

  /**
   * The id of the unfinished deployment that holds the lock of an Auto Scaling group, if one does. The
   * groups asked for in one tick (a patch plan's or an environment's, each group asked for on its own) are
   * read in one BatchGetItem.
   */
  groupHolder(group: string): Promise<string | undefined> {
    return this.groupHolders.load(group);
  }

  private readonly groupHolders = new DataLoader<string, string | undefined>(
    (groups) => this.lockHolders(groups.map(groupLockKey)),
    { cache: false },
  );

  async get(id: string): Promise<StoredDeployment | undefined> {
    const { Item } = await this.db.doc.send(
      new GetCommand({
        TableName: this.tables.deployments,
        Key: { PK: pk(id), SK: RECORD },
        ConsistentRead: true,
      }),
    );
    return Item ? toStored(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredDeployment>> {
    const items = await batchGet(
      this.db,
      this.tables.deployments,
      [...new Set(ids)].map((id) => ({ PK: pk(id), SK: RECORD })),
    );
    return new Map(items.map((item) => toStored(item)).map((d) => [d.id, d]));
  }

  async statuses(ids: readonly string[]): Promise<Map<string, DeploymentStatus>> {
    const items = await batchGet(
      this.db,
      this.tables.deployments,
      [...new Set(ids)].map((id) => ({ PK: pk(id), SK: RECORD })),
      { expression: 'DeploymentID, #v.#s', names: { '#v': 'Value', '#s': 'Status' } },
    );
    return new Map(
      items.map((item) => {
        const { DeploymentID, Value } = parsedItem(StatusItem, item);
        return [DeploymentID, Value.Status] as const;
      }),
    );
  }

  async save(
    d: StoredDeployment,
    value: Deployment['Value'],
    options: WriteOptions = {},
  ): Promise<StoredDeployment> {
    const over = isTerminal(value.Status);
    const names: Record<string, string> = { '#v': 'Value' };
    const values: Record<string, unknown> = { ':v': value, ':next': d.version + 1, ':expected': d.version };
    let update = 'SET #v = :v, Version = :next';
    let leaseAfter: Partial<Pick<StoredDeployment, 'leaseOwner' | 'leaseExpiresAt'>> = {
      ...(d.leaseOwner !== undefined ? { leaseOwner: d.leaseOwner } : {}),
      ...(d.leaseExpiresAt !== undefined ? { leaseExpiresAt: d.leaseExpiresAt } : {}),
    };
    if (over) {
      update += ' REMOVE Active, LeaseOwner, LeaseExpiresAt, DueAt';
      leaseAfter = {};
    } else if (options.lease) {
      update += ', LeaseOwner = :owner, LeaseExpiresAt = :until, DueAt = :until';
      values[':owner'] = options.lease.owner;
      values[':until'] = options.lease.until;
      leaseAfter = { leaseOwner: options.lease.owner, leaseExpiresAt: options.lease.until };
    } else if (options.dueAt !== undefined) {
      update += ', DueAt = :due';
      values[':due'] = options.dueAt;
      // a change an engine must act on: whoever holds the lease keeps it, others see it due at once
    }
    // an engine writes only while it holds the lease: one whose lease was taken over must not write on
    if (options.lease) values[':owner'] = options.lease.owner;
    const record: TransactItem = {
      Update: {
        TableName: this.tables.deployments,
        Key: { PK: pk(d.id), SK: RECORD },
        UpdateExpression: update,
        ConditionExpression: options.lease
          ? 'Version = :expected AND (attribute_not_exists(LeaseOwner) OR LeaseOwner = :owner)'
          : 'Version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
    const stored = { id: d.id, value, version: d.version + 1, ...leaseAfter };
    const stale = () =>
      new StaleVersionError(`deployment ${d.id} changed meanwhile (version ${d.version} is stale)`);
    const logPuts = this.logPuts(d.id, options.log, d.version + 1);
    const outbox = this.outbox(d.id, d.value, value, options);
    if (!over && !options.audit && !outbox.length) {
      // the engine's saves: one conditional update of the record, and its log item beside it (not in a
      // transaction: a save costs two single writes, a third of one transaction of them in DynamoDB). A
      // save refused as stale may leave its lines: they tell of calls that were made
      const [updated, logged] = await Promise.allSettled([
        this.db.doc.send(new UpdateCommand(record.Update!)),
        Promise.all(logPuts.map((t) => this.db.doc.send(new PutCommand(t.Put!)))),
      ]);
      if (updated.status === 'rejected') {
        if (updated.reason instanceof ConditionalCheckFailedException) throw stale();
        throw updated.reason;
      }
      if (logged.status === 'rejected')
        throw new Error(`deployment ${d.id} was saved but its log lines were not (${String(logged.reason)})`);
      return stored;
    }
    // a deployment recorded before group locks existed holds only its service's: a lock that is not
    // there is released already
    const release: TransactItem[] = over
      ? lockKeys(value).map((key) => ({
          Delete: {
            TableName: this.tables.deployments,
            Key: key,
            ConditionExpression: 'attribute_not_exists(PK) OR DeploymentID = :id',
            ExpressionAttributeValues: { ':id': d.id },
          },
        }))
      : [];
    try {
      await this.transact([
        record,
        ...release,
        ...outbox,
        ...this.audit(d.id, d.version + 1, value, options.audit),
        ...logPuts,
      ]);
    } catch (e) {
      if (e instanceof TransactionCanceledException) throw stale();
      throw e;
    }
    return stored;
  }

  async list(q: DeploymentQuery): Promise<{ items: StoredDeployment[]; next?: string }> {
    let cursor: { m: string; k?: Record<string, string> } | undefined;
    if (q.cursor) {
      try {
        cursor = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as typeof cursor;
        if (!cursor || !/^\d{4}-\d{2}$/.test(cursor.m)) throw new Error();
      } catch {
        throw new InputError('cursor is not one this server gave out', [
          { field: 'query.cursor', message: 'is not a valid cursor' },
        ]);
      }
    }
    const low = new Date(q.since).toISOString();
    const high = `${new Date(q.until).toISOString()}~`;
    const last = low.slice(0, 7);
    let month = cursor?.m ?? high.slice(0, 7);
    let start = cursor?.k;
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':low': low, ':high': high };
    const names: Record<string, string> = {};
    const add = (attr: string, value: string | undefined) => {
      if (value === undefined) return;
      filters.push(`#v.#${attr} = :${attr}`);
      names['#v'] = 'Value';
      names[`#${attr}`] = attr;
      values[`:${attr}`] = value;
    };
    add('EnvironmentName', q.environment);
    add('ServiceName', q.service);
    add('Status', q.status);
    add('OwningCluster', q.cluster);
    add('User', q.user);
    add('DeploymentType', q.deploymentType);
    if (q.exceptService !== undefined) {
      filters.push('#v.#ServiceName <> :exceptService');
      names['#v'] = 'Value';
      names['#ServiceName'] = 'ServiceName';
      values[':exceptService'] = q.exceptService;
    }
    const items: StoredDeployment[] = [];
    for (;;) {
      const input: QueryCommandInput = {
        TableName: this.tables.deployments,
        IndexName: 'ByMonth',
        KeyConditionExpression: '#m = :m AND StartKey BETWEEN :low AND :high',
        ExpressionAttributeNames: { ...names, '#m': 'Month' },
        ExpressionAttributeValues: { ...values, ':m': month },
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ScanIndexForward: false,
        ExclusiveStartKey: start,
        Limit: Math.min(q.limit * 2, 500),
      };
      const res = await this.db.doc.send(new QueryCommand(input));
      for (const item of res.Items ?? []) {
        items.push(toStored(item));
        if (items.length === q.limit) {
          const k = {
            PK: item['PK'] as string,
            SK: RECORD,
            Month: item['Month'] as string,
            StartKey: item['StartKey'] as string,
          };
          return { items, next: Buffer.from(JSON.stringify({ m: month, k })).toString('base64url') };
        }
      }
      start = res.LastEvaluatedKey as Record<string, string> | undefined;
      if (start) continue;
      if (month <= last) return { items };
      month = previousMonth(month);
    }
  }

  async due(now: number, limit: number): Promise<string[]> {
    const res = await this.db.doc.send(
      new QueryCommand({
        TableName: this.tables.deployments,
        IndexName: 'Due',
        KeyConditionExpression: 'Active = :a AND DueAt <= :now',
        ExpressionAttributeValues: { ':a': ACTIVE, ':now': now },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((item) => String(item['PK']).slice('DEPLOYMENT#'.length));
  }

  async lease(id: string, lease: Lease, now: number): Promise<StoredDeployment | undefined> {
    try {
      const res = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.tables.deployments,
          Key: { PK: pk(id), SK: RECORD },
          UpdateExpression: 'SET LeaseOwner = :me, LeaseExpiresAt = :until, DueAt = :until',
          ConditionExpression:
            'attribute_exists(Active) AND (attribute_not_exists(LeaseOwner) OR LeaseOwner = :me OR LeaseExpiresAt < :now)',
          ExpressionAttributeValues: { ':me': lease.owner, ':until': lease.until, ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return res.Attributes ? toStored(res.Attributes) : undefined;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw e;
    }
  }

  async release(id: string, owner: string, dueAt: number): Promise<void> {
    await this.db.doc
      .send(
        new UpdateCommand({
          TableName: this.tables.deployments,
          Key: { PK: pk(id), SK: RECORD },
          UpdateExpression: 'SET DueAt = :due REMOVE LeaseOwner, LeaseExpiresAt',
          ConditionExpression: 'attribute_exists(Active) AND LeaseOwner = :me',
          ExpressionAttributeValues: { ':me': owner, ':due': dueAt },
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e;
      });
  }

  async appendLog(id: string, lines: readonly Omit<DeploymentLogLine, 'at'>[]): Promise<void> {
    const at = new Date().toISOString();
    await this.transact(
      this.logPuts(
        id,
        lines.map((l) => ({ ...l, at })),
      ),
    );
  }

  async log(id: string): Promise<DeploymentLogLine[]> {
    const out: DeploymentLogLine[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.deployments,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
          ExpressionAttributeValues: { ':pk': pk(id), ':log': 'LOG#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) {
        const l = LogItem.parse(item);
        if ('Lines' in l) out.push(...l.Lines.map(toLogLine));
        else out.push(toLogLine(l));
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
