import { Cron } from 'croner';
import { AwsError } from '../protocol/aws-error';

/** Whether `timeZone` is an IANA time zone name this runtime knows. */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A scheduled action's Recurrence: Unix cron's five fields (minute hour day-of-month month day-of-week),
 * in UTC unless a TimeZone (an IANA name) is given, as Auto Scaling reads them; a day matches either
 * restricted day field, as in cron. Evaluated by croner.
 */
export class Recurrence {
  private constructor(private readonly cron: Cron) {}

  /** Parses a Recurrence in a TimeZone, or throws AWS's ValidationError. */
  static parse(expression: string, timeZone?: string): Recurrence {
    if (timeZone !== undefined && !isTimeZone(timeZone))
      throw new AwsError('ValidationError', `Invalid time zone: ${timeZone}`);
    try {
      return new Recurrence(
        new Cron(expression.trim(), { mode: '5-part', paused: true, timezone: timeZone ?? 'Etc/UTC' }),
      );
    } catch {
      throw new AwsError('ValidationError', `Given recurrence string is not valid: ${expression}`);
    }
  }

  /** The first whole minute strictly after `afterMs` that matches, else undefined. */
  next(afterMs: number): number | undefined {
    return this.cron.nextRun(new Date(afterMs))?.getTime();
  }
}
