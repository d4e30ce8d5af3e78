import { allows, allowsEverywhere, type Action, type ResourceScope } from '@shared/auth/permission';
import type { Principal } from '../auth/principal';
import { NotAllowedError } from '../errors/domain-errors';

/** What a change needs: the action on each scope it touches, or on every scope (`everywhere`). */
export type Requirement =
  | { readonly action: Action; readonly scopes: readonly ResourceScope[] }
  | { readonly action: Action; readonly everywhere: true };

function describe(scope: ResourceScope): string {
  const parts = [];
  if (scope.cluster) parts.push(`cluster ${scope.cluster}`);
  if (scope.environmentType) parts.push(`environment type ${scope.environmentType}`);
  return parts.join(' and ') || 'any scope';
}

/** Throws NotAllowedError unless the principal's current grants meet the requirement. */
export async function authorize(principal: Principal, req: Requirement): Promise<void> {
  const grants = await principal.grants();
  if ('everywhere' in req) {
    if (!allowsEverywhere(grants, req.action)) {
      throw new NotAllowedError(
        `${principal.username} needs the "${req.action}" permission for all clusters and environment types`,
      );
    }
    return;
  }
  const scopes = req.scopes.length ? req.scopes : [{}];
  for (const scope of scopes) {
    if (!allows(grants, req.action, scope)) {
      throw new NotAllowedError(
        `${principal.username} needs the "${req.action}" permission for ${describe(scope)}`,
      );
    }
  }
}

/** The actions an environment type's `ProtectedActions` can protect that are enforced by an admin grant. */
export type GuardedAction = 'operate-asgs' | 'toggle-slices' | 'lock-environments';

/** Whether an environment type's `ProtectedActions` names an action. */
export type Protects = (environmentType: string, action: GuardedAction) => Promise<boolean>;

/**
 * As `authorize` for one scope; where the scope's environment type protects the action, the principal
 * needs the `admin` permission for that scope as well (the permission alone is not enough there).
 */
export async function authorizeProtectable(
  principal: Principal,
  protects: Protects,
  action: GuardedAction,
  scope: ResourceScope,
): Promise<void> {
  await authorize(principal, { action, scopes: [scope] });
  if (scope.environmentType === undefined || !(await protects(scope.environmentType, action))) return;
  if (!allows(await principal.grants(), 'admin', scope)) {
    throw new NotAllowedError(
      `"${action}" is protected in ${scope.environmentType} environments (the type's ProtectedActions): ` +
        `${principal.username} needs the "admin" permission for ${describe(scope)}`,
    );
  }
}
