import { z } from 'zod';

/** What an instance's schedule asks for now, in the original's words. */
export const ScheduleActionName = z.enum([
  'switchOn',
  'switchOff',
  'putInService',
  'putOutOfService',
  'skip',
]);
export type ScheduleActionName = z.infer<typeof ScheduleActionName>;

/** Where the schedule that applies came from: the instance's Schedule tag, its ASG's, or its environment's. */
export const ScheduleSource = z.enum(['instance', 'asg', 'environment']);
export type ScheduleSource = z.infer<typeof ScheduleSource>;

/**
 * One item of `GET /instances/schedule-actions`, as the original answered it: the action (with why it is
 * skipped, and whose schedule it follows) and the instance.
 */
export const InstanceScheduleAction = z
  .strictObject({
    action: z.strictObject({
      action: ScheduleActionName,
      reason: z.string().optional(),
      source: ScheduleSource.optional(),
    }),
    instance: z.strictObject({
      id: z.string(),
      name: z.string().optional(),
      role: z.string().optional(),
      environment: z.string().optional(),
      asg: z.string().optional(),
    }),
  })
  .meta({ id: 'InstanceScheduleAction' });
export type InstanceScheduleAction = z.infer<typeof InstanceScheduleAction>;
