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

const utf8 = new TextEncoder();
/** The UTF-8 of `name:` by toggle name (at most NAMES_KEPT), and of the last key: encoded once each. */
const prefixes = new Map<string, Uint8Array>();
const NAMES_KEPT = 10_000;
let lastKey = '';
let lastKeyBytes = new Uint8Array(0);
/** Where `name:key` is put together for hashing (grown when a longer one comes). */
let scratch = new Uint8Array(256);
const NO_GROUPS: readonly string[] = [];

/**
 * The bucket of a key for a toggle: MurmurHash3 x86 32-bit (seed 0) of the UTF-8 of `name:key`, modulo
 * 10,000. The same in every process and language, so a user stays in or out as long as the percentage
 * does not cross their bucket.
 */
export function bucketOf(name: string, key: string): number {
  let prefix = prefixes.get(name);
  if (prefix === undefined) {
    if (prefixes.size >= NAMES_KEPT) prefixes.clear();
    prefix = utf8.encode(`${name}:`);
    prefixes.set(name, prefix);
  }
  // one user is evaluated against every toggle: their key is encoded once (':' ends the prefix, so the
  // two encodings joined are the encoding of the whole)
  if (key !== lastKey) {
    lastKeyBytes = utf8.encode(key);
    lastKey = key;
  }
  const length = prefix.length + lastKeyBytes.length;
  if (length > scratch.length) scratch = new Uint8Array(length * 2);
  scratch.set(prefix, 0);
  scratch.set(lastKeyBytes, prefix.length);
  return murmurhash.v3(scratch.subarray(0, length), BUCKETING.seed) % BUCKETING.buckets;
}

/** Whether a targeting list names the user id or one of the groups. */
function lists(list: ToggleRule['include'], userId: string | undefined, groups: readonly string[]): boolean {
  if (userId !== undefined && list.users.length > 0 && list.users.includes(userId)) return true;
  if (list.groups.length > 0) for (const g of groups) if (list.groups.includes(g)) return true;
  return false;
}

/**
 * Whether a toggle is on for someone: excluded (a user id or group listed) is off, whatever else is
 * said; included is on; then the state: on, off, or on for the users whose bucket is below the
 * percentage × 100. Without a user id a percentage draws a random bucket (`random` is asked for one).
 */
export function isOn(rule: ToggleRule, who: ToggleContext, random: () => number = Math.random): boolean {
  const userId = who.userId;
  const groups = who.groups ?? NO_GROUPS;
  if (lists(rule.exclude, userId, groups)) return false;
  if (lists(rule.include, userId, groups)) return true;
  if (rule.state !== 'percentage') return rule.state === 'on';
  const bucket =
    userId === undefined ? Math.floor(random() * BUCKETING.buckets) : bucketOf(rule.name, userId);
  return bucket < Math.round((rule.percentage ?? 0) * 100);
}
