import type { DeliveryAttempt } from '@shared/notifications/delivery';
import type { NotificationSettings } from '@shared/notifications/notification-settings';
import type { StoredRecord } from '../catalogue/record-store';
import { secretsOf } from './webhook-secrets';
import { maskedUrl } from './webhook-url-mask';

/**
 * How a reader sees webhook URLs: in `full` when they may edit the settings, else `masked` (a URL such as
 * Slack's carries its token in the path). The authorization layer decides which.
 */
export type UrlVisibility = 'full' | 'masked';

/** A webhook URL as the reader sees it, and whether it is masked. */
function shown(url: string, urls: UrlVisibility): { Url: string; UrlMasked: boolean } {
  return urls === 'full' ? { Url: url, UrlMasked: false } : { Url: maskedUrl(url), UrlMasked: true };
}

/** A record as the API shows it: each webhook says whether it has a secret, never what it is. */
export function settingsView(
  record: StoredRecord<'NotificationSettings'>,
  urls: UrlVisibility,
): NotificationSettings {
  const secrets = secretsOf(record);
  const { Webhooks, ...rest } = record.value.Value;
  return {
    NotificationSettingsId: record.value.NotificationSettingsId,
    Value: {
      ...rest,
      ...(Webhooks
        ? {
            Webhooks: Webhooks.map((w) => ({
              ...w,
              ...shown(w.Url, urls),
              HasSecret: secrets[w.Url] !== undefined,
            })),
          }
        : {}),
    },
    Version: record.version,
  };
}

/** A delivery attempt as the API shows it, its URL as the reader may see it. */
export function deliveryView(attempt: DeliveryAttempt, urls: UrlVisibility): DeliveryAttempt {
  return { ...attempt, ...shown(attempt.Url, urls) };
}
