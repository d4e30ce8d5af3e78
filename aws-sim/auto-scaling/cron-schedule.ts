import { AwsError } from '../protocol/aws-error';

const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 7 },
] as const;

function parseField(text: string, range: { min: number; max: number }): Set<number> | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? range.min : Number(m[2]);
    const to = m[1] === '*' ? range.max : m[3] !== undefined ? Number(m[3]) : m[4] ? range.max : from;
    const step = m[4] ? Number(m[4]) : 1;
    if (from < range.min || to > range.max || from > to || step < 1) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** A parsed five-field cron expression (minute hour day-of-month month day-of-week), evaluated in UTC. */
export class CronSchedule {
  private constructor(private readonly fields: readonly Set<number>[]) {}

  /** Parses a Recurrence, or throws AWS's ValidationError. */
  static parse(expression: string): CronSchedule {
    const parts = expression.trim().split(/\s+/);
    const fields = parts.length === 5 ? parts.map((p, i) => parseField(p, FIELDS[i]!)) : [];
    if (fields.length !== 5 || fields.some((f) => !f))
      throw new AwsError('ValidationError', `Given recurrence string is not valid: ${expression}`);
    const dow = fields[4]!;
    if (dow.has(7)) dow.add(0); // Sunday is 0 or 7
    return new CronSchedule(fields as Set<number>[]);
  }

  /** The first whole minute strictly after `afterMs` that matches (within about a year), else undefined. */
  next(afterMs: number): number | undefined {
    const [minute, hour, dom, month, dow] = this.fields as [
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
      Set<number>,
    ];
    const domAny = dom.size === 31;
    const dowAny = dow.size >= 7;
    let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
    const limit = t + 366 * 24 * 3_600_000;
    while (t < limit) {
      const d = new Date(t);
      if (!month.has(d.getUTCMonth() + 1)) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        continue;
      }
      // as in cron: when both day fields are restricted, either may match
      const dayOk =
        domAny || dowAny
          ? dom.has(d.getUTCDate()) && dow.has(d.getUTCDay())
          : dom.has(d.getUTCDate()) || dow.has(d.getUTCDay());
      if (!dayOk) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
        continue;
      }
      if (!hour.has(d.getUTCHours())) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
        continue;
      }
      if (minute.has(d.getUTCMinutes())) return t;
      t += 60_000;
    }
    return undefined;
  }
}
