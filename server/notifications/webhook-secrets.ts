import { z } from 'zod';
import type {
  NotificationSettings,
  NotificationSettingsValueInput,
  StoredNotificationSettings,
} from '@shared/notifications/notification-settings';
import type { StoredRecord } from '../catalogue/record-store';
import { InputError } from '../errors/domain-errors';

/** The record's secret: each webhook's signing secret by its URL (JSON), kept beside the value. */
const WebhookSecrets = z.record(z.string(), z.string());

/** The signing secrets of a stored record, by webhook URL (none when it has none or cannot be read). */
export function secretsOf(record: StoredRecord<'NotificationSettings'> | undefined): Record<string, string> {
  if (!record?.secret) return {};
  try {
    const parsed = WebhookSecrets.safeParse(JSON.parse(record.secret));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * The value to store and the secret to keep beside it for a value a user sent. A webhook without a
 * `Secret` keeps the one its URL had; a new one must bring one (an InputError naming the field under
 * `prefix`, `body.Value` for a create and `body` for an update).
 */
export function withSecretsApart(
  input: NotificationSettingsValueInput,
  kept: Record<string, string>,
  prefix: string,
): { value: StoredNotificationSettings['Value']; secret: string } {
  const secrets: Record<string, string> = {};
  const missing: { field: string; message: string }[] = [];
  const { Webhooks, ...rest } = input;
  const webhooks = (Webhooks ?? []).map((w, i) => {
    const secret = w.Secret ?? kept[w.Url];
    if (secret === undefined) {
      missing.push({ field: `${prefix}.Webhooks.${i}.Secret`, message: 'is required for a new webhook URL' });
    } else {
      secrets[w.Url] = secret;
    }
    return { Url: w.Url, Events: w.Events, Format: w.Format };
  });
  if (missing.length) throw new InputError('each new webhook needs a secret to sign its deliveries', missing);
  return { value: { ...rest, ...(Webhooks ? { Webhooks: webhooks } : {}) }, secret: JSON.stringify(secrets) };
}

/** A record as the API shows it: each webhook says whether it has a secret, never what it is. */
export function settingsView(record: StoredRecord<'NotificationSettings'>): NotificationSettings {
  const secrets = secretsOf(record);
  const { Webhooks, ...rest } = record.value.Value;
  return {
    NotificationSettingsId: record.value.NotificationSettingsId,
    Value: {
      ...rest,
      ...(Webhooks
        ? { Webhooks: Webhooks.map((w) => ({ ...w, HasSecret: secrets[w.Url] !== undefined })) }
        : {}),
    },
    Version: record.version,
  };
}
