import { allows } from '@shared/auth/permission';
import type { Me } from '@shared/auth/user';
import { DeploymentStatus, isFailure, isTerminal } from '@shared/deployments/deployment';
import { isPatchOver, PatchStatus, type PatchOperation } from '@shared/patches/patch';

/** The statuses of a patch that is not over: queued, awaiting approval, in progress or stopping. */
export const runningPatchStatuses: readonly PatchStatus[] = PatchStatus.options.filter(
  (s) => !isPatchOver(s),
);

/** The patches not over yet, as listed (newest first). */
export function runningPatches(patches: readonly PatchOperation[]): PatchOperation[] {
  return patches.filter((p) => runningPatchStatuses.includes(p.Status));
}

/**
 * Whether the user may approve this patch, as the server decides it: approve-deployments on the patch's
 * owning cluster (its cluster, else its environment's) and environment type, and not their own.
 */
export function mayApprovePatch(patch: PatchOperation, user: Me): boolean {
  return (
    patch.Status === 'Awaiting Approval' &&
    patch.User !== user.username &&
    allows(user.grants, 'approve-deployments', {
      cluster: patch.OwningCluster,
      environmentType: patch.EnvironmentType,
    })
  );
}

/** The patches waiting for an approval this user may give: never their own (the server's rule too). */
export function patchesAwaitingYourApproval(patches: readonly PatchOperation[], user: Me): PatchOperation[] {
  return patches.filter((p) => mayApprovePatch(p, user));
}

/** How far a patch has gone: its groups whose own patch is over, those of them that failed, of all. */
export interface PatchProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
}

/** How many of the patch's groups are done (their own patch ended, well or not) and failed. */
export function patchProgress(patch: PatchOperation): PatchProgress {
  // a group not started yet says `Not started`, which is no deployment status
  const statuses = patch.Groups.flatMap((g) => DeploymentStatus.safeParse(g.Status).data ?? []);
  return {
    done: statuses.filter(isTerminal).length,
    failed: statuses.filter(isFailure).length,
    total: patch.Groups.length,
  };
}

/** A patch's progress in words: "2 of 6 groups done", with how many failed when some did. */
export function progressInWords(progress: PatchProgress): string {
  const groups = progress.total === 1 ? 'group' : 'groups';
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : '';
  return `${progress.done} of ${progress.total} ${groups} done${failed}`;
}
