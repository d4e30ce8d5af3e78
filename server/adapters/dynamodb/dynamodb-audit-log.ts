import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AuditEntry } from '@shared/audit/audit-entry';
import type { AuditLog, AuditPage, AuditQuery } from '../../audit/audit-log';
import { ulidBounds, ulidTime } from '../../audit/ulid';
import { InputError } from '../../errors/domain-errors';
import type { DynamoDb } from './document-client';
import { previousMonth } from './previous-month';
import type { TableNames } from './tables';

/** Where the next page starts, as the `cursor` this server gives out (base64url JSON). */
const Cursor = z.object({
  /** The month bucket the next page starts in (absent on the entity index). */
  b: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  /** DynamoDB's ExclusiveStartKey. */
  k: z.record(z.string(), z.string()).optional(),
});
type Cursor = z.infer<typeof Cursor>;

/** The keys of an audit item, which a page's cursor starts after. */
const AuditKeys = z.object({ Bucket: z.string(), AuditID: z.string(), EntityRef: z.string() });

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const cursor = Cursor.safeParse(json);
  if (cursor.success) return { b: cursor.data.b, k: cursor.data.k };
  throw new InputError('cursor is not one this server gave out', [
    { field: 'query.cursor', message: 'is not a valid cursor' },
  ]);
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { Bucket: _b, EntityRef: _e, ...rest } = item;
  return AuditEntry.parse(rest);
}

/** The audit trail in DynamoDB: month buckets newest first, or the entity index for one record's history. */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  async get(auditId: string): Promise<AuditEntry | undefined> {
    const time = ulidTime(auditId);
    if (time === undefined) return undefined;
    const { Item } = await this.db.doc.send(
      new GetCommand({
        TableName: this.tables.audit,
        Key: { Bucket: new Date(time).toISOString().slice(0, 7), AuditID: auditId },
      }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  async list(q: AuditQuery): Promise<AuditPage> {
    const cursor = q.cursor ? decodeCursor(q.cursor) : {};
    const low = ulidBounds(q.since).low;
    const high = ulidBounds(q.until).high;
    const filters: string[] = [];
    const names: Record<string, string> = {};
    if (!(q.entityType !== undefined && q.entityKey !== undefined)) names['#bucket'] = 'Bucket';
    const values: Record<string, unknown> = { ':low': low, ':high': high };
    if (q.changeType) {
      filters.push('ChangeType = :ct');
      values[':ct'] = q.changeType;
    }
    if (q.changedBy) {
      // a filter, not a key: pages stay a Query over the month bucket (or the entity index)
      filters.push('#by = :by');
      names['#by'] = 'ChangedBy';
      values[':by'] = q.changedBy;
    }
    const byEntity = q.entityType !== undefined && q.entityKey !== undefined;
    if (!byEntity && q.entityType) {
      filters.push('#entity.#type = :type');
      names['#entity'] = 'Entity';
      names['#type'] = 'Type';
      values[':type'] = q.entityType;
    }
    if (!byEntity && q.entityKey) {
      filters.push('#entity.#key = :key');
      names['#entity'] = 'Entity';
      names['#key'] = 'Key';
      values[':key'] = q.entityKey;
    }
    const entries: AuditEntry[] = [];
    const lastBucket = new Date(q.since).toISOString().slice(0, 7);
    let bucket = byEntity ? undefined : (cursor.b ?? new Date(q.until).toISOString().slice(0, 7));
    let start: Record<string, unknown> | undefined = cursor.k;
    for (;;) {
      const input: QueryCommandInput = {
        TableName: this.tables.audit,
        ScanIndexForward: false,
        Limit: Math.min(q.limit * 2, 1000),
        ExclusiveStartKey: start,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
      };
      if (byEntity) {
        input.IndexName = 'ByEntity';
        input.KeyConditionExpression = 'EntityRef = :ref AND AuditID BETWEEN :low AND :high';
        input.ExpressionAttributeValues = { ...values, ':ref': `${q.entityType}#${q.entityKey}` };
      } else {
        input.KeyConditionExpression = '#bucket = :bucket AND AuditID BETWEEN :low AND :high';
        input.ExpressionAttributeValues = { ...values, ':bucket': bucket };
      }
      const res = await this.db.doc.send(new QueryCommand(input));
      for (const item of res.Items ?? []) {
        entries.push(toEntry(item));
        if (entries.length === q.limit) {
          const { Bucket, AuditID, EntityRef } = AuditKeys.parse(item);
          const k: Record<string, string> = byEntity ? { EntityRef, AuditID, Bucket } : { Bucket, AuditID };
          const more =
            res.LastEvaluatedKey !== undefined ||
            item !== res.Items![res.Items!.length - 1] ||
            bucket !== lastBucket;
          return { entries, next: more ? encodeCursor({ b: bucket, k }) : undefined };
        }
      }
      start = res.LastEvaluatedKey;
      if (start) continue;
      if (byEntity || bucket === undefined || bucket <= lastBucket) return { entries };
      bucket = previousMonth(bucket);
    }
  }
}
