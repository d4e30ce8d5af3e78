import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import {
  acceptedDeployment,
  AcceptedDeployment,
  Deployment,
  DeploymentLogLine,
  DeploymentPlan,
  DeploymentStatus,
  NewDeployment,
} from '@shared/deployments/deployment';
import type { AuthorizedDeployments } from '../authorization/authorized-deployments';
import { route, type Route } from '../http/route';
import { nextLink, timeWindow } from '../http/time-window';
import { etag } from '../http/versioning';
import { problemResponses } from './problem-responses';

// a deployment's id, or a group's patch within an image patch (`<patch id>-<n>`)
const DeploymentId = z.strictObject({
  id: z.string().regex(/^[0-9A-Z]{26}(-[0-9]{1,4})?$/, 'must be a deployment id'),
});
const ListQuery = z.strictObject({
  since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  environment: Name.optional(),
  service: Name.optional(),
  status: DeploymentStatus.optional(),
  cluster: Name.optional(),
  user: Name.optional(),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});
type ListQuery = z.infer<typeof ListQuery>;
const DAY = 86_400_000;

/** `/deployments`: request (or dry-run), history, one deployment, its log, cancel. */
export function deploymentRoutes(deployments: AuthorizedDeployments): Route[] {
  return [
    route<Record<string, never>, { dry_run?: 'true' | 'false' }, NewDeployment>({
      method: 'post',
      path: '/deployments',
      summary:
        'Deploy a service version to an environment (202), or with ?dry_run=true say what would happen (200); `toggles` are set in the environment when it ends Success, a blue/green `canaryToggle` follows the traffic weights',
      tags: ['Deployments'],
      auth: 'signed-in',
      query: z.strictObject({ dry_run: z.enum(['true', 'false']).optional() }),
      body: NewDeployment,
      responses: {
        200: { description: 'Dry run: every check passed; what would happen', schema: DeploymentPlan },
        202: {
          description:
            "Accepted: the original's deployment object (`id` first), then the deployment as recorded, queued",
          schema: AcceptedDeployment,
        },
        ...problemResponses(400, 401, 403, 404, 409, 423),
      },
      handle: async ({ query, body, principal, actor }) => {
        if (query.dry_run === 'true') return { status: 200, body: await deployments.plan(body, principal) };
        const d = await deployments.start(body, principal, actor);
        return {
          status: 202,
          body: acceptedDeployment(d),
          headers: { Location: `/api/v1/deployments/${d.DeploymentID}`, ETag: etag(d.Version) },
        };
      },
    }),
    route<Record<string, never>, ListQuery>({
      method: 'get',
      path: '/deployments',
      summary: 'Deployments, newest first (default: the last 7 days), filtered and paged (Link rel="next")',
      tags: ['Deployments'],
      auth: 'signed-in',
      query: ListQuery,
      responses: {
        200: { description: 'A page of deployments', schema: z.array(Deployment) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query, http }) => {
        const window = timeWindow(query, 7 * DAY);
        const page = await deployments.list({ ...query, ...window, limit: query.per_page });
        const headers = nextLink('/api/v1/deployments', http.req, window, page.next);
        return { status: 200, body: page.items, headers };
      },
    }),
    route<{ id: string }>({
      method: 'get',
      path: '/deployments/{id}',
      summary: 'One deployment with its steps',
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      responses: {
        200: { description: 'The deployment', schema: Deployment },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => {
        const d = await deployments.get(params.id);
        return { status: 200, body: d, headers: { ETag: etag(d.Version) } };
      },
    }),
    route<{ id: string }>({
      method: 'get',
      path: '/deployments/{id}/log',
      summary: "A deployment's log",
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      responses: {
        200: { description: 'The log lines, oldest first', schema: z.array(DeploymentLogLine) },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await deployments.log(params.id) }),
    }),
    route<{ id: string }>({
      method: 'post',
      path: '/deployments/{id}/approve',
      summary:
        'Approve a deployment that waits for approval (someone other than its requester, with approve-deployments)',
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      responses: {
        200: { description: 'The deployment', schema: Deployment },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await deployments.approve(params.id, principal, actor),
      }),
    }),
    route<{ id: string }>({
      method: 'post',
      path: '/deployments/{id}/rollback',
      summary: 'Stop a running deployment and undo what it did (ends Rolled Back)',
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      responses: {
        200: { description: 'The deployment', schema: Deployment },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await deployments.rollBack(params.id, principal, actor),
      }),
    }),
    route<{ id: string }, Record<string, never>, { Status: 'Cancelled' }>({
      method: 'patch',
      path: '/deployments/{id}',
      summary: 'Cancel a deployment: {"Status": "Cancelled"} (as the original)',
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      body: z.strictObject({ Status: z.literal('Cancelled') }),
      responses: {
        200: { description: 'The deployment', schema: Deployment },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await deployments.cancel(params.id, principal, actor),
      }),
    }),
  ];
}
