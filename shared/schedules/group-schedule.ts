import { z } from 'zod';
import { ScheduleText } from './environment-schedule';

/** The tag that holds a group's own schedule, as the original kept it. */
export const SCHEDULE_TAG = 'Schedule';

/**
 * `PUT /asgs/{name}/scaling-schedule`, the original's body: the group's own schedule (empty or absent
 * removes it, so the environment's applies), and whether instances it launches carry it too.
 */
export const GroupScheduleUpdate = z
  .strictObject({
    schedule: z
      .union([z.literal(''), ScheduleText])
      .optional()
      .describe('NOSCHEDULE, 247, off, on, "Start: <cron>; Stop: <cron> | <zone>", or empty to remove'),
    propagateToInstances: z
      .boolean()
      .optional()
      .describe('tag the instances it launches with the schedule too (PropagateAtLaunch)'),
  })
  .meta({ id: 'GroupScheduleUpdate' });
export type GroupScheduleUpdate = z.infer<typeof GroupScheduleUpdate>;

/** A group's schedule: its own (the `Schedule` tag) or its environment's, whichever applies. */
export const GroupSchedule = z
  .strictObject({
    AutoScalingGroupName: z.string(),
    EnvironmentName: z.string(),
    schedule: z.string().nullable().describe("the group's own schedule (its Schedule tag), null without"),
    propagateToInstances: z.boolean(),
    Source: z.enum(['asg', 'environment']).describe('whose schedule applies: the most specific'),
    EffectiveSchedule: z.string().describe("the schedule that applies, in the original's words"),
    Status: z.enum(['ON', 'OFF', 'NOSCHEDULE']).describe('what that schedule wants now'),
  })
  .meta({ id: 'GroupSchedule' });
export type GroupSchedule = z.infer<typeof GroupSchedule>;
