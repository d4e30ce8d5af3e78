import type { ResourceScope } from '@shared/auth/permission';
import type { NewPatch, PatchPlan } from '@shared/patches/patch';
import { planPatch, type PatchPlannerParts } from './patch-planner';

/**
 * Image patches: what a patch of an environment would do (the plan). Who may patch which group is
 * decided around it (AuthorizedPatches), not here.
 */
export class Patches {
  constructor(private readonly parts: PatchPlannerParts) {}

  /** The plan of a patch, leaving out the groups `mayPatch` refuses. */
  plan(request: NewPatch, mayPatch: (scope: ResourceScope) => boolean): Promise<PatchPlan> {
    return planPatch(request, this.parts, mayPatch);
  }
}
