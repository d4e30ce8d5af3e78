import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { LBSetting } from '../fleet/v1-lb-setting';
import { LoadBalancerUpstream } from '../fleet/v1-load-balancer-upstream';
import type { EnvironmentFilter, V1MappedFleet } from '../fleet/v1-mapped-fleet';
import { UpstreamConfig } from '../fleet/v1-upstream-config';
import { UpstreamSlice } from '../fleet/v1-upstream-slice';
import { route, type Route } from '../http/route';
import { goneRoute } from './v1-unavailable-route';
import {
  LBSettingBody,
  LBSettingValueBody,
  UpstreamConfigBody,
  UpstreamConfigValueBody,
} from './v1-original-bodies';
import { Flag, SlicesQuery, ToggleQuery } from './fleet-inputs';
import { problemResponses } from './problem-responses';

/** An upstream's name (`{environment}-{service}`) or key (`/{environment}_{name}/config`, its `/` sent as `%2F`). */
const UpstreamRef = z
  .string()
  .max(255)
  .regex(
    /^(\/[A-Za-z0-9][A-Za-z0-9.-]*_[A-Za-z0-9][A-Za-z0-9._-]*\/config|[A-Za-z0-9][A-Za-z0-9._-]*)$/,
    'must be an upstream name or key',
  );
/** A load balancer's name, or a host name (a DNS name, a virtual host). */
const HostName = z
  .string()
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be a load balancer or host name');
const ByUpstream = z.strictObject({ name: UpstreamRef });
const ByVHost = z.strictObject({ environment: Name, vHostName: HostName });
const ValueList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean));
const ListQuery = {
  qa: z
    .enum(['environment', 'load-balancer-group'])
    .optional()
    .describe('what qv lists: environments, or load balancer groups (environment types)'),
  qv: ValueList.optional().describe(
    'the environments or environment types to list (repeat or comma-separate)',
  ),
  environment: Name.optional().describe('only this environment'),
};
const UpstreamsQuery = z.strictObject({
  ...ListQuery,
  account: z.string().optional().describe("accepted as the original's clients send it; one account here"),
});
const LbSettingsQuery = z.strictObject({
  ...ListQuery,
  frontend: Flag('only internet-facing (true) or internal (false) load balancers'),
});
const AccountQuery = z.strictObject({ account: z.string().optional() });

function filterOf(q: {
  qa?: 'environment' | 'load-balancer-group' | undefined;
  qv?: string[] | undefined;
  environment?: string | undefined;
}): EnvironmentFilter {
  const environments = [
    ...(q.environment ? [q.environment] : []),
    ...(q.qa === 'environment' ? (q.qv ?? []) : []),
  ];
  return {
    ...(environments.length ? { environments } : {}),
    ...(q.qa === 'load-balancer-group' && q.qv?.length ? { environmentTypes: q.qv } : {}),
  };
}

const UPSTREAMS_ARE_READ =
  "upstreams are read from the load balancers: a service's upstream is its blue/green role's listener and " +
  'slice target groups, made with the role (FleetPerSlice in PUT /config/deployment-maps/{name}); traffic ' +
  'moves with PUT /upstreams/{name}/slices/toggle or PUT /services/{service}/slices/toggle';
const VHOSTS_ARE_READ =
  "virtual hosts are read from the blue/green roles' load balancers and their listener rules, which come " +
  "with the role's infrastructure (FleetPerSlice in PUT /config/deployment-maps/{name}); traffic moves with " +
  'PUT /services/{service}/slices/toggle';

