import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type { Principal } from '../auth/principal';
import { notificationSettingsDefinition } from '../catalogue/definitions';
import type { Notifications } from '../notifications/notifications';
import { authorize } from './authorize';

/** Notifications as routes use them: a test needs what changing the settings needs; the log, a sign-in. */
export class AuthorizedNotifications {
  constructor(private readonly notifications: Notifications) {}

  async sendTest(principal: Principal, settingsId: string): Promise<TestDeliveryResult> {
    await authorize(principal, { action: notificationSettingsDefinition.action, everywhere: true });
    return this.notifications.sendTest(settingsId, principal.username);
  }

  deliveries(settingsId: string, limit: number): Promise<DeliveryAttempt[]> {
    return this.notifications.deliveries(settingsId, limit);
  }
}
