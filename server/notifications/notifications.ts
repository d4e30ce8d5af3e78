import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type { RecordStore } from '../catalogue/record-store';
import { NotFoundError } from '../errors/domain-errors';
import type { NotificationDispatcher } from './notification-dispatcher';
import type { NotificationOutbox } from './notification-outbox';

/** What the notification settings page does beside editing the settings: a test, and the delivery log. */
export class Notifications {
  constructor(
    private readonly store: RecordStore,
    private readonly dispatcher: NotificationDispatcher,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Sends a test event to every webhook of the settings, now, and answers what each said. */
  sendTest(settingsId: string, by: string): Promise<TestDeliveryResult> {
    return this.dispatcher.sendTest(settingsId, by);
  }

  /** The settings' delivery log, newest first (at most `limit` attempts). */
  async deliveries(settingsId: string, limit: number): Promise<DeliveryAttempt[]> {
    const record = await this.store.get('NotificationSettings', settingsId);
    if (!record || record.deleted)
      throw new NotFoundError(`NotificationSettings ${settingsId} does not exist`);
    return this.outbox.deliveries(settingsId, limit);
  }
}
