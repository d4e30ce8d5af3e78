import murmurhash from 'murmurhash';
import { BUCKETING } from './feature-toggle';

/** What a toggle is evaluated from: its setting in the environment (none set: off). */
export interface ToggleRule {
  readonly name: string;
  readonly state: 'off' | 'on' | 'percentage';
  readonly percentage?: number | undefined;
  readonly include: { readonly users: readonly string[]; readonly groups: readonly string[] };
  readonly exclude: { readonly users: readonly string[]; readonly groups: readonly string[] };
}

/** Who a toggle is evaluated for: a stickiness key (the user id) and the user's groups. */
export interface ToggleContext {
  readonly userId?: string | undefined;
  readonly groups?: readonly string[] | undefined;
}

/**
 * The bucket of a key for a toggle: MurmurHash3 x86 32-bit (seed 0) of the UTF-8 of `name:key`, modulo
 * 10,000. The same in every process and language, so a user stays in or out as long as the percentage
 * does not cross their bucket.
 */
export function bucketOf(name: string, key: string): number {
  return murmurhash.v3(`${name}:${key}`, BUCKETING.seed) % BUCKETING.buckets;
}

/**
 * Whether a toggle is on for someone: excluded (a user id or group listed) is off, whatever else is
 * said; included is on; then the state: on, off, or on for the users whose bucket is below the
 * percentage × 100. Without a user id a percentage draws a random bucket (`random` is asked for one).
 */
export function isOn(rule: ToggleRule, who: ToggleContext, random: () => number = Math.random): boolean {
  const groups = who.groups ?? [];
  const listed = (t: ToggleRule['include']) =>
    (who.userId !== undefined && t.users.includes(who.userId)) || groups.some((g) => t.groups.includes(g));
  if (listed(rule.exclude)) return false;
  if (listed(rule.include)) return true;
  if (rule.state !== 'percentage') return rule.state === 'on';
  const bucket =
    who.userId === undefined ? Math.floor(random() * BUCKETING.buckets) : bucketOf(rule.name, who.userId);
  return bucket < Math.round((rule.percentage ?? 0) * 100);
}
