import {
  allows,
  allowsEverywhere,
  type Action,
  type Grant,
  type ResourceScope,
} from '@shared/auth/permission';

/** What a change needs, as the server's `authorize` asks it: the action everywhere, or on one scope. */
export type EditRequirement =
  | { readonly action: Action; readonly everywhere: true }
  | { readonly action: Action; readonly scope: ResourceScope };

/**
 * Why the user may not make the change, or null when they may: the same rule the server applies, worded
 * for a disabled button's tooltip.
 */
export function editBlocker(grants: readonly Grant[], requirement: EditRequirement): string | null {
  if ('everywhere' in requirement) {
    return allowsEverywhere(grants, requirement.action)
      ? null
      : `Needs the "${requirement.action}" permission for all teams and environment types.`;
  }
  if (allows(grants, requirement.action, requirement.scope)) {
    return null;
  }
  const { cluster, environmentType } = requirement.scope;
  const where = [cluster && `team ${cluster}`, environmentType && `environment type ${environmentType}`]
    .filter(Boolean)
    .join(' and ');
  return `Needs the "${requirement.action}" permission${where ? ` for ${where}` : ''}.`;
}
