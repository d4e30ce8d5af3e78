import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { AsgReadiness } from '@shared/fleet/asg-readiness';
import { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { EnvironmentServers } from '@shared/fleet/environment-servers';
import { RunningService } from '@shared/fleet/running-service';
import { ServiceSlice } from '@shared/fleet/service-slice';
import { SliceName } from '@shared/fleet/slice-name';
import type { AuthorizedFleet } from '../authorization/authorized-fleet';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const AsgName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'must be an Auto Scaling group name');
const ByAsg = z.strictObject({ name: AsgName });
const ByEnvironment = z.strictObject({ name: Name });
const ByService = z.strictObject({ service: Name });
const InEnvironment = z.strictObject({ environment: Name });
const MaybeInEnvironment = z.strictObject({ environment: Name.optional() });
const SlicesQuery = InEnvironment.extend({
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('only the active (true) or inactive (false) slices'),
});
const ToggleQuery = InEnvironment.extend({
  active: SliceName.optional().describe('the slice to make active (default: the inactive one)'),
});

type AsgParams = z.infer<typeof ByAsg>;
type EnvQuery = z.infer<typeof InEnvironment>;
type MaybeEnvQuery = z.infer<typeof MaybeInEnvironment>;

/** The runtime views over what is deployed: ASGs, servers by role, running services and blue/green slices. */
export function fleetRoutes(fleet: AuthorizedFleet): Route[] {
  return [
    route<Record<string, never>, EnvQuery>({
      method: 'get',
      path: '/asgs',
      summary: "The ASGs of the environment's server roles",
      tags: ['ASG'],
      auth: 'signed-in',
      query: InEnvironment,
      responses: {
        200: { description: 'The ASGs', schema: z.array(AutoScalingGroup) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({ status: 200, body: await fleet.groups(query.environment) }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'get',
      path: '/asgs/{name}',
      summary: 'An ASG with its instances, tags, suspended processes and target groups',
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'The ASG', schema: AutoScalingGroup },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.group(params.name, query.environment),
      }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'get',
      path: '/asgs/{name}/ready',
      summary: 'Whether the ASG is ready to deploy to: all instances InService and Healthy, desired reached',
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'The ready state', schema: AsgReadiness },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.readiness(params.name, query.environment),
      }),
    }),
    route<AsgParams, MaybeEnvQuery, AsgSizeChange>({
      method: 'put',
      path: '/asgs/{name}/size',
      summary:
        "Resize an ASG (needs operate-asgs for its role's cluster; refused while deployments are locked)",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      body: AsgSizeChange,
      responses: {
        200: { description: 'The new size', schema: AsgSize },
        ...problemResponses(400, 401, 403, 404, 423),
      },
      handle: async ({ params, query, body, principal }) => ({
        status: 200,
        body: await fleet.resize(principal, params.name, body, query.environment),
      }),
    }),
    route<z.infer<typeof ByEnvironment>>({
      method: 'get',
      path: '/environments/{name}/servers',
      summary: 'The server roles of an environment as they run: ASGs, health, versions and slice weights',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      responses: {
        200: { description: 'One item per server role', schema: z.array(EnvironmentServers) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await fleet.servers(params.name) }),
    }),
    route<Record<string, never>, EnvQuery>({
      method: 'get',
      path: '/services',
      summary: 'The services running in an environment, with their versions, slices and roles',
      tags: ['Service'],
      auth: 'signed-in',
      query: InEnvironment,
      responses: {
        200: { description: 'The running services', schema: z.array(RunningService) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({ status: 200, body: await fleet.services(query.environment) }),
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
