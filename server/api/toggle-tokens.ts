import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { CreatedToggleToken, NewToggleToken, ToggleToken } from '@shared/toggles/toggle-token';
import type { AuthorizedFeatureToggles } from '../authorization/authorized-feature-toggles';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const ListQuery = z.strictObject({ service: Name.optional().describe("only this service's tokens") });
const ById = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a token id as listed'),
});

/**
 * The feature toggle tokens: read-only credentials a service uses to evaluate its own toggles in one
 * environment (mounted before the toggle routes: `/feature-toggles/tokens/{id}` is not a toggle).
 */
export function toggleTokenRoutes(toggles: AuthorizedFeatureToggles): Route[] {
  return [
    route<Record<string, never>, Record<string, never>, z.infer<typeof NewToggleToken>>({
      method: 'post',
      path: '/feature-toggles/tokens',
      summary:
        "Create a read-only token for a service to evaluate its toggles in one environment (GET /feature-toggles/evaluate and /definitions, nothing else); its secret is shown in this reply only (needs manage-feature-toggles for the service's team and the environment type; audited)",
      tags: ['Feature toggles'],
      auth: 'signed-in',
      body: NewToggleToken,
      responses: {
        201: { description: 'The token and its secret', schema: CreatedToggleToken },
        ...problemResponses(400, 401, 403, 404),
      },
      handle: async ({ body, principal, actor }) => {
        const created = await toggles.createToken(principal, actor, body);
        return {
          status: 201,
          body: created,
          headers: { Location: `/api/v1/feature-toggles/tokens/${created.id}`, 'Cache-Control': 'no-store' },
        };
      },
    }),
    route<Record<string, never>, z.infer<typeof ListQuery>>({
      method: 'get',
      path: '/feature-toggles/tokens',
      summary: 'The feature toggle tokens (of one service), never their secrets',
      tags: ['Feature toggles'],
      auth: 'signed-in',
      query: ListQuery,
      responses: {
        200: { description: 'The tokens, oldest first', schema: z.array(ToggleToken) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({ status: 200, body: await toggles.listTokens(query.service) }),
    }),
    route<z.infer<typeof ById>>({
      method: 'delete',
      path: '/feature-toggles/tokens/{id}',
      summary:
        "Revoke a feature toggle token: refused from the next request on (needs manage-feature-toggles for the service's team and the environment type; audited)",
      tags: ['Feature toggles'],
      auth: 'signed-in',
      params: ById,
      responses: { 204: { description: 'Revoked' }, ...problemResponses(400, 401, 403, 404) },
      handle: async ({ params, principal, actor }) => {
        await toggles.revokeToken(principal, actor, params.id);
        return { status: 204 };
      },
    }),
  ];
}
