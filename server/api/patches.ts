import { z } from 'zod';
import { NewPatch, PatchPlan } from '@shared/patches/patch';
import type { AuthorizedPatches } from '../authorization/authorized-patches';
import { NotImplementedYetError } from '../errors/domain-errors';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

/** `/patches`: roll a new machine image across an environment's groups by scale-up patching. */
export function patchRoutes(patches: AuthorizedPatches): Route[] {
  return [
    route<Record<string, never>, { dry_run?: 'true' | 'false' }, NewPatch>({
      method: 'post',
      path: '/patches',
      summary:
        "Patch an environment's groups onto a new image; with ?dry_run=true the plan: each group's image now and next, its scale-out size, and the groups left out with the reason (running a patch is not implemented yet)",
      tags: ['Patches'],
      auth: 'signed-in',
      query: z.strictObject({ dry_run: z.enum(['true', 'false']).optional() }),
      body: NewPatch,
      responses: {
        200: { description: 'Dry run: the plan', schema: PatchPlan },
        ...problemResponses(400, 401, 404, 501),
      },
      handle: async ({ query, body, principal }) => {
        if (query.dry_run === 'true') return { status: 200, body: await patches.plan(principal, body) };
        throw new NotImplementedYetError(
          'running a patch is not implemented yet (it comes with the rest of image patching, issue 11): ask for its plan with ?dry_run=true',
        );
      },
    }),
  ];
}
