import { z } from 'zod';
import { Name, Text } from '../catalogue/names';
import { EventPattern } from './notification-event';

const Texts = z.array(Text(500)).max(50);

/** How a webhook's body is written: the event as JSON, or Slack's incoming-webhook `{text}`. */
export const WebhookFormat = z.enum(['json', 'slack']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

/** A webhook's address: http or https, absolute. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'must be an http or https URL' })
  .max(2000, 'must be at most 2000 characters');

/** What every webhook holds apart from its secret, as stored. */
const WebhookFields = {
  Url: WebhookUrl,
  Events: z.array(EventPattern).min(1, 'must name at least one event ("*" for all)').max(30),
  Format: WebhookFormat.default('json'),
};

/**
 * A webhook as a create or update names it. `Secret` signs each delivery; it is never shown again, so
 * leave it out to keep the one a webhook of the same `Url` has. A `Url` sent back masked, as a read
 * without permission to edit shows it, keeps the stored URL it masks. `HasSecret` and `UrlMasked` (what
 * a read shows) are ignored, so that a record read can be sent back changed.
 */
export const WebhookInput = z.strictObject({
  ...WebhookFields,
  Secret: z
    .string()
    .min(16, 'must be at least 16 characters')
    .max(256, 'must be at most 256 characters')
    .optional()
    .describe('signs every delivery (HMAC-SHA256); write-only'),
  HasSecret: z.boolean().optional().describe('ignored: what a read shows'),
  UrlMasked: z.boolean().optional().describe('ignored: what a read shows'),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

/** A webhook as stored in the record's value (its secret is kept apart, never in the value). */
export const StoredWebhook = z.strictObject(WebhookFields);
export type StoredWebhook = z.infer<typeof StoredWebhook>;

/**
 * A webhook as a read shows it: whether a secret is set, never the secret; and its `Url` in full only to
 * those who may edit the settings. Others get it masked past the first path segment
 * (`https://hooks.slack.com/services/***`), since a URL such as Slack's carries its token in the path.
 */
export const WebhookView = StoredWebhook.extend({
  HasSecret: z.boolean(),
  UrlMasked: z
    .boolean()
    .default(false)
    .describe('the Url is shown masked: the caller may not edit the settings'),
}).meta({ id: 'WebhookView' });
export type WebhookView = z.infer<typeof WebhookView>;

/** The original's `NotificationSettingsValue` fields, kept as given. */
const OriginalFields = {
  NotificationEmail: Texts.optional(),
  ChatChannel: Texts.optional(),
  Paging: Texts.optional(),
  Ticketing: Text(500).optional(),
};

function uniqueUrls(webhooks: readonly { Url: string }[] | undefined, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  (webhooks ?? []).forEach((w, i) => {
    if (seen.has(w.Url)) {
      ctx.addIssue({ code: 'custom', path: ['Webhooks', i, 'Url'], message: 'is listed twice' });
    }
    seen.add(w.Url);
  });
}

/** A notification settings value as a create or update sends it: the original's, and webhooks. */
export const NotificationSettingsValueInput = z
  .strictObject({ ...OriginalFields, Webhooks: z.array(WebhookInput).max(20).optional() })
  .superRefine((v, ctx) => uniqueUrls(v.Webhooks, ctx))
  .meta({ id: 'NotificationSettingsValueInput' });
export type NotificationSettingsValueInput = z.infer<typeof NotificationSettingsValueInput>;

/** `POST /config/notification-settings`. */
export const NewNotificationSettings = z
  .strictObject({
    NotificationSettingsId: Name,
    Version: z.number().int().optional().describe('ignored on create'),
    Value: NotificationSettingsValueInput,
  })
  .meta({ id: 'NewNotificationSettings' });
export type NewNotificationSettings = z.infer<typeof NewNotificationSettings>;

/** A notification settings record as stored (secrets beside it, apart). */
export const StoredNotificationSettings = z.strictObject({
  NotificationSettingsId: Name,
  Value: z.strictObject({ ...OriginalFields, Webhooks: z.array(StoredWebhook).optional() }),
});
export type StoredNotificationSettings = z.infer<typeof StoredNotificationSettings>;

/** A notification settings record as the API shows it. */
export const NotificationSettings = z
  .strictObject({
    NotificationSettingsId: Name,
    Value: z.strictObject({ ...OriginalFields, Webhooks: z.array(WebhookView).optional() }),
    Version: z.number().int(),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;
