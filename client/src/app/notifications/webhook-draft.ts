import {
  NotificationSettingsValueInput,
  type NotificationSettings,
  type WebhookFormat,
} from '@shared/notifications/notification-settings';

/** A webhook as its form row holds it: events as comma-separated words, the secret empty to keep it. */
export interface WebhookDraft {
  url: string;
  events: string;
  format: WebhookFormat;
  secret: string;
  hasSecret: boolean;
}

/** The settings as the form holds them: lists as comma-separated words. */
export interface SettingsDraft {
  id: string;
  emails: string;
  chatChannels: string;
  paging: string;
  ticketing: string;
  webhooks: WebhookDraft[];
}

const words = (text: string): string[] =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');

const listOrNothing = (text: string): string[] | undefined => {
  const list = words(text);
  return list.length > 0 ? list : undefined;
};

/** The form's draft of a record read (a new record: empty, with one webhook row for every event). */
export function draftOf(record: NotificationSettings | null): SettingsDraft {
  const v = record?.Value;
  return {
    id: record?.NotificationSettingsId ?? '',
    emails: (v?.NotificationEmail ?? []).join(', '),
    chatChannels: (v?.ChatChannel ?? []).join(', '),
    paging: (v?.Paging ?? []).join(', '),
    ticketing: v?.Ticketing ?? '',
    webhooks: (v?.Webhooks ?? []).map((w) => ({
      url: w.Url,
      events: w.Events.join(', '),
      format: w.Format,
      secret: '',
      hasSecret: w.HasSecret,
    })),
  };
}

/** A blank webhook row: every event, as JSON. */
export function blankWebhook(): WebhookDraft {
  return { url: '', events: '*', format: 'json', secret: '', hasSecret: false };
}

/**
 * The value to send for a draft, checked with the shared schema the server uses, or what is wrong with
 * it (each field as the server would name it under `body`). A webhook whose secret field is empty sends
 * no `Secret`, so the server keeps the one its URL has.
 */
export function valueOf(
  draft: SettingsDraft,
): { value: NotificationSettingsValueInput } | { problems: string[] } {
  const ticketing = draft.ticketing.trim();
  const parsed = NotificationSettingsValueInput.safeParse({
    NotificationEmail: listOrNothing(draft.emails),
    ChatChannel: listOrNothing(draft.chatChannels),
    Paging: listOrNothing(draft.paging),
    Ticketing: ticketing !== '' ? ticketing : undefined,
    Webhooks: draft.webhooks.map((w) => ({
      Url: w.url.trim(),
      Events: words(w.events),
      Format: w.format,
      ...(w.secret !== '' ? { Secret: w.secret } : {}),
    })),
  });
  if (parsed.success) {
    return { value: parsed.data };
  }
  return { problems: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
}
