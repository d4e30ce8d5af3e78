import { allows } from '@shared/auth/permission';
import type { NewPatch, PatchOperation, PatchPlan } from '@shared/patches/patch';
import type { Principal } from '../auth/principal';
import type { Actor } from '../catalogue/record-store';
import type { Patches } from '../patches/patches';
import { authorize } from './authorize';

/** What cancelling and approving a patch reuse: the deployments' own (a patch is one of their records). */
export interface PatchChanges {
  cancel(id: string, actor: Actor): Promise<unknown>;
  approve(id: string, actor: Actor): Promise<unknown>;
}

/**
 * Image patches as routes use them: a group is patched only with `patch-images` for its role's cluster
 * and the environment type (a plan lists the others as left out, `not-allowed`); cancelling needs
 * `patch-images` and approving `approve-deployments` for the patch's cluster and environment type. A
 * request that breaks the glass past a freeze window needs `break-glass` for each selected group's role
 * cluster and the environment type (403 otherwise, before anything is planned).
 */
export class AuthorizedPatches {
  constructor(
    private readonly patches: Patches,
    private readonly changes: PatchChanges,
  ) {}

  private async mayPatch(principal: Principal) {
    const grants = await principal.grants();
    return (scope: Parameters<typeof allows>[2]) => allows(grants, 'patch-images', scope);
  }

  /** A request that breaks the glass needs `break-glass` for every cluster it selects groups of. */
  private async assertMayBreakGlass(principal: Principal, request: NewPatch): Promise<void> {
    if (!request.breakGlass) return;
    await authorize(principal, { action: 'break-glass', scopes: await this.patches.scopesOf(request) });
  }

  async plan(principal: Principal, request: NewPatch): Promise<PatchPlan> {
    await this.assertMayBreakGlass(principal, request);
    return this.patches.plan(request, await this.mayPatch(principal));
  }

  async start(principal: Principal, actor: Actor, request: NewPatch): Promise<PatchOperation> {
    await this.assertMayBreakGlass(principal, request);
    return this.patches.start(request, await this.mayPatch(principal), actor);
  }

  get(id: string): Promise<PatchOperation> {
    return this.patches.get(id);
  }

  list(environment?: string): Promise<PatchOperation[]> {
    return this.patches.list(environment);
  }

  async cancel(principal: Principal, actor: Actor, id: string): Promise<PatchOperation> {
    await authorize(principal, { action: 'patch-images', scopes: [await this.patches.scopeOf(id)] });
    await this.changes.cancel(id, actor);
    return this.patches.get(id);
  }

  async approve(principal: Principal, actor: Actor, id: string): Promise<PatchOperation> {
    await authorize(principal, { action: 'approve-deployments', scopes: [await this.patches.scopeOf(id)] });
    await this.changes.approve(id, actor);
    return this.patches.get(id);
  }
}
