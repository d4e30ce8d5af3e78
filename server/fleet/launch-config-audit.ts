import type { LaunchConfig } from '@shared/fleet/launch-config';
import type { Actor } from '../catalogue/record-store';

/** A change of what an ASG's new instances launch with, as its audit entry records it. */
export interface LaunchConfigAuditEntry {
  readonly group: string;
  /** The launch template version the change made (the entry's version). */
  readonly templateVersion: number;
  readonly oldValue: LaunchConfig;
  readonly newValue: LaunchConfig;
}

/** Where launch configuration changes are audited (the audit trail of every other change). */
export interface LaunchConfigAudit {
  record(entry: LaunchConfigAuditEntry, actor: Actor): Promise<void>;
}
