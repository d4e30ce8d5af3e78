import type { ChangeType } from '@shared/audit/audit-entry';
import type { Actor } from '../catalogue/record-store';

/**
 * A change made in AWS by hand, as its audit entry records it: a group's scheduled action (keyed by the
 * group's name, the action's name in its values) or an instance's maintenance (keyed by the instance id).
 */
export interface FleetOperationAuditEntry {
  readonly kind: 'ScheduledAction' | 'InstanceMaintenance';
  readonly key: string;
  readonly changeType: ChangeType;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

/** Where hand-made fleet changes are audited (the audit trail of every other change). */
export interface FleetOperationAudit {
  record(entry: FleetOperationAuditEntry, actor: Actor): Promise<void>;
}
