import { z } from 'zod';
import { Text } from '../catalogue/names';
import { readSchedule, SCHEDULE_MAX_LENGTH } from './schedule';

/** A schedule in the original's words, checked when written: the message says what does not read. */
export const ScheduleText = Text(SCHEDULE_MAX_LENGTH).superRefine((text, ctx) => {
  const reading = readSchedule(text);
  if (!reading.ok) ctx.addIssue({ code: 'custom', message: reading.message });
});

/**
 * The original's `EnvironmentScheduleValue`: on by hand (`ManualScheduleUp`), or by `DefaultSchedule`
 * when `ScheduleAutomatically`; both false is off.
 */
export const EnvironmentScheduleValue = z
  .strictObject({
    ManualScheduleUp: z.boolean().optional().describe('on by hand (wins over ScheduleAutomatically)'),
    ScheduleAutomatically: z.boolean().optional().describe('follow DefaultSchedule'),
    DefaultSchedule: ScheduleText.optional().describe(
      'NOSCHEDULE, 247, off, on, or "Start: <cron>; Stop: <cron> | <IANA time zone>"',
    ),
  })
  .meta({ id: 'EnvironmentScheduleValue' });
export type EnvironmentScheduleValue = z.infer<typeof EnvironmentScheduleValue>;

/** `PUT /environments/{name}/schedule`: following the schedule needs one. */
export const EnvironmentScheduleUpdate = EnvironmentScheduleValue.superRefine((v, ctx) => {
  if (v.ScheduleAutomatically === true && v.ManualScheduleUp !== true && v.DefaultSchedule === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['DefaultSchedule'],
      message: 'is required when ScheduleAutomatically is true',
    });
  }
});

/** The original's `EnvironmentSchedule`: `GET /environments/{name}/schedule`. */
export const EnvironmentSchedule = z
  .strictObject({
    EnvironmentName: z.string(),
    Value: EnvironmentScheduleValue,
    Version: z.number().int().min(0).describe('version of the operations state (0 until first changed)'),
  })
  .meta({ id: 'EnvironmentSchedule' });
export type EnvironmentSchedule = z.infer<typeof EnvironmentSchedule>;

/** `GET /environments/{name}/schedule-status`: the original's `{Status}`. */
export const ScheduleStatus = z
  .strictObject({ Status: z.enum(['ON', 'OFF']) })
  .meta({ id: 'ScheduleStatus' });
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

/**
 * The schedule the environment's value means, in the original's words: off when neither on by hand nor
 * scheduled, always on when on by hand or not scheduled, else its `DefaultSchedule`.
 */
export function environmentScheduleText(v: EnvironmentScheduleValue): string {
  if (v.ManualScheduleUp === false && v.ScheduleAutomatically === false) return 'off';
  if (v.ManualScheduleUp === true || v.ScheduleAutomatically !== true) return '247';
  return v.DefaultSchedule ?? '247';
}
