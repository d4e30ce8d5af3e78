import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { RunningService } from '@shared/fleet/running-service';
import {
  InstallationCheck,
  ServiceHealth,
  ServiceInEnvironment,
  ServiceStatusSummary,
} from '@shared/fleet/service-health';
import { ServiceSlice } from '@shared/fleet/service-slice';
import { SliceOrNone } from '@shared/fleet/slice-name';
import type { AuthorizedFleet } from '../authorization/authorized-fleet';
import { route, type Route } from '../http/route';
import { ListQuery } from './fleet';
import { InEnvironment, SlicesQuery, ToggleQuery } from './fleet-inputs';
import { problemResponses } from './problem-responses';

const ByService = z.strictObject({ service: Name });
const ByServiceSlice = z.strictObject({ service: Name, slice: SliceOrNone });
const ServiceAsgsQuery = InEnvironment.extend({
  slice: SliceOrNone.optional().describe(
    'only the ASGs of this slice (none: those of a role without slices)',
  ),
});

type EnvQuery = z.infer<typeof InEnvironment>;

/**
 * The services as they run: where (in an environment, an account or everywhere), one service's ASGs,
 * health and installation, and its blue/green slices with their toggle.
 */
export function runningServiceRoutes(fleet: AuthorizedFleet): Route[] {
  return [
    route<Record<string, never>, ListQuery>({
      method: 'get',
      path: '/services',
      summary:
        'The services running in an environment, an account or everywhere, with their versions, slices and roles',
      tags: ['Service'],
      auth: 'signed-in',
      query: ListQuery,
      responses: {
        200: { description: 'The running services', schema: z.array(RunningService) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await fleet.services(query.environment, query.account),
      }),
    }),
    route<z.infer<typeof ByService>, EnvQuery>({
      method: 'get',
      path: '/services/{service}',
      summary: 'Where a service runs in an environment: its roles, their ASGs and the versions running',
      tags: ['Service'],
      auth: 'signed-in',
      params: ByService,
      query: InEnvironment,
      responses: {
        200: { description: 'The service in the environment', schema: ServiceInEnvironment },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.service(query.environment, params.service),
      }),
    }),
    route<z.infer<typeof ByService>, z.infer<typeof ServiceAsgsQuery>>({
      method: 'get',
      path: '/services/{service}/asgs',
      summary: "The ASGs of the roles that host a service in an environment (one slice's, when given)",
      tags: ['Service'],
      auth: 'signed-in',
      params: ByService,
      query: ServiceAsgsQuery,
      responses: {
        200: { description: 'The ASGs', schema: z.array(AutoScalingGroup) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.serviceGroups(query.environment, params.service, query.slice),
      }),
    }),
    route<z.infer<typeof ByService>, EnvQuery>({
      method: 'get',
      path: '/services/{service}/health',
      summary: 'The health of a service in an environment over its slices',
      tags: ['Service'],
      auth: 'signed-in',
      params: ByService,
      query: InEnvironment,
      responses: {
        200: { description: 'The health', schema: ServiceHealth },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.serviceHealth(query.environment, params.service),
      }),
    }),
    route<z.infer<typeof ByServiceSlice>, EnvQuery>({
      method: 'get',
      path: '/services/{service}/health/{slice}',
      summary: 'The health of one slice of a service in an environment (blue, green or none)',
      tags: ['Service'],
      auth: 'signed-in',
      params: ByServiceSlice,
      query: InEnvironment,
      responses: {
        200: { description: "The slice's health summary", schema: z.array(ServiceStatusSummary) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.serviceSliceHealth(query.environment, params.service, params.slice),
      }),
    }),
    route<z.infer<typeof ByServiceSlice>, EnvQuery>({
      method: 'get',
      path: '/services/{service}/installationcheck/{slice}',
      summary: "Whether every instance of a service's slice runs the version its ASG launches with",
      tags: ['Service'],
      auth: 'signed-in',
      params: ByServiceSlice,
      query: InEnvironment,
      responses: {
        200: { description: 'The installation check', schema: InstallationCheck },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.installationCheck(query.environment, params.service, params.slice),
      }),
    }),
    route<z.infer<typeof ByService>, z.infer<typeof SlicesQuery>>({
      method: 'get',
      path: '/services/{service}/slices',
      summary: 'The blue and green slices of a service with their traffic weight, version and health',
      tags: ['Service'],
      auth: 'signed-in',
      params: ByService,
      query: SlicesQuery,
      responses: {
        200: {
          description: 'The slices (none for a role without a fleet per slice)',
          schema: z.array(ServiceSlice),
        },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.slices(query.environment, params.service, query.active),
      }),
    }),
    route<z.infer<typeof ByService>, z.infer<typeof ToggleQuery>>({
      method: 'put',
      path: '/services/{service}/slices/toggle',
      summary:
        'Send all traffic to the other slice (needs toggle-slices; refused while locked or unless the slice is healthy)',
      tags: ['Service'],
      auth: 'signed-in',
      params: ByService,
      query: ToggleQuery,
      responses: {
        200: { description: 'The slices after the toggle', schema: z.array(ServiceSlice) },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, principal }) => ({
        status: 200,
        body: await fleet.toggle(principal, query.environment, params.service, query.active),
      }),
    }),
  ];
}
