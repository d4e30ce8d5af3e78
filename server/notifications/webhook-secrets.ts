import { z } from 'zod';
import type { InvalidField } from '@shared/api/problem';
import type {
  NotificationSettingsValueInput,
  StoredNotificationSettings,
} from '@shared/notifications/notification-settings';
import type { StoredRecord } from '../catalogue/record-store';
import { InputError } from '../errors/domain-errors';
import { isMaskedUrl, maskedUrl } from './webhook-url-mask';

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
 * The stored URL a webhook sent names: its own, or, for a URL sent back masked (as a read without
 * permission to edit shows it), the one stored URL it masks. A mask that masks none, or several, is
 * refused: the mask itself is never stored.
 */
function storedUrl(url: string, stored: readonly string[]): string | { message: string } {
  if (stored.includes(url)) return url;
  const masks = stored.filter((s) => maskedUrl(s) === url);
  if (masks.length === 1) return masks[0]!;
  if (masks.length > 1)
    return { message: `is masked, and masks ${masks.length} webhooks of these settings: send the full URL` };
  if (isMaskedUrl(url))
    return { message: 'is masked, and masks no webhook of these settings: send the full URL' };
  return url;
}

/**
 * The value to store and the secret to keep beside it for a value a user sent, given the record as it
 * is (none for a create). A webhook without a `Secret` keeps the one its URL had; a new one must bring
 * one; a masked `Url` stands for the stored URL it masks. Refusals are an InputError naming each field
 * under `prefix` (`body.Value` for a create, `body` for an update).
 */
export function withSecretsApart(
  input: NotificationSettingsValueInput,
  current: StoredRecord<'NotificationSettings'> | undefined,
  prefix: string,
): { value: StoredNotificationSettings['Value']; secret: string } {
  const kept = secretsOf(current);
  const stored = (current?.value.Value.Webhooks ?? []).map((w) => w.Url);
  const secrets: Record<string, string> = {};
  const refused: InvalidField[] = [];
  const seen = new Set<string>();
  const { Webhooks, ...rest } = input;
  const webhooks = (Webhooks ?? []).map((w, i) => {
    const field = `${prefix}.Webhooks.${i}`;
    const url = storedUrl(w.Url, stored);
    if (typeof url !== 'string') {
      refused.push({ field: `${field}.Url`, message: url.message });
      return { Url: w.Url, Events: w.Events, Format: w.Format };
    }
    // a masked URL and the full one it masks are the same webhook
    if (seen.has(url)) refused.push({ field: `${field}.Url`, message: 'is listed twice' });
    seen.add(url);
    const secret = w.Secret ?? kept[url];
    if (secret === undefined) {
      refused.push({ field: `${field}.Secret`, message: 'is required for a new webhook URL' });
    } else {
      secrets[url] = secret;
    }
    return { Url: url, Events: w.Events, Format: w.Format };
  });
  if (refused.length) {
    const masked = refused.some((r) => r.field.endsWith('.Url'));
    throw new InputError(
      masked
        ? 'a webhook URL cannot be stored as sent'
        : 'each new webhook needs a secret to sign its deliveries',
      refused,
    );
  }
  return { value: { ...rest, ...(Webhooks ? { Webhooks: webhooks } : {}) }, secret: JSON.stringify(secrets) };
}
