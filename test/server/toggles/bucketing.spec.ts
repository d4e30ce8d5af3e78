import murmurhash from 'murmurhash';
import { bucketOf, isOn, type ToggleRule } from '../../../shared/toggles/evaluate-toggle';

/** A rule of `state` (and `percentage`), with the lists given. */
function aRule(
  options: Partial<Pick<ToggleRule, 'include' | 'exclude'>> & {
    name?: string;
    state?: ToggleRule['state'];
    percentage?: number;
  } = {},
): ToggleRule {
  return {
    name: options.name ?? 'new-checkout',
    state: options.state ?? (options.percentage === undefined ? 'on' : 'percentage'),
    ...(options.percentage !== undefined ? { percentage: options.percentage } : {}),
    include: options.include ?? { users: [], groups: [] },
    exclude: options.exclude ?? { users: [], groups: [] },
  };
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `user-${i}`);
/** The ids a rule is on for. */
const onFor = (rule: ToggleRule, users: readonly string[]) =>
  new Set(users.filter((userId) => isOn(rule, { userId })));
const never = () => {
  throw new Error('a user id is bucketed by its hash, never by chance');
};

/**
 * The documented bucketing (MurmurHash3 x86 32-bit, seed 0, of the UTF-8 of `name:key`, mod 10,000) and
 * what it promises: the same bucket in every process and language, a share close to the percentage,
 * sticky when the percentage moves, exclusions first, chance only without a user id.
 */
describe('toggle bucketing', () => {
  it('hashes as the published MurmurHash3_x86_32 vectors', () => {
    // published vectors (SMHasher's reference; Wikipedia's "The quick brown fox" one)
    expect(murmurhash.v3('', 0)).toBe(0);
    expect(murmurhash.v3('hello', 0)).toBe(0x248bfa47);
    expect(murmurhash.v3('Hello, world!', 1234)).toBe(0xfaf6cdb3);
    expect(murmurhash.v3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });

  it('buckets the UTF-8 bytes of name:key, as the C reference implementation does', () => {
    // computed with SMHasher's MurmurHash3_x86_32 in C over the UTF-8 bytes, seed 0
    const reference: [string, string, number, number][] = [
      ['new-checkout', 'user-42', 0x595ce766, 774],
      ['beta', 'user-1', 0xea44f27a, 7066],
      ['new-checkout', 'zoë', 0xcb17890c, 7260],
      ['dark-mode', '用户-7', 0xfe95a293, 9347],
      ['flag', '😀', 0x202917a7, 3943],
    ];
    for (const [name, key, hash, bucket] of reference) {
      expect(murmurhash.v3(`${name}:${key}`, 0))
        .withContext(key)
        .toBe(hash);
      expect(bucketOf(name, key)).withContext(key).toBe(bucket);
    }
    // the hash of the bytes, not of UTF-16 code units: a Uint8Array of the UTF-8 hashes the same
    expect(murmurhash.v3(new TextEncoder().encode('new-checkout:zoë'), 0)).toBe(0xcb17890c);
  });

  it('puts within 1 point of the percentage of 100,000 ids in it', () => {
    const users = ids(100_000);
    for (const percentage of [1, 10, 33.33, 50]) {
      const share = (onFor(aRule({ percentage }), users).size / users.length) * 100;
      expect(Math.abs(share - percentage))
        .withContext(`${percentage}%: ${share.toFixed(3)}%`)
        .toBeLessThan(1);
    }
  });

  it('keeps every id of the first 10% when raised to 20%, and drops only ids at or above 5% when lowered', () => {
    const users = ids(20_000);
    const at10 = onFor(aRule({ percentage: 10 }), users);
    const at20 = onFor(aRule({ percentage: 20 }), users);
    const at5 = onFor(aRule({ percentage: 5 }), users);
    expect(at10.size).toBeGreaterThan(0);
    for (const u of at10) expect(at20.has(u)).withContext(u).toBeTrue();
    expect(at20.size).toBeGreaterThan(at10.size);
    for (const u of at5) expect(at20.has(u)).withContext(u).toBeTrue();
    const removed = [...at20].filter((u) => !at5.has(u));
    expect(removed.length).toBeGreaterThan(0);
    for (const u of removed) expect(bucketOf('new-checkout', u)).withContext(u).toBeGreaterThanOrEqual(500);
    for (const u of at20) if (bucketOf('new-checkout', u) < 500) expect(at5.has(u)).withContext(u).toBeTrue();
  });

  it('gives each toggle its own buckets: the same share of users, not the same users', () => {
    const users = ids(10_000);
    const a = onFor(aRule({ name: 'a', percentage: 10 }), users);
    const b = onFor(aRule({ name: 'b', percentage: 10 }), users);
    const both = [...a].filter((u) => b.has(u)).length;
    // independent buckets: about 10% of 10% overlap, nowhere near all of them
    expect(both).toBeLessThan(a.size / 2);
  });

  it('lets exclusions win over inclusions and the state, by user id or by group', () => {
    const rule = aRule({
      state: 'on',
      include: { users: ['alice', 'bob'], groups: ['canary'] },
      exclude: { users: ['bob'], groups: ['banned'] },
    });
    expect(isOn(rule, { userId: 'alice' }, never)).toBeTrue();
    expect(isOn(rule, { userId: 'bob' }, never)).toBeFalse();
    expect(isOn(rule, { userId: 'alice', groups: ['banned'] }, never)).toBeFalse();
    expect(isOn(rule, { userId: 'carol', groups: ['canary', 'banned'] }, never)).toBeFalse();
    // included on a toggle that is off, or at 0%
    expect(isOn({ ...rule, state: 'off' }, { userId: 'alice' }, never)).toBeTrue();
    expect(
      isOn(
        aRule({ percentage: 0, include: { users: [], groups: ['canary'] } }),
        { groups: ['canary'] },
        never,
      ),
    ).toBeTrue();
    expect(isOn({ ...rule, state: 'off' }, { userId: 'carol' }, never)).toBeFalse();
  });

  it('draws from the injected random only without a user id', () => {
    const rule = aRule({ percentage: 25 });
    let draws = 0;
    const drawing = (value: number) => () => {
      draws += 1;
      return value;
    };
    // a bucket drawn below 2,500 is in, at or above is out
    expect(isOn(rule, {}, drawing(0.2499))).toBeTrue();
    expect(isOn(rule, {}, drawing(0.25))).toBeFalse();
    expect(isOn(rule, { groups: ['staff'] }, drawing(0))).toBeTrue();
    expect(draws).toBe(3);
    // with a user id the bucket is the hash's, whatever chance says
    for (const userId of ids(200))
      expect(isOn(rule, { userId }, never)).toBe(bucketOf(rule.name, userId) < 2500);
    // on and off need no bucket at all
    expect(isOn(aRule({ state: 'on' }), {}, never)).toBeTrue();
    expect(isOn(aRule({ state: 'off' }), {}, never)).toBeFalse();
  });
});
