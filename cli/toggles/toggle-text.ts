import type { ToggleEnvironment } from '../../shared/toggles/feature-toggle';

type Setting = Pick<ToggleEnvironment, 'state' | 'percentage' | 'include' | 'exclude'>;

/** A state in a word: `on`, `off` or the share, `25%`. */
export function stateText(s: Pick<Setting, 'state' | 'percentage'>): string {
  return s.state === 'percentage' ? `${s.percentage ?? 0}%` : s.state;
}

/** Who a setting lists, `+` always on and `-` always off: `+users alice,bob -groups banned`; `-` for none. */
export function targetingText(s: Pick<Setting, 'include' | 'exclude'>): string {
  const parts = [
    ['+users', s.include.users],
    ['+groups', s.include.groups],
    ['-users', s.exclude.users],
    ['-groups', s.exclude.groups],
  ] as const;
  const listed = parts
    .filter(([, names]) => names.length)
    .map(([what, names]) => `${what} ${names.join(',')}`);
  return listed.join(' ') || '-';
}

/** A setting in one phrase: `25% (+users alice)`. */
export function settingText(s: Setting): string {
  const targeting = targetingText(s);
  return targeting === '-' ? stateText(s) : `${stateText(s)} (${targeting})`;
}

/** The change waiting for approval in an environment, in a phrase; `-` when none waits. */
export function pendingText(e: Pick<ToggleEnvironment, 'pending'>): string {
  return e.pending ? `${settingText(e.pending)}, asked by ${e.pending.requestedBy}` : '-';
}
