import { allows, type Grant, type ResourceScope } from '@shared/auth/permission';

/**
 * Why the user may not change a schedule in this scope (the server's rule: `manage-schedules` for the
 * cluster and environment type), or null when they may.
 */
export function scheduleBlocker(grants: readonly Grant[], scope: ResourceScope): string | null {
  if (allows(grants, 'manage-schedules', scope)) return null;
  const type = scope.environmentType ?? 'these';
  const cluster = scope.cluster ?? 'this cluster';
  return `Changing schedules needs manage-schedules on ${type} environments of ${cluster}.`;
}
