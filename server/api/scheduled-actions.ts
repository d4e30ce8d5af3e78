import { z } from 'zod';
import { AsgName } from '@shared/fleet/asg-name';
import { Name } from '@shared/catalogue/names';
import { InstanceMaintenance, InstanceMaintenanceChange } from '@shared/fleet/instance-maintenance';
import { InstanceScheduleAction } from '@shared/fleet/instance-schedule-action';
import { ScheduledAction, ScheduledActionName, ScheduledActionPut } from '@shared/fleet/scheduled-action';
import type { AuthorizedScalingOperations } from '../authorization/authorized-scaling-operations';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const ByAsg = z.strictObject({ name: AsgName });
const ByAction = z.strictObject({ name: AsgName, actionName: ScheduledActionName });
/** As the other ASG routes: with an environment, only one of its groups; without, found by the group's tag. */
const MaybeInEnvironment = z.strictObject({ environment: Name.optional() });
const ByInstance = z.strictObject({
  id: z.string().regex(/^i-([0-9a-f]{8}|[0-9a-f]{17})$/, 'must be an EC2 instance id'),
});
type AsgParams = z.infer<typeof ByAsg>;
type ActionParams = z.infer<typeof ByAction>;
type MaybeEnvQuery = z.infer<typeof MaybeInEnvironment>;
type InstanceParams = z.infer<typeof ByInstance>;
const ScheduleActionsQuery = z.strictObject({
  account: z
    .string()
    .min(1)
    .max(64)
    .describe('the account (its AccountName or AccountNumber in /config/accounts)'),
  date: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be an ISO 8601 date-time (or a date: its midnight UTC)',
    })
    .optional()
    .describe('the moment the schedules are read at (default: now)'),
});
type ScheduleActionsQuery = z.infer<typeof ScheduleActionsQuery>;

const CHANGE_NEEDS =
  'needs operate-asgs for its role cluster and environment type; refused while deployments are locked (423) or a deployment or patch works on the group (409); audited';

/**
 * A group's scheduled scaling actions, instance maintenance (ASG Standby) at the original's path, and
 * what the instances' schedules ask for (registered before the instance routes: `schedule-actions` is not
 * an instance id).
 */
export function scalingOperationRoutes(ops: AuthorizedScalingOperations): Route[] {
  return [
    route<Record<string, never>, ScheduleActionsQuery>({
      method: 'get',
      path: '/instances/schedule-actions',
      summary:
        "What each instance's schedule asks for at a moment, in an account, as the original answered it: its own Schedule tag, else its ASG's, else its environment's",
      tags: ['Instance'],
      auth: 'signed-in',
      query: ScheduleActionsQuery,
      responses: {
        200: { description: 'One item per instance', schema: z.array(InstanceScheduleAction) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await ops.instanceScheduleActions(
          query.account,
          query.date === undefined ? new Date() : new Date(query.date),
        ),
      }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'get',
      path: '/asgs/{name}/scheduled-actions',
      summary: "An ASG's scheduled scaling actions (Auto Scaling's), by name",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'The scheduled actions', schema: z.array(ScheduledAction) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await ops.scheduledActions(params.name, query.environment),
      }),
    }),
    route<ActionParams, MaybeEnvQuery, ScheduledActionPut>({
      method: 'put',
      path: '/asgs/{name}/scheduled-actions/{actionName}',
      summary: `Create or replace a scheduled scaling action of an ASG: a cron Recurrence in a TimeZone, or a one-off StartTime, setting MinSize, MaxSize and DesiredCapacity (${CHANGE_NEEDS})`,
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAction,
      query: MaybeInEnvironment,
      body: ScheduledActionPut,
      responses: {
        200: { description: 'The scheduled action after the change', schema: ScheduledAction },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, body, principal, actor }) => ({
        status: 200,
        body: await ops.putScheduledAction(
          principal,
          actor,
          params.name,
          params.actionName,
          body,
          query.environment,
        ),
      }),
    }),
    route<ActionParams, MaybeEnvQuery>({
      method: 'delete',
      path: '/asgs/{name}/scheduled-actions/{actionName}',
      summary: `Delete a scheduled scaling action of an ASG (${CHANGE_NEEDS})`,
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAction,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'The scheduled action as it was', schema: ScheduledAction },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, principal, actor }) => ({
        status: 200,
        body: await ops.deleteScheduledAction(
          principal,
          actor,
          params.name,
          params.actionName,
          query.environment,
        ),
      }),
    }),
    route<InstanceParams, Record<string, never>, InstanceMaintenanceChange>({
      method: 'put',
      path: '/instances/{id}/maintenance',
      summary: `Put an instance into maintenance (its ASG's Standby: drained from its target groups first) or back into service (${CHANGE_NEEDS})`,
      tags: ['Instance'],
      auth: 'signed-in',
      params: ByInstance,
      body: InstanceMaintenanceChange,
      responses: {
        200: {
          description: "The original's {ok: true}, then where the instance is now",
          schema: InstanceMaintenance,
        },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, body, principal, actor }) => ({
        status: 200,
        body: await ops.setMaintenance(principal, actor, params.id, body.enable),
      }),
    }),
  ];
}
