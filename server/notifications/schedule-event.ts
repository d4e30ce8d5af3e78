import type { NotificationEvent } from '@shared/notifications/notification-event';
import { newEvent } from './new-event';

/** What a schedule did to a group: took it to zero (`off`) or back to its sizes (`on`). */
export interface ScheduleAction {
  readonly environment: string;
  readonly group: string;
  readonly action: 'on' | 'off';
  /** The sizes it went to (`on`) or came from (`off`). */
  readonly desired?: number;
}

/**
 * The event of a schedule's action on a group, for the transaction that records the action: pass it to
 * `outboxItem(tables, event)` (server/adapters/dynamodb/outbox-item.ts) beside the action's audit entry.
 */
export function scheduleActionEvent(a: ScheduleAction, now?: number): NotificationEvent {
  const size = a.desired !== undefined ? ` (desired ${a.desired})` : '';
  return newEvent(
    {
      Type: 'schedule.action',
      Environment: a.environment,
      Summary:
        a.action === 'off'
          ? `The schedule took ${a.group} in ${a.environment} to zero${size}`
          : `The schedule brought ${a.group} in ${a.environment} back${size}`,
      By: 'scheduler',
      Details: {
        Group: a.group,
        Action: a.action,
        ...(a.desired !== undefined ? { Desired: a.desired } : {}),
      },
    },
    now,
  );
}
