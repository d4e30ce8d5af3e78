import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import type { V1MappedFleet } from '../fleet/v1-mapped-fleet';
import { TargetState } from '../fleet/v1-target-state';
import { route, type Route } from '../http/route';
import { goneRoute } from './v1-unavailable-route';
import { ToggleServiceStatusBody } from './v1-original-bodies';
import { problemResponses } from './problem-responses';

const ByEnvironment = z.strictObject({ environment: Name });
const ByService = ByEnvironment.extend({ service: Name });
const ByVersion = ByService.extend({
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.+_-]{0,99}$/, 'must be a version'),
});
const RoleQuery = z.strictObject({
  serverRole: Name.optional().describe('only the roles of this name'),
});

const NO_TARGET_STATE =
  "what an ASG runs is its launch template's (GET /target-state/{environment} shows it): there is no separate " +
  'target state to remove; deploy another version or roll back through POST /deployments ' +
  '(and POST /deployments/{id}/rollback)';
const NO_SERVICE_TOGGLE =
  "a service is not switched on or off apart from what its ASG's launch template runs: move traffic between " +
  'slices with PUT /services/{service}/slices/toggle, or deploy another version through POST /deployments';

/**
 * The original's target state (what Consul told each instance to install), mapped: the read shows each
 * ASG's launch template services and versions; the writes are gone, and say what replaced them.
 */
export function v1TargetStateRoutes(mapped: V1MappedFleet): Route[] {
  return [
    route<z.infer<typeof ByEnvironment>, z.infer<typeof RoleQuery>>({
      method: 'get',
      path: '/target-state/{environment}',
      summary:
        "What each ASG of the environment's roles should run: its launch template's services and versions",
      tags: ['Target State'],
      auth: 'signed-in',
      params: ByEnvironment,
      query: RoleQuery,
      responses: {
        200: { description: 'The services and versions by role', schema: TargetState },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: await mapped.targetState(params.environment, query.serverRole),
      }),
    }),
    goneRoute({
      method: 'delete',
      path: '/target-state/{environment}',
      summary: 'Remove the target state of every service of the environment',
      tags: ['Target State'],
      params: ByEnvironment,
      instead: NO_TARGET_STATE,
    }),
    goneRoute({
      method: 'delete',
      path: '/target-state/{environment}/{service}',
      summary: 'Remove the target state of every version of a service',
      tags: ['Target State'],
      params: ByService,
      instead: NO_TARGET_STATE,
    }),
    goneRoute({
      method: 'put',
      path: '/target-state/{environment}/{service}/toggle-status',
      summary: 'Enable or disable a service of a role and slice in the target state',
      tags: ['Target State'],
      params: ByService,
      body: ToggleServiceStatusBody,
      instead: NO_SERVICE_TOGGLE,
    }),
    goneRoute({
      method: 'delete',
      path: '/target-state/{environment}/{service}/{version}',
      summary: 'Remove the target state of one version of a service',
      tags: ['Target State'],
      params: ByVersion,
      instead: NO_TARGET_STATE,
    }),
  ];
}
