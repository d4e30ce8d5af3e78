import { allows, type Grant } from '@shared/auth/permission';
import type { FeatureToggle, ToggleEnvironment } from '@shared/toggles/feature-toggle';

// Who may change a toggle, decided as the server's AuthorizedFeatureToggles does: each answer is the
// reason in words (for a disabled button's tooltip), or null when the user may.

const ACTION = 'manage-feature-toggles';

const archivedReason = 'The toggle is archived: it is off everywhere and can no longer be changed.';

/** Creating or archiving a toggle of a service: manage-feature-toggles for the service's team. */
export function manageBlocker(grants: readonly Grant[], owner: string): string | null {
  return allows(grants, ACTION, { cluster: owner })
    ? null
    : `Needs the "${ACTION}" permission for team ${owner}.`;
}

/** Archiving: as creating, and only a live toggle. */
export function archiveBlocker(grants: readonly Grant[], toggle: FeatureToggle): string | null {
  return toggle.archived ? 'The toggle is archived already.' : manageBlocker(grants, toggle.owner);
}

/** Changing (or killing) the toggle in an environment: the permission for the team and the environment's type. */
export function changeBlocker(
  grants: readonly Grant[],
  toggle: FeatureToggle,
  environmentType: string,
): string | null {
  if (toggle.archived) return archivedReason;
  return allows(grants, ACTION, { cluster: toggle.owner, environmentType })
    ? null
    : `Needs the "${ACTION}" permission for team ${toggle.owner} and environment type ${environmentType}.`;
}

/** Approving the change waiting in an environment: someone other than who asked, who may change it there. */
export function approveBlocker(
  grants: readonly Grant[],
  username: string | undefined,
  toggle: FeatureToggle,
  setting: ToggleEnvironment,
): string | null {
  if (!setting.pending) return 'No change waits for approval here.';
  if (setting.pending.requestedBy === username)
    return 'You asked for this change: it waits for approval by someone else.';
  return changeBlocker(grants, toggle, setting.environmentType);
}

/** The kill switch everywhere: the permission in every environment it is set in, checked before any changes. */
export function killEverywhereBlocker(grants: readonly Grant[], toggle: FeatureToggle): string | null {
  if (toggle.archived) return archivedReason;
  if (toggle.environments.length === 0) return 'It is set in no environment: it is off everywhere.';
  const refused = toggle.environments.find((e) => changeBlocker(grants, toggle, e.environmentType) !== null);
  return refused
    ? `Turning it off everywhere needs the "${ACTION}" permission for team ${toggle.owner} in every environment it is set in, ${refused.environment} (${refused.environmentType}) too.`
    : null;
}

/** Creating any toggle: the permission for some team (which team is decided by the service chosen). */
export function createBlocker(grants: readonly Grant[]): string | null {
  return grants.some((g) => g.Action === ACTION || g.Action === 'admin')
    ? null
    : `Needs the "${ACTION}" permission for the team of the service.`;
}
