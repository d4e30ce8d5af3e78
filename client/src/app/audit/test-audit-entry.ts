import type { AuditEntry } from '@shared/audit/audit-entry';

/** Builds an audit entry for specs; pass only what the spec is about. */
export function testAuditEntry(
  options: {
    id?: string;
    type?: string;
    key?: string;
    version?: number;
    change?: AuditEntry['ChangeType'];
    by?: string;
    oldValue?: unknown;
    newValue?: unknown;
  } = {},
): AuditEntry {
  const change = options.change ?? 'Updated';
  return {
    AuditID: options.id ?? '01KB0000000000000000000001',
    Entity: {
      Type: options.type ?? 'Service',
      Key: options.key ?? 'checkout',
      Version: options.version ?? 2,
    },
    ChangeType: change,
    OldValue: change === 'Created' ? null : (options.oldValue ?? { Description: 'old' }),
    NewValue: change === 'Deleted' ? null : (options.newValue ?? { Description: 'new' }),
    ChangedBy: options.by ?? 'ada',
    TransactionID: 'req-0001',
    Source: 'api',
    Timestamp: Date.parse('2026-11-27T09:00:00.000Z'),
    ISOTimestamp: '2026-11-27T09:00:00.000Z',
  };
}