/** The original's NGINX records (upstreams, virtual hosts, load balancer status), read from ELBv2. */
export function v1LoadBalancerRoutes(mapped: V1MappedFleet): Route[] {
  return [
    route<z.infer<typeof ByUpstream>, z.infer<typeof SlicesQuery>>({
      method: 'get',
      path: '/upstreams/{name}/slices',
      summary:
        "The slices behind an upstream's listener (`{environment}-{service}`, its key, or the service's name)",
      tags: ['Upstream'],
      auth: 'signed-in',
      params: ByUpstream,
      query: SlicesQuery,
      responses: {
        200: { description: 'The slices', schema: z.array(UpstreamSlice) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await mapped.upstreamSlices(params.name, query.environment, query.active),
      }),
    }),
    route<z.infer<typeof ByUpstream>, z.infer<typeof ToggleQuery>>({
      method: 'put',
      path: '/upstreams/{name}/slices/toggle',
      summary:
        "Send all of an upstream's traffic to the other slice: PUT /services/{service}/slices/toggle for its service (toggle-slices; refused while locked or unless the slice is healthy)",
      tags: ['Upstream'],
      auth: 'signed-in',
      params: ByUpstream,
      query: ToggleQuery,
      responses: {
        200: { description: 'The slices after the toggle', schema: z.array(UpstreamSlice) },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, principal }) => ({
        status: 200,
        body: await mapped.toggleUpstream(principal, params.name, query.environment, query.active),
      }),
    }),
    route<Record<string, never>, z.infer<typeof UpstreamsQuery>>({
      method: 'get',
      path: '/config/upstreams',
      summary: 'The upstreams (services of blue/green roles), read from their load balancers',
      tags: ['Upstream'],
      auth: 'signed-in',
      query: UpstreamsQuery,
      responses: {
        200: { description: 'The upstreams', schema: z.array(UpstreamConfig) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({ status: 200, body: await mapped.upstreamConfigs(filterOf(query)) }),
    }),
    goneRoute({
      method: 'post',
      path: '/config/upstreams',
      summary: 'Create an upstream',
      tags: ['Upstream'],
      body: UpstreamConfigBody,
      instead: UPSTREAMS_ARE_READ,
    }),
    route<z.infer<typeof ByUpstream>, z.infer<typeof AccountQuery>>({
      method: 'get',
      path: '/config/upstreams/{name}',
      summary: 'An upstream by its key (`/{environment}_{environment}-{service}/config`) or name',
      tags: ['Upstream'],
      auth: 'signed-in',
      params: ByUpstream,
      query: AccountQuery,
      responses: {
        200: { description: 'The upstream', schema: UpstreamConfig },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await mapped.upstreamConfig(params.name) }),
    }),
    goneRoute({
      method: 'put',
      path: '/config/upstreams/{name}',
      summary: 'Update an upstream',
      tags: ['Upstream'],
      params: ByUpstream,
      query: AccountQuery,
      body: UpstreamConfigValueBody,
      instead: UPSTREAMS_ARE_READ,
    }),
    goneRoute({
      method: 'delete',
      path: '/config/upstreams/{name}',
      summary: 'Delete an upstream',
      tags: ['Upstream'],
      params: ByUpstream,
      query: AccountQuery,
      instead: UPSTREAMS_ARE_READ,
    }),
    route<Record<string, never>, z.infer<typeof LbSettingsQuery>>({
      method: 'get',
      path: '/config/lb-settings',
      summary: "The virtual hosts: the blue/green roles' load balancers, their listeners and rules",
      tags: ['Load Balancers'],
      auth: 'signed-in',
      query: LbSettingsQuery,
      responses: {
        200: { description: 'The virtual hosts', schema: z.array(LBSetting) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await mapped.lbSettings({
          ...filterOf(query),
          ...(query.frontend !== undefined ? { frontEnd: query.frontend } : {}),
        }),
      }),
    }),
    goneRoute({
      method: 'post',
      path: '/config/lb-settings',
      summary: 'Create a virtual host',
      tags: ['Load Balancers'],
      body: LBSettingBody,
      instead: VHOSTS_ARE_READ,
    }),
    route<z.infer<typeof ByVHost>>({
      method: 'get',
      path: '/config/lb-settings/{environment}/{vHostName}',
      summary: "A virtual host of an environment by its load balancer's name",
      tags: ['Load Balancers'],
      auth: 'signed-in',
      params: ByVHost,
      responses: {
        200: { description: 'The virtual host', schema: LBSetting },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({
        status: 200,
        body: await mapped.lbSetting(params.environment, params.vHostName),
      }),
    }),
    goneRoute({
      method: 'put',
      path: '/config/lb-settings/{environment}/{vHostName}',
      summary: 'Update a virtual host',
      tags: ['Load Balancers'],
      params: ByVHost,
      body: LBSettingValueBody,
      instead: VHOSTS_ARE_READ,
    }),
    goneRoute({
      method: 'delete',
      path: '/config/lb-settings/{environment}/{vHostName}',
      summary: 'Delete a virtual host',
      tags: ['Load Balancers'],
      params: ByVHost,
      instead: VHOSTS_ARE_READ,
    }),
    route<{ id: string }>({
      method: 'get',
      path: '/load-balancer/{id}',
      summary: "A load balancer's target groups and their targets, by its name or DNS name",
      tags: ['Load Balancers'],
      auth: 'signed-in',
      params: z.strictObject({ id: HostName }),
      responses: {
        200: { description: 'One item per target group', schema: z.array(LoadBalancerUpstream) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await mapped.loadBalancer(params.id) }),
    }),
  ];
}
