import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { AsgName } from '@shared/fleet/asg-name';
import {
  EnvironmentSchedule,
  EnvironmentScheduleUpdate,
  ScheduleStatus,
} from '@shared/schedules/environment-schedule';
import { GroupSchedule, GroupScheduleUpdate } from '@shared/schedules/group-schedule';
import type { AuthorizedSchedules } from '../authorization/authorized-schedules';
import { route, type Route } from '../http/route';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

const ByAsg = z.strictObject({ name: AsgName });
const ByEnvironment = z.strictObject({ name: Name });
/** The original required `environment`; here an ASG's environment is also found by its tag. */
const MaybeInEnvironment = z.strictObject({ environment: Name.optional() });
const AtQuery = z.strictObject({
  at: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-03-29T07:00:00Z' })
    .optional()
    .describe('the moment (default: now)'),
});

/** The schedule routes: an environment's schedule and its status, and a group's own schedule. */
export function scheduleRoutes(schedules: AuthorizedSchedules): Route[] {
  return [
    route<{ name: string }>({
      method: 'get',
      path: '/environments/{name}/schedule',
      summary:
        "An environment's on/off schedule (the original's ManualScheduleUp, ScheduleAutomatically, DefaultSchedule)",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      responses: {
        200: { description: 'The schedule', schema: EnvironmentSchedule },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const schedule = await schedules.environmentSchedule(params.name);
        return { status: 200, body: schedule, headers: { ETag: etag(schedule.Version) } };
      },
    }),
    route<{ name: string }, Record<string, never>, z.infer<typeof EnvironmentScheduleUpdate>>({
      method: 'put',
      path: '/environments/{name}/schedule',
      summary:
        "Set an environment's on/off schedule (needs manage-schedules; refused where the type protects SCHEDULE_ENVIRONMENT; version of the operations state)",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      body: EnvironmentScheduleUpdate,
      versioned: true,
      responses: {
        200: { description: 'The schedule', schema: EnvironmentSchedule },
        ...problemResponses(400, 401, 403, 404, 409, 428),
      },
      handle: async ({ params, body, principal, actor, expectedVersion }) => {
        const schedule = await schedules.setEnvironmentSchedule(
          principal,
          actor,
          params.name,
          expectedVersion,
          body,
        );
        return { status: 200, body: schedule, headers: { ETag: etag(schedule.Version) } };
      },
    }),
    route<{ name: string }, z.infer<typeof AtQuery>>({
      method: 'get',
      path: '/environments/{name}/schedule-status',
      summary:
        "Whether the environment's schedule has it on or off at a moment (default: now), in the schedule's zone",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      query: AtQuery,
      responses: {
        200: { description: 'The status', schema: ScheduleStatus },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await schedules.environmentStatus(
          params.name,
          query.at === undefined ? undefined : new Date(query.at),
        ),
      }),
    }),
    route<{ name: string }, z.infer<typeof MaybeInEnvironment>>({
      method: 'get',
      path: '/asgs/{name}/scaling-schedule',
      summary: "An ASG's on/off schedule: its own (the Schedule tag) or its environment's",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: "The group's schedule", schema: GroupSchedule },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await schedules.groupSchedule(params.name, query.environment),
      }),
    }),
    route<{ name: string }, z.infer<typeof MaybeInEnvironment>, z.infer<typeof GroupScheduleUpdate>>({
      method: 'put',
      path: '/asgs/{name}/scaling-schedule',
      summary:
        "Set an ASG's own on/off schedule, or remove it with an empty one (needs manage-schedules for its role's cluster)",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      body: GroupScheduleUpdate,
      responses: {
        200: { description: "The group's schedule", schema: GroupSchedule },
        ...problemResponses(400, 401, 403, 404),
      },
      handle: async ({ params, query, body, principal, actor }) => ({
        status: 200,
        body: await schedules.setGroupSchedule(principal, actor, params.name, body, query.environment),
      }),
    }),
  ];
}
