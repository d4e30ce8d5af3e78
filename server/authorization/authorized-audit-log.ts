import type { AuditEntry } from '@shared/audit/audit-entry';
import { allowsEverywhere } from '@shared/auth/permission';
import type { AuditLog, AuditPage, AuditQuery } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import { maskedUrl } from '../notifications/webhook-url-mask';

/** A stored notification settings value with webhooks, as far as masking reads it. */
interface WithWebhooks {
  readonly Value?: { readonly Webhooks?: readonly { readonly Url?: unknown }[] };
}

function masked(value: unknown): unknown {
  const v = value as WithWebhooks | null;
  const webhooks = v?.Value?.Webhooks;
  if (!Array.isArray(webhooks)) return value;
  return {
    ...v,
    Value: {
      ...v!.Value,
      Webhooks: webhooks.map((w) =>
        typeof w.Url === 'string' ? { ...w, Url: maskedUrl(w.Url), UrlMasked: true } : w,
      ),
    },
  };
}

/**
 * The audit trail as routes read it: any signed-in caller reads it, but a notification settings entry's
 * webhook URLs (a Slack URL carries its token) are masked for whoever may not edit the settings (`admin`
 * everywhere), as the settings themselves are.
 */
export class AuthorizedAuditLog {
  constructor(private readonly log: AuditLog) {}

  private async view(principal: Principal): Promise<(e: AuditEntry) => AuditEntry> {
    if (allowsEverywhere(await principal.grants(), 'admin')) return (e) => e;
    return (e) =>
      e.Entity.Type === 'NotificationSettings'
        ? { ...e, OldValue: masked(e.OldValue), NewValue: masked(e.NewValue) }
        : e;
  }

  async list(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    const [page, view] = await Promise.all([this.log.list(query), this.view(principal)]);
    return { ...page, entries: page.entries.map(view) };
  }

  async get(principal: Principal, auditId: string): Promise<AuditEntry | undefined> {
    const [entry, view] = await Promise.all([this.log.get(auditId), this.view(principal)]);
    return entry && view(entry);
  }
}
