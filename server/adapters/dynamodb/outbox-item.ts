import type { NotificationEvent } from '@shared/notifications/notification-event';
import type { TransactItem } from './audit-item';
import type { TableNames } from './tables';

/** The partition value of the sparse `Pending` index: an outbox item is in it until it is done. */
export const PENDING = 'pending';

/** The key of an event's outbox item. */
export function outboxKey(eventId: string): { PK: string; SK: string } {
  return { PK: `OUTBOX#${eventId}`, SK: 'EVENT' };
}

/**
 * The Put of an event's outbox item, to go in the same TransactWriteItems as the change that is the
 * event: the event is kept exactly when the change is, and the dispatcher delivers it from there (due at
 * once), however soon after the process that wrote it dies.
 */
export function outboxItem(
  tables: Pick<TableNames, 'notifications'>,
  event: NotificationEvent,
): TransactItem {
  return {
    Put: {
      TableName: tables.notifications,
      Item: {
        ...outboxKey(event.Id),
        Event: event,
        Pending: PENDING,
        DueAt: Date.parse(event.At),
        Targets: [],
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
