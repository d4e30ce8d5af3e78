import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Actor } from '../../catalogue/record-store';
import type { GroupSizes } from '../../schedules/schedule-decision';
import { scheduleActionEvent } from '../../notifications/schedule-event';
import type { GroupScheduleChange, ScheduledGroup, ScheduleStore } from '../../schedules/schedule-store';
import { auditItem, type TransactItem } from './audit-item';
import { outboxItem } from './outbox-item';
import type { DynamoDb } from './document-client';
import { takeProcessLease } from './process-lease';
import type { TableNames } from './tables';

/** The scheduler's partition of the deployments table: its lease and the sizes it recorded. */
const PK = 'SCHEDULER';
const LEASE = 'LEASE';
const SIZE = 'SIZE#';

const SizeItem = z.object({
  SK: z.string(),
  MinSize: z.number().int().min(0),
  DesiredCapacity: z.number().int().min(0),
  MaxSize: z.number().int().min(0),
});

const sizesOf = (s: GroupSizes): GroupSizes => ({
  MinSize: s.MinSize,
  DesiredCapacity: s.DesiredCapacity,
  MaxSize: s.MaxSize,
});

/**
 * The scheduler's items in the deployments table (`SCHEDULER` / `LEASE`, `SCHEDULER` / `SIZE#<asg>`):
 * one partition, read with one Query a tick. Recording and forgetting sizes are conditional writes in the
 * same transaction as their audit entry (`ScheduledScaling#<asg>`), so an action is recorded exactly once.
 */
export class DynamoDbScheduleStore implements ScheduleStore {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  takeLease(owner: string, now: number, until: number): Promise<boolean> {
    return takeProcessLease(this.db, this.tables.deployments, { PK, SK: LEASE }, { owner, now, until });
  }

  async recordedSizes(): Promise<Map<string, GroupSizes>> {
    const out = new Map<string, GroupSizes>();
    let start: Record<string, unknown> | undefined;
    do {
      const reply = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.deployments,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :size)',
          ExpressionAttributeValues: { ':pk': PK, ':size': SIZE },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of reply.Items ?? []) {
        const item = SizeItem.parse(raw);
        out.set(item.SK.slice(SIZE.length), sizesOf(item));
      }
      start = reply.LastEvaluatedKey;
    } while (start);
    return out;
  }

  recordStop(scheduled: ScheduledGroup, sizes: GroupSizes, actor: Actor, now: number): Promise<boolean> {
    const group = scheduled.name;
    return this.conditional([
      ...this.notification(scheduled, 'off', sizes.DesiredCapacity, now),
      {
        Put: {
          TableName: this.tables.deployments,
          Item: { PK, SK: `${SIZE}${group}`, ...sizesOf(sizes), StoppedAt: now },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      auditItem(
        this.tables.audit,
        {
          kind: 'ScheduledScaling',
          key: group,
          version: 1,
          changeType: 'Created',
          oldValue: sizesOf(sizes),
          newValue: { MinSize: 0, DesiredCapacity: 0, MaxSize: sizes.MaxSize },
        },
        actor,
        now,
      ),
    ]);
  }

  recordStart(scheduled: ScheduledGroup, sizes: GroupSizes, actor: Actor, now: number): Promise<boolean> {
    const group = scheduled.name;
    return this.conditional([
      ...this.notification(scheduled, 'on', sizes.DesiredCapacity, now),
      {
        Delete: {
          TableName: this.tables.deployments,
          Key: { PK, SK: `${SIZE}${group}` },
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      auditItem(
        this.tables.audit,
        {
          kind: 'ScheduledScaling',
          key: group,
          version: 1,
          changeType: 'Deleted',
          oldValue: { MinSize: 0, DesiredCapacity: 0, MaxSize: sizes.MaxSize },
          newValue: sizesOf(sizes),
        },
        actor,
        now,
      ),
    ]);
  }

  /** The outbox item announcing the action (schedule.action), when the group's environment is known. */
  private notification(
    g: ScheduledGroup,
    action: 'on' | 'off',
    desired: number,
    now: number,
  ): TransactItem[] {
    if (!g.environment) return [];
    return [
      outboxItem(
        this.tables,
        scheduleActionEvent({ environment: g.environment, group: g.name, action, desired }, now),
      ),
    ];
  }

  async auditGroupSchedule(change: GroupScheduleChange, actor: Actor, now: number): Promise<void> {
    const changeType = !change.oldValue ? 'Created' : !change.newValue ? 'Deleted' : 'Updated';
    const item = auditItem(
      this.tables.audit,
      {
        kind: 'AsgSchedule',
        key: change.group,
        version: 1,
        changeType,
        oldValue: change.oldValue,
        newValue: change.newValue,
      },
      actor,
      now,
    );
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: [item] }));
  }

  private async conditional(
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  ): Promise<boolean> {
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (e) {
      if (e instanceof TransactionCanceledException) return false;
      throw e;
    }
  }
}
