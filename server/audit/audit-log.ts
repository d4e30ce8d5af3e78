import type { AuditEntry, ChangeType } from '@shared/audit/audit-entry';

/** What `GET /audit` filters on. Times are ms since epoch. */
export interface AuditQuery {
  readonly since: number;
  readonly until: number;
  readonly entityType?: string;
  readonly entityKey?: string;
  readonly changeType?: ChangeType;
  /** The user who made the change. */
  readonly changedBy?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** A page of audit entries, newest first, and the cursor of the next page if there is one. */
export interface AuditPage {
  readonly entries: AuditEntry[];
  readonly next?: string;
}

/** Reads the audit trail (it is written by the RecordStore in the same transaction as each change). */
export interface AuditLog {
  list(query: AuditQuery): Promise<AuditPage>;
  get(auditId: string): Promise<AuditEntry | undefined>;
}
