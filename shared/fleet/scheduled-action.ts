import { Cron } from 'croner';
import { z } from 'zod';

const Capacity = z.number().int().min(0, 'must be at least 0').max(1000, 'must be at most 1000');

/** A scheduled action's name: AWS allows up to 255 characters; here also nothing a path could be tricked with. */
export const ScheduledActionName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'must be 1-128 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

/** Whether the runtime knows the IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether croner reads the expression as Auto Scaling does: five cron fields. */
function isRecurrence(expression: string): boolean {
  try {
    new Cron(expression, { mode: '5-part', paused: true });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 8601 date-time with its offset (`2026-12-24T20:00:00Z`). */
const DateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/**
 * A group's scheduled scaling action as this portal shows it (`GET /asgs/{name}/scheduled-actions`):
 * Auto Scaling's `ScheduledUpdateGroupAction`, its times ISO 8601. A recurring action's `StartTime` is
 * its next run, as Auto Scaling answers it.
 */
export const ScheduledAction = z
  .strictObject({
    ScheduledActionName: z.string(),
    AutoScalingGroupName: z.string(),
    Recurrence: z.string().nullable().describe('Unix cron: minute hour day-of-month month day-of-week'),
    TimeZone: z.string().nullable().describe('the IANA time zone the recurrence is read in (UTC when null)'),
    StartTime: z.string().nullable().describe('when it runs (next), ISO 8601'),
    EndTime: z.string().nullable().describe('when a recurrence stops, ISO 8601'),
    MinSize: z.number().int().nullable(),
    MaxSize: z.number().int().nullable(),
    DesiredCapacity: z.number().int().nullable(),
  })
  .meta({ id: 'ScheduledAction' });
export type ScheduledAction = z.infer<typeof ScheduledAction>;

/**
 * A scheduled action to create or replace (`PUT /asgs/{name}/scheduled-actions/{actionName}`): a
 * `Recurrence` (cron, in `TimeZone`, UTC by default) or a one-off `StartTime`, and at least one size.
 * Sizes given together must agree (min <= desired <= max); a recurrence may start and end at given times.
 */
export const ScheduledActionPut = z
  .strictObject({
    Recurrence: z
      .string()
      .max(255)
      .refine(isRecurrence, 'must be a cron expression of five fields (minute hour day month weekday)')
      .optional(),
    TimeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone (Europe/London)').optional(),
    StartTime: DateTime.optional(),
    EndTime: DateTime.optional(),
    MinSize: Capacity.optional(),
    MaxSize: Capacity.optional(),
    DesiredCapacity: Capacity.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.MinSize === undefined && a.MaxSize === undefined && a.DesiredCapacity === undefined)
      issue('DesiredCapacity', 'must set at least one of MinSize, MaxSize and DesiredCapacity');
    if (a.Recurrence === undefined && a.StartTime === undefined)
      issue('Recurrence', 'must give a Recurrence or a StartTime');
    if (a.TimeZone !== undefined && a.Recurrence === undefined)
      issue('TimeZone', 'applies to a Recurrence only');
    if (a.EndTime !== undefined && a.Recurrence === undefined) issue('EndTime', 'ends a Recurrence only');
    if (a.MinSize !== undefined && a.MaxSize !== undefined && a.MinSize > a.MaxSize)
      issue('MinSize', 'must not be more than MaxSize');
    if (a.DesiredCapacity !== undefined && a.MinSize !== undefined && a.DesiredCapacity < a.MinSize)
      issue('DesiredCapacity', 'must not be less than MinSize');
    if (a.DesiredCapacity !== undefined && a.MaxSize !== undefined && a.DesiredCapacity > a.MaxSize)
      issue('DesiredCapacity', 'must not be more than MaxSize');
    if (a.StartTime && a.EndTime && Date.parse(a.EndTime) <= Date.parse(a.StartTime))
      issue('EndTime', 'must be after StartTime');
  })
  .meta({ id: 'ScheduledActionPut' });
export type ScheduledActionPut = z.infer<typeof ScheduledActionPut>;
