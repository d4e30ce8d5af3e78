import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { NewPatch, PatchOperation, PatchPlan } from '@shared/patches/patch';
import type { AuthorizedPatches } from '../authorization/authorized-patches';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

const ById = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'must be a patch id') });

/** `/patches`: roll a new machine image across an environment's groups by scale-up patching. */
export function patchRoutes(patches: AuthorizedPatches): Route[] {
  return [
    route<Record<string, never>, { dry_run?: 'true' | 'false' }, NewPatch>({
      method: 'post',
      path: '/patches',
      summary:
        "Patch an environment's groups onto a new image, one scale-up patch per group, maxParallel at once (202); with ?dry_run=true the plan (200)",
      tags: ['Patches'],
      auth: 'signed-in',
      query: z.strictObject({ dry_run: z.enum(['true', 'false']).optional() }),
      body: NewPatch,
      responses: {
        200: { description: 'Dry run: the plan', schema: PatchPlan },
        202: { description: 'Accepted: the patch, with its Location', schema: PatchOperation },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ query, body, principal, actor }) => {
        if (query.dry_run === 'true') return { status: 200, body: await patches.plan(principal, body) };
        const patch = await patches.start(principal, actor, body);
        return { status: 202, body: patch, headers: { Location: `/api/v1/patches/${patch.PatchID}` } };
      },
    }),
    route<Record<string, never>, { environment?: string }>({
      method: 'get',
      path: '/patches',
      summary: 'The image patches of the last 30 days (of one environment), newest first',
      tags: ['Patches'],
      auth: 'signed-in',
      query: z.strictObject({ environment: Name.optional() }),
      responses: {
        200: { description: 'The patches', schema: z.array(PatchOperation) },
        ...problemResponses(400, 401),
      },
      handle: async ({ query }) => ({ status: 200, body: await patches.list(query.environment) }),
    }),
    route<z.infer<typeof ById>>({
      method: 'get',
      path: '/patches/{id}',
      summary: "An image patch: its plan and each group's patch",
      tags: ['Patches'],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'The patch', schema: PatchOperation },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params }) => ({ status: 200, body: await patches.get(params.id) }),
    }),
    route<z.infer<typeof ById>>({
      method: 'post',
      path: '/patches/{id}/cancel',
      summary:
        'Cancel a patch: no group starts after this; the groups under way roll back (needs patch-images)',
      tags: ['Patches'],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'The patch', schema: PatchOperation },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await patches.cancel(principal, actor, params.id),
      }),
    }),
    route<z.infer<typeof ById>>({
      method: 'post',
      path: '/patches/{id}/approve',
      summary: "Approve a patch that waits for it (needs approve-deployments; not the requester's own)",
      tags: ['Patches'],
      auth: 'signed-in',
      params: ById,
      responses: {
        200: { description: 'The patch', schema: PatchOperation },
        ...problemResponses(400, 401, 403, 404, 409),
      },
      handle: async ({ params, principal, actor }) => ({
        status: 200,
        body: await patches.approve(principal, actor, params.id),
      }),
    }),
  ];
}
