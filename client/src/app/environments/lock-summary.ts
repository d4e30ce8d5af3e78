import { formatDate } from '@angular/common';
import type { OpsEnvironment } from '@shared/environments/ops-state';

/**
 * Who locked deployments, when and why, in one line ("Locked by alice at 2026-01-05 09:00: Release
 * freeze"), or null while unlocked. A lock taken before the server recorded these says only what it knows.
 */
export function lockSummary(environment: OpsEnvironment, locale: string): string | null {
  const { DeploymentsLocked, LockedBy, LockedAt, LockReason } = environment.Value;
  if (!DeploymentsLocked) {
    return null;
  }
  const by = LockedBy ? ` by ${LockedBy}` : '';
  const at = LockedAt ? ` at ${formatDate(LockedAt, 'yyyy-MM-dd HH:mm', locale)}` : '';
  const why = LockReason ? `: ${LockReason}` : '';
  return `Locked${by}${at}${why}`;
}
