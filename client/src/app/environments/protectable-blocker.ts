import { allows, type Grant } from '@shared/auth/permission';
import type { ProtectedAction } from '@shared/catalogue/environment-type';

/** The actions an environment type's `ProtectedActions` can protect that then need an admin grant too. */
export type GuardedAction = Extract<ProtectedAction, 'operate-asgs' | 'toggle-slices' | 'lock-environments'>;

/** The cluster and environment type a change touches, as the server scopes it. */
export interface OperationScope {
  readonly cluster: string;
  readonly environmentType: string;
}

/** A change the user may be offered: its action, where it applies, and how to say it is not theirs. */
export interface OperationRequest {
  readonly action: GuardedAction;
  readonly scope: OperationScope;
  /** What the change is, to say which permission it needs: "Locking and maintenance need". */
  readonly needs: string;
}

/** Whether the type's `ProtectedActions` names the action; undefined while that is not known yet. */
export type ProtectsLookup = (environmentType: string, action: GuardedAction) => boolean | undefined;

/**
 * Why the grants do not allow the change, or null when they do, decided as the server's
 * `authorizeProtectable`: the permission for the scope, and where the type protects the action `admin`
 * for the scope as well. The type is looked up only when that could change the answer.
 */
export function protectableBlocker(
  grants: readonly Grant[],
  request: OperationRequest,
  protects: ProtectsLookup,
): string | null {
  const { action, scope } = request;
  const { cluster, environmentType } = scope;
  if (!allows(grants, action, scope)) {
    return `${request.needs} ${action} on ${environmentType} environments of ${cluster}.`;
  }
  if (allows(grants, 'admin', scope)) return null;
  switch (protects(environmentType, action)) {
    case undefined:
      return `Checking whether ${environmentType} protects ${action}…`;
    case true:
      return `${environmentType} protects ${action}: an admin of ${cluster} and ${environmentType} may do this.`;
    case false:
      return null;
  }
}
