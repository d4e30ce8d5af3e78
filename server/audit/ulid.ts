import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 26 Crockford base-32 characters that sort by creation time (ms), then randomly. */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += alphabet[bytes[i]! % 32];
  return time + rand;
}

/** The creation time (ms since epoch) of a ULID, or undefined when the text is not one. */
export function ulidTime(id: string): number | undefined {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return undefined;
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + alphabet.indexOf(ch);
  return t;
}

/** The smallest and largest ULIDs of a millisecond, for range queries by time. */
export function ulidBounds(ms: number): { low: string; high: string } {
  const time = ulid(ms).slice(0, 10);
  return { low: time + '0'.repeat(16), high: time + 'Z'.repeat(16) };
}
