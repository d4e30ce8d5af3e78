import { subscribes, type NotificationEvent } from '@shared/notifications/notification-event';
import type { StoredWebhook } from '@shared/notifications/notification-settings';
import type { RecordStore } from '../catalogue/record-store';
import { secretsOf } from './webhook-secrets';

/** A webhook with the secret that signs for it. */
export interface SigningWebhook extends StoredWebhook {
  readonly settingsId: string;
  readonly secret: string;
}

/**
 * The webhooks an event goes to: those of the settings it names (a test) or its environment's
 * `NotificationSettingsId`, subscribed to its type and holding a secret.
 */
export async function webhooksFor(store: RecordStore, event: NotificationEvent): Promise<SigningWebhook[]> {
  let settingsId = event.SettingsId;
  if (!settingsId && event.Environment) {
    const env = await store.get('Environment', event.Environment);
    settingsId = env && !env.deleted ? env.value.Value.NotificationSettingsId : undefined;
  }
  if (!settingsId) return [];
  const record = await store.get('NotificationSettings', settingsId);
  if (!record || record.deleted) return [];
  const secrets = secretsOf(record);
  return (record.value.Value.Webhooks ?? []).flatMap((w) => {
    const secret = secrets[w.Url];
    return secret !== undefined && subscribes(w.Events, event.Type)
      ? [{ ...w, settingsId: settingsId!, secret }]
      : [];
  });
}
