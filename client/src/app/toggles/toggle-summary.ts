import type { ToggleEnvironment, ToggleStateName } from '@shared/toggles/feature-toggle';

/** The parts of a setting a summary reads (a waiting change has the same shape). */
type SettingShape = Pick<ToggleEnvironment, 'state' | 'percentage' | 'include' | 'exclude'>;

/** A setting in words: its state, who it is always on or off for, and any change waiting. */
export interface ToggleSummary {
  /** The state for everyone not listed: "off", "on" or "12.5%". */
  readonly state: string;
  /** Which state it is, for styling. */
  readonly stateName: ToggleStateName;
  /** Whether the environment has no setting of its own yet (so it is off). */
  readonly unset: boolean;
  /** The targeting in words: "2 users included", "1 group excluded". */
  readonly targeting: readonly string[];
  /** The change waiting for approval in words ("on, asked by bob"), or null. */
  readonly pending: string | null;
}

/** A share of users as shown: at most two decimals, no trailing zeros ("12.5%"). */
export function percentText(percentage: number): string {
  return `${Number(percentage.toFixed(2))}%`;
}

/** The state of a setting in one word or percentage. */
export function stateText(setting: Pick<SettingShape, 'state' | 'percentage'>): string {
  return setting.state === 'percentage' ? percentText(setting.percentage ?? 0) : setting.state;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Who a setting lists, in words; none listed: empty. */
export function targetingText(setting: Pick<SettingShape, 'include' | 'exclude'>): string[] {
  const words: string[] = [];
  const { include, exclude } = setting;
  if (include.users.length) words.push(`${count(include.users.length, 'user', 'users')} included`);
  if (include.groups.length) words.push(`${count(include.groups.length, 'group', 'groups')} included`);
  if (exclude.users.length) words.push(`${count(exclude.users.length, 'user', 'users')} excluded`);
  if (exclude.groups.length) words.push(`${count(exclude.groups.length, 'group', 'groups')} excluded`);
  return words;
}

/** A toggle's setting in an environment as shown; no setting there: off, as the server evaluates it. */
export function toggleSummary(setting: ToggleEnvironment | null | undefined): ToggleSummary {
  if (!setting) {
    return { state: 'off', stateName: 'off', unset: true, targeting: [], pending: null };
  }
  const pending = setting.pending;
  return {
    state: stateText(setting),
    stateName: setting.state,
    unset: false,
    targeting: targetingText(setting),
    pending: pending ? `${stateText(pending)}, asked by ${pending.requestedBy}` : null,
  };
}
