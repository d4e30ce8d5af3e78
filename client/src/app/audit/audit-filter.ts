import type { ChangeType } from '@shared/audit/audit-entry';

/** What the audit trail is filtered by; times are ISO 8601. Absent means "any". */
export interface AuditFilter {
  readonly entityType?: string;
  readonly entityKey?: string;
  readonly changedBy?: string;
  readonly changeType?: ChangeType;
  readonly since: string;
  readonly until?: string;
}

/** The filter as `GET /api/v1/audit` names its query parameters. */
export function auditQueryParams(filter: AuditFilter): Record<string, string> {
  const params: Record<string, string | undefined> = {
    'Entity.Type': filter.entityType,
    'Entity.Key': filter.entityKey,
    ChangedBy: filter.changedBy,
    ChangeType: filter.changeType,
    since: filter.since,
    until: filter.until,
  };
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
