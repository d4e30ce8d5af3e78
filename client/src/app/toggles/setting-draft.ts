import type { ToggleChange, ToggleEnvironment, ToggleStateName } from '@shared/toggles/feature-toggle';

/** The setting form's fields: the targets as typed (one per line, or separated by spaces or commas). */
export interface SettingDraft {
  readonly state: ToggleStateName;
  readonly percentage: number;
  readonly includeUsers: string;
  readonly includeGroups: string;
  readonly excludeUsers: string;
  readonly excludeGroups: string;
  readonly reason: string;
}

/** The form's controls by the field of `ToggleChange` they hold (`include.users`), for placing errors. */
const controlOfField: Readonly<Record<string, keyof SettingDraft>> = {
  state: 'state',
  percentage: 'percentage',
  reason: 'reason',
  'include.users': 'includeUsers',
  'include.groups': 'includeGroups',
  'exclude.users': 'excludeUsers',
  'exclude.groups': 'excludeGroups',
};

/**
 * The control that shows an error about a field of the body (`body.include.users.3` lands on
 * `includeUsers`, which holds the whole list), or undefined when no control holds it.
 */
export function settingControlOf(field: string): keyof SettingDraft | undefined {
  const path = field.replace(/^body\./, '').split('.');
  return controlOfField[path.slice(0, 2).join('.')] ?? controlOfField[path[0] ?? ''];
}

const listOf = (typed: string): string[] => typed.split(/[\s,]+/).filter((t) => t !== '');
const typedOf = (list: readonly string[]): string => list.join('\n');

/** The form's fields for a setting (none yet: off, nobody listed). */
export function draftOf(setting: ToggleEnvironment | null): SettingDraft {
  return {
    state: setting?.state ?? 'off',
    percentage: setting?.percentage ?? 0,
    includeUsers: typedOf(setting?.include.users ?? []),
    includeGroups: typedOf(setting?.include.groups ?? []),
    excludeUsers: typedOf(setting?.exclude.users ?? []),
    excludeGroups: typedOf(setting?.exclude.groups ?? []),
    reason: '',
  };
}

/** The change the form asks for: a percentage only with that state, rounded to the 0.01 steps the server keeps. */
export function changeOf(draft: SettingDraft): ToggleChange {
  return {
    state: draft.state,
    ...(draft.state === 'percentage' ? { percentage: Math.round(draft.percentage * 100) / 100 } : {}),
    include: { users: listOf(draft.includeUsers), groups: listOf(draft.includeGroups) },
    exclude: { users: listOf(draft.excludeUsers), groups: listOf(draft.excludeGroups) },
    reason: draft.reason.trim(),
  };
}
