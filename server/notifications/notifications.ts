import type { InvalidField } from '@shared/api/problem';
import type { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import type {
  NewNotificationSettings,
  NotificationSettings,
  NotificationSettingsValueInput,
  StoredNotificationSettings,
} from '@shared/notifications/notification-settings';
import type { Catalogue } from '../catalogue/catalogue';
import { notificationSettingsDefinition as def } from '../catalogue/definitions';
import type { Actor, Write } from '../catalogue/record-store';
import { InputError } from '../errors/domain-errors';
import type { NotificationDispatcher } from './notification-dispatcher';
import type { NotificationOutbox } from './notification-outbox';
import { deliveryView, settingsView, type UrlVisibility } from './settings-view';
import { refusalOfField, type WebhookAddressPolicy } from './webhook-address-policy';
import { withSecretsApart } from './webhook-secrets';

/** The writes with the webhooks' secrets on the record's own write (never in its value or audit). */
function withSecret(writes: readonly Write[], secret: string): Write[] {
  return writes.map((w) => (w.op === 'put' && w.kind === def.kind ? { ...w, secret } : w));
}

/**
 * The notification settings and what their page does beside editing them: a test, and the delivery log.
 * Webhook secrets are write-only; URLs are shown as the caller may see them (`urls`). It checks no
 * permission: routes reach it through `AuthorizedNotifications`.
 */
export class Notifications {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly dispatcher: NotificationDispatcher,
    private readonly outbox: NotificationOutbox,
    private readonly addresses: WebhookAddressPolicy,
  ) {}

  /** Every notification settings record. */
  async list(urls: UrlVisibility): Promise<NotificationSettings[]> {
    return (await this.catalogue.list(def)).map((r) => settingsView(r, urls));
  }

  /** One notification settings record (NotFoundError when there is none). */
  async get(id: string, urls: UrlVisibility): Promise<NotificationSettings> {
    return settingsView(await this.catalogue.get(def, id), urls);
  }

  /** Creates settings; each webhook brings its secret and a URL webhooks may be sent to. */
  async create(
    body: NewNotificationSettings,
    actor: Actor,
    urls: UrlVisibility,
  ): Promise<NotificationSettings> {
    const id = body.NotificationSettingsId;
    const { value, secret } = withSecretsApart(body.Value, undefined, 'body.Value');
    this.assertReachable(value, 'body.Value');
    const writes = await this.catalogue.planCreate(def, id, { NotificationSettingsId: id, Value: value });
    await this.catalogue.commit(withSecret(writes, secret), actor);
    return this.get(id, urls);
  }

  /**
   * Replaces the settings' value at the version the caller last saw. A webhook without a `Secret` keeps
   * its URL's; one whose `Url` comes back masked keeps the stored URL (and secret) it masks.
   */
  async update(
    id: string,
    input: NotificationSettingsValueInput,
    expectedVersion: number,
    actor: Actor,
    urls: UrlVisibility,
  ): Promise<NotificationSettings> {
    const current = await this.catalogue.get(def, id);
    const { value, secret } = withSecretsApart(input, current, 'body');
    this.assertReachable(value, 'body');
    const writes = await this.catalogue.planUpdate(def, current, expectedVersion, {
      ...current.value,
      Value: value,
    });
    await this.catalogue.commit(withSecret(writes, secret), actor);
    return this.get(id, urls);
  }

  /** Deletes the settings (refused while an environment names them); answers them as they were. */
  async remove(
    id: string,
    expectedVersion: number,
    actor: Actor,
    urls: UrlVisibility,
  ): Promise<NotificationSettings> {
    return settingsView(await this.catalogue.remove(def, actor, id, expectedVersion), urls);
  }

  /** Sends a test event to every webhook of the settings, now, and answers what each said. */
  sendTest(settingsId: string, by: string): Promise<TestDeliveryResult> {
    return this.dispatcher.sendTest(settingsId, by);
  }

  /** The settings' delivery log, newest first (at most `limit` attempts). */
  async deliveries(settingsId: string, limit: number, urls: UrlVisibility): Promise<DeliveryAttempt[]> {
    await this.catalogue.get(def, settingsId);
    return (await this.outbox.deliveries(settingsId, limit)).map((a) => deliveryView(a, urls));
  }

  /**
   * Refuses a webhook whose URL is an IP address webhooks may not reach (loopback, link-local, private...)
   * when it is written; a host name is checked when it is sent to, once resolved.
   */
  private assertReachable(value: StoredNotificationSettings['Value'], prefix: string): void {
    const refused: InvalidField[] = (value.Webhooks ?? []).flatMap((w, i) => {
      const refusal = this.addresses.literalRefusal(w.Url);
      return refusal ? [{ field: `${prefix}.Webhooks.${i}.Url`, message: refusalOfField(refusal) }] : [];
    });
    if (refused.length)
      throw new InputError('a webhook URL is an internal address webhooks may not reach', refused);
  }
}
