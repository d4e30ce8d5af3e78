import type { NotificationEvent } from '@shared/notifications/notification-event';
import type { WebhookFormat } from '@shared/notifications/notification-settings';

/** The body a webhook of this format gets for an event: the event as JSON, or Slack's `{text}`. */
export function webhookBody(event: NotificationEvent, format: WebhookFormat): string {
  if (format === 'json') return JSON.stringify(event);
  const where = event.Environment ? `[${event.Environment}] ` : '';
  return JSON.stringify({ text: `${where}${event.Summary}` });
}
