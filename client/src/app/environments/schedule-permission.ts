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

/** The ProtectedActions word with which an environment type refuses every schedule change (the original's). */
export const SCHEDULE_ENVIRONMENT = 'SCHEDULE_ENVIRONMENT';

/**
 * Why nobody may change schedules in a type's environments (it protects SCHEDULE_ENVIRONMENT: the server
 * refuses admins too), "checking" while the type is read (`protects` undefined), or null.
 */
export function scheduleProtectionBlocker(
  environmentType: string,
  protects: boolean | undefined,
): string | null {
  if (protects === undefined) return `Checking whether ${environmentType} protects schedule changes…`;
  return protects
    ? `${environmentType} protects its schedules (SCHEDULE_ENVIRONMENT): no one may change them in its environments.`
    : null;
}
