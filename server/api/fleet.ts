import { z } from 'zod';
import { AsgName } from '@shared/fleet/asg-name';
import { Name } from '@shared/catalogue/names';
import { AsgReadiness } from '@shared/fleet/asg-readiness';
import { AsgSize, AsgSizeChange } from '@shared/fleet/asg-size';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { AsgServersState } from '@shared/fleet/asg-servers-state';
import { AsgUpdate } from '@shared/fleet/asg-update';
import { EnvironmentServers } from '@shared/fleet/environment-servers';
import { AsgIp } from '@shared/fleet/service-health';
import type { AuthorizedFleet } from '../authorization/authorized-fleet';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const ByAsg = z.strictObject({ name: AsgName });
const ByEnvironment = z.strictObject({ name: Name });
const MaybeInEnvironment = z.strictObject({ environment: Name.optional() });
/** The original's filters of a list of ASGs or services: an environment's, an account's, or all. */
export const ListQuery = z.strictObject({
  environment: Name.optional().describe("only the ASGs of this environment's deployment map"),
  account: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('only those of the environments of this account (its AccountName or AccountNumber)'),
});
export type ListQuery = z.infer<typeof ListQuery>;
const ByAsgInEnvironment = z.strictObject({ name: Name, asgName: AsgName });
type AsgParams = z.infer<typeof ByAsg>;
type MaybeEnvQuery = z.infer<typeof MaybeInEnvironment>;

/** The runtime views over what is deployed: ASGs and the servers of an environment, and the changes to ASGs. */
export function fleetRoutes(fleet: AuthorizedFleet): Route[] {
  return [
    ...(['/asgs', '/asgs-ec2'] as const).map((path) =>
      route<Record<string, never>, ListQuery>({
        method: 'get',
        path,
        summary:
          path === '/asgs'
            ? "The ASGs: an environment's (those of its deployment map), an account's, or all of them"
            : 'The same list as /asgs (the original read it from its EC2 monitor)',
        tags: ['ASG'],
        auth: 'signed-in',
        query: ListQuery,
        responses: {
          200: { description: 'The ASGs', schema: z.array(AutoScalingGroup) },
          ...problemResponses(400, 401, 404),
        },
        handle: async ({ query }) => ({
          status: 200,
          body: await fleet.groups(query.environment, query.account),
        }),
      }),
    ),
    ...(['/asgs/{name}', '/asgs-ec2/{name}'] as const).map((path) =>
      route<AsgParams, MaybeEnvQuery>({
        method: 'get',
        path,
        summary:
          path === '/asgs/{name}'
            ? 'An ASG with its instances, tags, suspended processes and target groups'
            : 'The same ASG as /asgs/{name} (the original read it from its EC2 monitor)',
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
    ),
    route<AsgParams, MaybeEnvQuery, AsgUpdate>({
      method: 'put',
      path: '/asgs/{name}',
      summary:
        "Change an ASG's sizes, cooldown, health check and termination policies (needs operate-asgs; refused while deployments are locked)",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      body: AsgUpdate,
      responses: {
        200: { description: 'The ASG after the change', schema: AutoScalingGroup },
        ...problemResponses(400, 401, 403, 404, 423),
      },
      handle: async ({ params, query, body, principal }) => ({
        status: 200,
        body: await fleet.update(principal, params.name, body, query.environment),
      }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'delete',
      path: '/asgs/{name}',
      summary:
        'Delete an ASG and its instances (needs operate-asgs; refused while deployments are locked or one works on it)',
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: {
          description: 'Deleted (`{"Ok": true}`, as the original answered)',
          schema: z.strictObject({ Ok: z.literal(true) }),
        },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, principal }) => ({
        status: 200,
        body: await fleet.remove(principal, params.name, query.environment),
      }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'get',
      path: '/asgs/{name}/ips',
      summary: "The private IP addresses of an ASG's instances",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'One item per instance', schema: z.array(AsgIp) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.ips(params.name, query.environment),
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
      summary: "An environment's ASGs (the original's `Value`) and server roles as they run",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      responses: {
        200: { description: 'The ASGs and the server roles', schema: EnvironmentServers },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await fleet.servers(params.name) }),
    }),
    route<z.infer<typeof ByAsgInEnvironment>>({
      method: 'get',
      path: '/environments/{name}/servers/{asgName}',
      summary: 'One ASG of an environment: the services it should run against what each instance runs',
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByAsgInEnvironment,
      responses: {
        200: { description: "The ASG's servers", schema: AsgServersState },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({
        status: 200,
        body: await fleet.groupServers(params.name, params.asgName),
      }),
    }),
    route<z.infer<typeof ByEnvironment>>({
      method: 'get',
      path: '/environments/{name}/accountName',
      summary: "The AWS account name of an environment's type (as the original: bare text)",
      tags: ['Environments'],
      auth: 'signed-in',
      params: ByEnvironment,
      responses: {
        200: {
          description:
            'The account name: bare, as `text/plain`, or a JSON string to a client that accepts `application/json` and not `text/plain`',
          schema: z.string(),
          media: ['text/plain', 'application/json'],
        },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, http }) => {
        const name = await fleet.accountName(params.name);
        const headers = { Vary: 'Accept' };
        return http.req.accepts(['text/plain', 'application/json']) === 'application/json'
          ? { status: 200, body: name, headers }
          : { status: 200, text: name, headers };
      },
    }),
  ];
}
