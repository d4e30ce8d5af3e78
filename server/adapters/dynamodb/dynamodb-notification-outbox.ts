import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DeliveryAttempt } from '@shared/notifications/delivery';
import { NotificationEvent } from '@shared/notifications/notification-event';
import { ulid } from '../../audit/ulid';
import type { NotificationOutbox, OutboxEntry, TargetState } from '../../notifications/notification-outbox';
import type { DynamoDb } from './document-client';
import { takeProcessLease } from './process-lease';
import { PENDING, outboxKey } from './outbox-item';
import type { TableNames } from './tables';

/** How long the delivery log keeps an attempt. */
const LOG_DAYS = 30;
const LEASE_KEY = { PK: 'LEASE', SK: 'DISPATCHER' };
const deliveriesKey = (settingsId: string) => `DELIVERIES#${settingsId}`;

const Target = z.object({
  SettingsId: z.string(),
  Url: z.string(),
  Attempts: z.number().int(),
  Done: z.boolean(),
  NextAt: z.number().optional(),
});

/** An outbox item as stored: parsed on read. `Version` is absent until the dispatcher first saves it. */
const OutboxItem = z.object({
  Event: NotificationEvent,
  Targets: z.array(Target),
  Resolved: z.boolean().optional(),
  Version: z.number().int().optional(),
});

const toTarget = (t: z.infer<typeof Target>): TargetState => ({
  settingsId: t.SettingsId,
  url: t.Url,
  attempts: t.Attempts,
  done: t.Done,
  ...(t.NextAt !== undefined ? { nextAt: t.NextAt } : {}),
});

const fromTarget = (t: TargetState): z.infer<typeof Target> => ({
  SettingsId: t.settingsId,
  Url: t.url,
  Attempts: t.attempts,
  Done: t.done,
  ...(t.nextAt !== undefined ? { NextAt: t.nextAt } : {}),
});

/** The Notifications table as the dispatcher's outbox, delivery log and lease. */
export class DynamoDbNotificationOutbox implements NotificationOutbox {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  async due(now: number, limit: number): Promise<string[]> {
    const res = await this.db.doc.send(
      new QueryCommand({
        TableName: this.tables.notifications,
        IndexName: 'Pending',
        KeyConditionExpression: 'Pending = :p AND DueAt <= :now',
        ExpressionAttributeValues: { ':p': PENDING, ':now': now },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((item) => String(item['PK']).slice('OUTBOX#'.length));
  }

  async get(eventId: string): Promise<OutboxEntry | undefined> {
    const { Item } = await this.db.doc.send(
      new GetCommand({ TableName: this.tables.notifications, Key: outboxKey(eventId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const item = OutboxItem.parse(Item);
    return {
      event: item.Event,
      targets: item.Targets.map(toTarget),
      resolved: item.Resolved === true,
      version: item.Version ?? 0,
    };
  }

  async update(
    entry: OutboxEntry,
    targets: readonly TargetState[],
    nextDueAt: number | undefined,
  ): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':targets': targets.map(fromTarget),
      ':true': true,
      ':next': entry.version + 1,
    };
    let update = 'SET Targets = :targets, Resolved = :true, Version = :next';
    if (nextDueAt === undefined) {
      // done: out of the due index, and gone (TTL) when the delivery log of its attempts is
      update += ', DoneAt = :at, ExpiresAt = :expires REMOVE Pending, DueAt';
      values[':at'] = new Date().toISOString();
      values[':expires'] = Math.floor(Date.now() / 1000) + LOG_DAYS * 24 * 3600;
    } else {
      update += ', DueAt = :due';
      values[':due'] = nextDueAt;
    }
    let condition = 'attribute_not_exists(Version)';
    if (entry.version > 0) {
      condition = 'Version = :expected';
      values[':expected'] = entry.version;
    }
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.tables.notifications,
          Key: outboxKey(entry.event.Id),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  async record(settingsId: string, attempt: DeliveryAttempt): Promise<void> {
    const at = Date.parse(attempt.At);
    await this.db.doc.send(
      new PutCommand({
        TableName: this.tables.notifications,
        Item: {
          PK: deliveriesKey(settingsId),
          SK: ulid(at),
          Attempt: attempt,
          ExpiresAt: Math.floor(at / 1000) + LOG_DAYS * 24 * 3600,
        },
      }),
    );
  }

  async deliveries(settingsId: string, limit: number): Promise<DeliveryAttempt[]> {
    const res = await this.db.doc.send(
      new QueryCommand({
        TableName: this.tables.notifications,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': deliveriesKey(settingsId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((item) => DeliveryAttempt.parse(item['Attempt']));
  }

  lease(owner: string, until: number, now: number): Promise<boolean> {
    return takeProcessLease(this.db, this.tables.notifications, LEASE_KEY, { owner, now, until });
  }
}
