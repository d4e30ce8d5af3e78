import { allowsEverywhere } from '@shared/auth/permission';
import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type {
  NewNotificationSettings,
  NotificationSettings,
  NotificationSettingsValueInput,
} from '@shared/notifications/notification-settings';
import type { Principal } from '../auth/principal';
import { notificationSettingsDefinition } from '../catalogue/definitions';
import type { Actor } from '../catalogue/record-store';
import type { Notifications } from '../notifications/notifications';
import type { UrlVisibility } from '../notifications/settings-view';
import { authorize, type Requirement } from './authorize';

/** What changing the settings needs (they are global): the definition's action everywhere. */
const editSettings: Requirement = { action: notificationSettingsDefinition.action, everywhere: true };

/**
 * Notifications as routes use them. A change or a test needs what changing the settings needs; a read
 * needs a sign-in, and shows webhook URLs in full only to those who may change the settings (others get
 * them masked: a URL such as Slack's is itself a credential).
 */
export class AuthorizedNotifications {
  constructor(private readonly notifications: Notifications) {}

  async list(principal: Principal): Promise<NotificationSettings[]> {
    return this.notifications.list(await this.urlsFor(principal));
  }

  async get(principal: Principal, id: string): Promise<NotificationSettings> {
    return this.notifications.get(id, await this.urlsFor(principal));
  }

  async create(
    principal: Principal,
    actor: Actor,
    body: NewNotificationSettings,
  ): Promise<NotificationSettings> {
    await authorize(principal, editSettings);
    return this.notifications.create(body, actor, 'full');
  }

  async update(
    principal: Principal,
    actor: Actor,
    id: string,
    expectedVersion: number,
    input: NotificationSettingsValueInput,
  ): Promise<NotificationSettings> {
    await authorize(principal, editSettings);
    return this.notifications.update(id, input, expectedVersion, actor, 'full');
  }

  async remove(
    principal: Principal,
    actor: Actor,
    id: string,
    expectedVersion: number,
  ): Promise<NotificationSettings> {
    await authorize(principal, editSettings);
    return this.notifications.remove(id, expectedVersion, actor, 'full');
  }

  async sendTest(principal: Principal, settingsId: string): Promise<TestDeliveryResult> {
    await authorize(principal, editSettings);
    return this.notifications.sendTest(settingsId, principal.username);
  }

  async deliveries(principal: Principal, settingsId: string, limit: number): Promise<DeliveryAttempt[]> {
    return this.notifications.deliveries(settingsId, limit, await this.urlsFor(principal));
  }

  /** Full URLs for whoever may change the settings, masked ones for everyone else. */
  private async urlsFor(principal: Principal): Promise<UrlVisibility> {
    return allowsEverywhere(await principal.grants(), editSettings.action) ? 'full' : 'masked';
  }
}
