import { allows } from '@shared/auth/permission';
import type { NewPatch, PatchPlan } from '@shared/patches/patch';
import type { Principal } from '../auth/principal';
import type { Patches } from '../patches/patches';

/**
 * Image patches as routes use them: a group is patched only with `patch-images` for its role's cluster
 * and the environment type; a plan lists the others as left out (`not-allowed`).
 */
export class AuthorizedPatches {
  constructor(private readonly patches: Patches) {}

  async plan(principal: Principal, request: NewPatch): Promise<PatchPlan> {
    const grants = await principal.grants();
    return this.patches.plan(request, (scope) => allows(grants, 'patch-images', scope));
  }
}
