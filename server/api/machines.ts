import { z } from 'zod';
import { AsgName } from '@shared/fleet/asg-name';
import { Name } from '@shared/catalogue/names';
import { Image } from '@shared/fleet/image';
import { ImageReport } from '@shared/fleet/image-report';
import { Instance } from '@shared/fleet/instance';
import { LaunchConfig, LaunchConfigChange } from '@shared/fleet/launch-config';
import type { AuthorizedFleet } from '../authorization/authorized-fleet';
import { route, type Route } from '../http/route';
import { Flag } from './fleet-inputs';
import { problemResponses } from './problem-responses';

const Account = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe("only the account's (its AccountName or AccountNumber in /config/accounts)");
const ImagesQuery = z.strictObject({
  account: Account,
  stable: Flag('only stable (true) or unstable (false) images'),
});
type ImagesQuery = z.infer<typeof ImagesQuery>;
const ReportQuery = z.strictObject({
  environment: Name,
  olderThanDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(36500)
    .optional()
    .describe('also list images created more than this many days ago'),
});
type ReportQuery = z.infer<typeof ReportQuery>;
const InstanceId = z.string().regex(/^i-([0-9a-f]{8}|[0-9a-f]{17})$/, 'must be an EC2 instance id');
const InstancesQuery = z.strictObject({
  account: Account,
  environment: Name.optional().describe('only those tagged with this Environment'),
  cluster: Name.optional().describe('only those of this owning cluster (tag, or their server role)'),
  maintenance: Flag('only those in maintenance: entering or in Standby in their ASG (true), or not (false)'),
  ip_address: z.ipv4().optional().describe('only the one with this private address'),
  instance_id: InstanceId.optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('only those launched at or after this time'),
  include_deployments_status: Flag('accepted; deployment status is on /deployments here'),
});
type InstancesQuery = z.infer<typeof InstancesQuery>;
const InstancesEc2Query = InstancesQuery.pick({ account: true, environment: true });
const ByInstance = z.strictObject({ id: InstanceId });
const ByAsg = z.strictObject({ name: AsgName });
/** The original required `environment`; here an ASG's environment is also found by its tag. */
const MaybeInEnvironment = z.strictObject({ environment: Name.optional() });
type AsgParams = z.infer<typeof ByAsg>;
type MaybeEnvQuery = z.infer<typeof MaybeInEnvironment>;

/**
 * The machines of the fleet (image patching's views): the account's images and which groups run an old
 * one, the instances, and what an ASG's new instances launch with (and its change).
 */
export function machineRoutes(fleet: AuthorizedFleet): Route[] {
  return [
    ...(['/images', '/images-ec2'] as const).map((path) =>
      route<Record<string, never>, ImagesQuery>({
        method: 'get',
        path,
        summary:
          path === '/images'
            ? 'The machine images the account owns, ranked by type and version (type, version and stability: see the README)'
            : 'The same list as /images (the original read it from its EC2 monitor)',
        tags: ['AMI'],
        auth: 'signed-in',
        query: ImagesQuery,
        responses: {
          200: { description: 'The images', schema: z.array(Image) },
          ...problemResponses(400, 401, 404),
        },
        handle: async ({ query }) => ({
          status: 200,
          body: await fleet.images({
            ...(query.account !== undefined ? { account: query.account } : {}),
            ...(query.stable !== undefined ? { stable: query.stable } : {}),
          }),
        }),
      }),
    ),
    route<Record<string, never>, ReportQuery>({
      method: 'get',
      path: '/images/report',
      summary:
        "Which of an environment's groups and instances run an image that is not the latest stable of its type, or older than olderThanDays, per cluster",
      tags: ['AMI'],
      auth: 'signed-in',
      query: ReportQuery,
      responses: {
        200: { description: 'The out-of-date groups and instances', schema: ImageReport },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await fleet.imageReport(query.environment, query.olderThanDays),
      }),
    }),
    route<Record<string, never>, InstancesQuery>({
      method: 'get',
      path: '/instances',
      summary: 'The instances matching the filters, each with its ASG, image and age',
      tags: ['Instance'],
      auth: 'signed-in',
      query: InstancesQuery,
      responses: {
        200: { description: 'The instances', schema: z.array(Instance) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await fleet.instances({
          ...(query.account !== undefined ? { account: query.account } : {}),
          ...(query.environment !== undefined ? { environment: query.environment } : {}),
          ...(query.cluster !== undefined ? { cluster: query.cluster } : {}),
          ...(query.maintenance !== undefined ? { maintenance: query.maintenance } : {}),
          ...(query.ip_address !== undefined ? { ipAddress: query.ip_address } : {}),
          ...(query.instance_id !== undefined ? { instanceId: query.instance_id } : {}),
          ...(query.since !== undefined ? { since: query.since } : {}),
        }),
      }),
    }),
    route<Record<string, never>, z.infer<typeof InstancesEc2Query>>({
      method: 'get',
      path: '/instances-ec2',
      summary: 'The same list as /instances (the original read it from its EC2 monitor)',
      tags: ['Instance'],
      auth: 'signed-in',
      query: InstancesEc2Query,
      responses: {
        200: { description: 'The instances', schema: z.array(Instance) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ query }) => ({
        status: 200,
        body: await fleet.instances({
          ...(query.account !== undefined ? { account: query.account } : {}),
          ...(query.environment !== undefined ? { environment: query.environment } : {}),
        }),
      }),
    }),
    route<z.infer<typeof ByInstance>>({
      method: 'get',
      path: '/instances/{id}',
      summary: 'An instance with its ASG, image and age',
      tags: ['Instance'],
      auth: 'signed-in',
      params: ByInstance,
      responses: {
        200: { description: 'The instance', schema: Instance },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await fleet.instance(params.id) }),
    }),
    route<AsgParams, MaybeEnvQuery>({
      method: 'get',
      path: '/asgs/{name}/launch-config',
      summary:
        "What an ASG's new instances launch with: image, instance type, profile, security groups, user data (decoded too) and volumes, from its launch template version",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      responses: {
        200: { description: 'The launch configuration', schema: LaunchConfig },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await fleet.launchConfig(params.name, query.environment),
      }),
    }),
    route<AsgParams, MaybeEnvQuery, LaunchConfigChange>({
      method: 'put',
      path: '/asgs/{name}/launch-config',
      summary:
        "Change what an ASG's new instances launch with: a new launch template version the group launches from (needs operate-asgs; refused while deployments are locked or one works on the group; audited). Running instances are not replaced",
      tags: ['ASG'],
      auth: 'signed-in',
      params: ByAsg,
      query: MaybeInEnvironment,
      body: LaunchConfigChange,
      responses: {
        200: { description: 'The launch configuration after the change', schema: LaunchConfig },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ params, query, body, principal, actor }) => ({
        status: 200,
        body: await fleet.changeLaunchConfig(principal, actor, params.name, body, query.environment),
      }),
    }),
  ];
}
