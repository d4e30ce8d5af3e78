import { InvalidArgumentError } from 'commander';

/** What `em toggle set` is asked to make a toggle: on, off, or on for a share of users. */
export type StateArgument =
  { readonly state: 'on' | 'off' } | { readonly state: 'percentage'; readonly percentage: number };

/** The state argument of `em toggle set`: `on`, `off` or a percentage such as `25%` or `12.5%`. */
export function toggleState(value: string): StateArgument {
  if (value === 'on' || value === 'off') return { state: value };
  const share = /^(\d{1,3}(?:\.\d{1,2})?)%$/.exec(value);
  if (share && Number(share[1]) <= 100) return { state: 'percentage', percentage: Number(share[1]) };
  throw new InvalidArgumentError(
    'must be on, off or a percentage from 0% to 100% with at most two decimals, such as 25%',
  );
}

/** User ids or group names separated by commas; an empty value is an empty list (it clears one). */
export function targetList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
