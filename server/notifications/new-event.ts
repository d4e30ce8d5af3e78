import type { NotificationEvent } from '@shared/notifications/notification-event';
import { ulid } from '../audit/ulid';

/** What an event's source says; the id and time are given here. */
export type EventFields = Omit<NotificationEvent, 'Id' | 'At'>;

/** A new event, with a fresh time-ordered id and its time (ms). */
export function newEvent(fields: EventFields, now: number = Date.now()): NotificationEvent {
  return { Id: ulid(now), At: new Date(now).toISOString(), ...fields };
}
