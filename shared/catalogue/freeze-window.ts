import { z } from 'zod';
import { Text } from './names';

/** A freeze window's name, as a 423 refusal and the audit name it. */
export const FreezeWindowName = Text(100)
  .trim()
  .min(1, 'must not be empty')
  .describe('names the window in refusals and audit entries, such as "Christmas freeze"');

const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/**
 * A one-off window: from `Start` to `End` (ISO 8601 with offset). `Name` is optional only because windows
 * stored before windows had names have none; they are named after their reason or their dates.
 */
export const OneOffFreezeWindow = z
  .strictObject({
    Name: FreezeWindowName.optional(),
    Start: dateTime,
    End: dateTime,
    Reason: Text(200).optional(),
  })
  // only once both are date-times: a bad Start is its own error, not also a bad End
  .refine((w) => !(Date.parse(w.Start) >= Date.parse(w.End)), {
    message: 'must end after it starts',
    path: ['End'],
  })
  .meta({ id: 'OneOffFreezeWindow' });
export type OneOffFreezeWindow = z.infer<typeof OneOffFreezeWindow>;

/** The days a weekly moment may name, as cron numbers them (Sun = 0). */
export const WEEK_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * A moment that comes back: `Fri 16:00` (every Friday) or `22:00` (every day), 24-hour local time in the
 * window's time zone.
 */
export const RecurringMoment = z
  .string()
  .regex(
    /^((Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?([01]\d|2[0-3]):[0-5]\d$/,
    'must be a day and a 24-hour time such as "Fri 16:00", or a time such as "22:00" for every day',
  );

/** Whether the name is an IANA time zone this runtime knows (Europe/London, UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A window that comes back every week (or day): from each `Start` to the next `End`, both read in
 * `TimeZone`, so "Fri 16:00 to Mon 08:00 Europe/London" follows the clocks across a DST change.
 */
export const RecurringFreezeWindow = z
  .strictObject({
    Name: FreezeWindowName,
    Recurring: z
      .strictObject({
        Start: RecurringMoment,
        End: RecurringMoment,
        TimeZone: z
          .string()
          .max(64)
          .refine(isTimeZone, 'must be an IANA time zone such as Europe/London or UTC'),
      })
      .refine((r) => r.Start !== r.End, { message: 'must differ from Start', path: ['End'] })
      .refine((r) => r.Start.includes(' ') === r.End.includes(' '), {
        message: 'must name a day when Start does, and not when it does not',
        path: ['End'],
      }),
    Reason: Text(200).optional(),
  })
  .meta({ id: 'RecurringFreezeWindow' });
export type RecurringFreezeWindow = z.infer<typeof RecurringFreezeWindow>;

/** A freeze window: one-off (`Start`/`End`) or recurring (`Recurring`). */
export type FreezeWindow = OneOffFreezeWindow | RecurringFreezeWindow;

/**
 * Parses a window as recurring when it has `Recurring` and as one-off otherwise. Choosing first keeps the
 * errors those of the shape meant (`FreezeWindows.0.Recurring.TimeZone must be an IANA time zone`) where a
 * union answers only "Invalid input".
 */
const parseWindow = z.transform((input: unknown, ctx): FreezeWindow => {
  const recurring = typeof input === 'object' && input !== null && Object.hasOwn(input, 'Recurring');
  const parsed = (recurring ? RecurringFreezeWindow : OneOffFreezeWindow).safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

/**
 * One freeze window. The union is what the OpenAPI shows; whatever it makes of a window is handed on
 * unchanged (`catch`) to `parseWindow`, which judges it and reports its issues.
 */
export const FreezeWindow = z
  .union([OneOffFreezeWindow, RecurringFreezeWindow])
  .transform((window): unknown => window)
  .catch((ctx: z.core.$ZodCatchCtx) => ctx.input)
  .pipe(parseWindow)
  .meta({ id: 'FreezeWindow' });

/** The freeze windows a record holds (an environment's or an environment type's). */
export const FreezeWindows = z
  .array(FreezeWindow)
  .max(50)
  .describe(
    'periods when deployments and image patches are refused (423) unless a holder of break-glass overrides them',
  );

/** Whether the window recurs. */
export function isRecurring(window: FreezeWindow): window is RecurringFreezeWindow {
  return 'Recurring' in window;
}

/** Whether the window is a one-off (`Start`/`End`). */
export function isOneOff(window: FreezeWindow): window is OneOffFreezeWindow {
  return !isRecurring(window);
}

/** The name a window is known by: its own, else (a window stored before names) its reason or its dates. */
export function freezeWindowName(window: FreezeWindow): string {
  if (window.Name) return window.Name;
  const oneOff = window as OneOffFreezeWindow;
  return oneOff.Reason ?? `${oneOff.Start} .. ${oneOff.End}`;
}

/** Where a window was set: on the environment or on its type. */
export const FreezeWindowScope = z.enum(['environment', 'environment-type']);
export type FreezeWindowScope = z.infer<typeof FreezeWindowScope>;

/** A window in force now, as refusals, plans and records name it. */
export const ActiveFreezeWindow = z
  .strictObject({
    Name: z.string(),
    Scope: FreezeWindowScope,
    /** The environment or environment type that holds it. */
    SetOn: z.string(),
    /** When this occurrence of it ends (ISO 8601, UTC). */
    EndsAt: z.string(),
    Reason: z.string().optional(),
  })
  .meta({ id: 'ActiveFreezeWindow' });
export type ActiveFreezeWindow = z.infer<typeof ActiveFreezeWindow>;
