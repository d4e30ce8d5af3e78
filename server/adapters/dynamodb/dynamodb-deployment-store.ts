import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isTerminal, type Deployment, type DeploymentLogLine } from '@shared/deployments/deployment';
import { Deployment as DeploymentSchema } from '@shared/deployments/deployment';
import { ulid } from '../../audit/ulid';
import type {
  DeploymentAuditNote,
  DeploymentQuery,
  DeploymentStore,
  StoredDeployment,
} from '../../deployments/deployment-store';
import { deploymentSummary } from '../../deployments/deployment-summary';
import { ConflictError, InputError } from '../../errors/domain-errors';
import { auditItem, type TransactItem } from './audit-item';
import type { DynamoDb } from './document-client';
import { previousMonth } from './previous-month';
import type { TableNames } from './tables';

const RECORD = 'RECORD';
const pk = (id: string) => `DEPLOYMENT#${id}`;
const lockKey = (v: Deployment['Value']) => ({
  PK: `LOCK#${v.EnvironmentName}#${v.ServiceName}`,
  SK: 'LOCK',
});

function toStored(item: Record<string, unknown>): StoredDeployment {
  return {
    id: item['DeploymentID'] as string,
    value: DeploymentSchema.shape.Value.parse(item['Value']),
    version: Number(item['Version']),
    leaseOwner: item['LeaseOwner'] as string | undefined,
    leaseExpiresAt: item['LeaseExpiresAt'] as number | undefined,
  };
}

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

  async create(
    id: string,
    value: Deployment['Value'],
    audit?: DeploymentAuditNote,
  ): Promise<StoredDeployment> {
    const startKey = `${value.StartTimestamp}#${id}`;
    const item = {
      PK: pk(id),
      SK: RECORD,
      DeploymentID: id,
      Value: value,
      Version: 1,
      Month: value.StartTimestamp.slice(0, 7),
      StartKey: startKey,
      Active: 'active',
    };
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tables.deployments,
                Item: item,
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tables.deployments,
                Item: { ...lockKey(value), DeploymentID: id },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...this.audit(id, 1, value, audit),
          ],
        }),
      );
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const { Item } = await this.db.doc.send(
        new GetCommand({ TableName: this.tables.deployments, Key: lockKey(value), ConsistentRead: true }),
      );
      const running = Item?.['DeploymentID'] as string | undefined;
      throw new ConflictError(
        running
          ? `deployment ${running} of ${value.ServiceName} to ${value.EnvironmentName} is still running`
          : `another deployment of ${value.ServiceName} to ${value.EnvironmentName} started at the same moment`,
      );
    }
    return { id, value, version: 1 };
  }

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

  async save(
    id: string,
    expectedVersion: number,
    value: Deployment['Value'],
    audit?: DeploymentAuditNote,
  ): Promise<StoredDeployment> {
    const over = isTerminal(value.Status);
    const update: TransactItem = {
      Update: {
        TableName: this.tables.deployments,
        Key: { PK: pk(id), SK: RECORD },
        UpdateExpression: over
          ? 'SET #v = :v, Version = :next REMOVE Active, LeaseOwner, LeaseExpiresAt'
          : 'SET #v = :v, Version = :next',
        ConditionExpression: 'Version = :expected',
        ExpressionAttributeNames: { '#v': 'Value' },
        ExpressionAttributeValues: {
          ':v': value,
          ':next': expectedVersion + 1,
          ':expected': expectedVersion,
        },
      },
    };
    const release: TransactItem[] = over
      ? [
          {
            Delete: {
              TableName: this.tables.deployments,
              Key: lockKey(value),
              ConditionExpression: 'DeploymentID = :id',
              ExpressionAttributeValues: { ':id': id },
            },
          },
        ]
      : [];
    const items = [update, ...release, ...this.audit(id, expectedVersion + 1, value, audit)];
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (e) {
      if (e instanceof TransactionCanceledException) {
        throw new ConflictError(`deployment ${id} changed meanwhile (version ${expectedVersion} is stale)`);
      }
      throw e;
    }
    const saved = await this.get(id);
    return saved!;
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

  async active(): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.deployments,
          IndexName: 'Active',
          KeyConditionExpression: 'Active = :a',
          ExpressionAttributeValues: { ':a': 'active' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) ids.push((item['PK'] as string).slice('DEPLOYMENT#'.length));
      start = res.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  async appendLog(id: string, lines: readonly Omit<DeploymentLogLine, 'at'>[]): Promise<void> {
    const now = Date.now();
    for (let i = 0; i < lines.length; i += 25) {
      await this.db.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tables.deployments]: lines.slice(i, i + 25).map((l) => ({
              PutRequest: {
                Item: {
                  PK: pk(id),
                  SK: `LOG#${ulid(now)}`,
                  At: new Date(now).toISOString(),
                  Level: l.level,
                  Message: l.message,
                },
              },
            })),
          },
        }),
      );
    }
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
        out.push({
          at: item['At'] as string,
          level: item['Level'] as DeploymentLogLine['level'],
          message: item['Message'] as string,
        });
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async lease(id: string, owner: string, ms: number): Promise<boolean> {
    const now = Date.now();
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.tables.deployments,
          Key: { PK: pk(id), SK: RECORD },
          UpdateExpression: 'SET LeaseOwner = :me, LeaseExpiresAt = :until',
          ConditionExpression:
            'attribute_exists(Active) AND (attribute_not_exists(LeaseOwner) OR LeaseOwner = :me OR LeaseExpiresAt < :now)',
          ExpressionAttributeValues: { ':me': owner, ':until': now + ms, ':now': now },
        }),
      );
      return true;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.db.doc
      .send(
        new UpdateCommand({
          TableName: this.tables.deployments,
          Key: { PK: pk(id), SK: RECORD },
          UpdateExpression: 'REMOVE LeaseOwner, LeaseExpiresAt',
          ConditionExpression: 'LeaseOwner = :me',
          ExpressionAttributeValues: { ':me': owner },
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e;
      });
  }
}
