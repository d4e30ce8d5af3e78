import { z } from 'zod';
import {
  IMAGE_PATCH_SERVICE,
  isFailure,
  isTerminal,
  type Deployment,
  type PatchOperationPlan,
} from '@shared/deployments/deployment';
import type { PlannedGroup } from '@shared/patches/patch';
import { failed, running, step, succeeded, undone, type StepContext } from '../engine/step';
import { defineStrategy, type Strategy } from '../engine/strategy';
import { awaitApproval } from './await-approval';
import { imagePatch } from './image-patch';

/**
 * How often the operation looks at its groups' patches by itself. Each group's patch wakes it when it ends
 * (in the engine that ran it), so this only covers one that ended in another portal process.
 */
const FALLBACK_LOOK_MS = 2_000;

/** A week: how long an operation may take, group after group. */
const WEEK_SECONDS = 7 * 24 * 3600;

/** The id of the patch of the operation's `index`th group (1-based): the same whenever the step runs. */
export function groupPatchId(operationId: string, index: number): string {
  return `${operationId}-${index + 1}`;
}

/** The record of one group's patch, as the operation starts it. */
function groupPatch(operationId: string, op: Deployment['Value'], g: PlannedGroup): Deployment['Value'] {
  return {
    EnvironmentName: op.EnvironmentName,
    EnvironmentType: op.EnvironmentType,
    ServiceName: IMAGE_PATCH_SERVICE,
    ServiceVersion: g.NextImage.Name,
    ServiceSlice: g.Slice ?? 'none',
    ServerRoleName: g.ServerRole,
    OwningCluster: g.OwningCluster,
    AutoScalingGroupName: g.AutoScalingGroupName,
    Resources: { AutoScalingGroup: g.AutoScalingGroupName },
    DeploymentType: 'patch',
    Patch: {
      PatchID: operationId,
      ImageId: g.NextImage.ImageId,
      ImageName: g.NextImage.Name,
      FromImageId: g.Image.ImageId,
      FromImageName: g.Image.Name,
    },
    ...(op.AccountName ? { AccountName: op.AccountName } : {}),
    Status: 'Queued',
    User: op.User,
    StartTimestamp: new Date().toISOString(),
    CanarySteps: [],
    BakeSeconds: 0,
    RequireApproval: false,
    ...(op.Reason ? { Reason: op.Reason } : {}),
    Steps: imagePatch.steps.map((s) => ({ name: s.name, status: 'pending', attempts: 0, outputs: {} })),
  };
}

const GroupResult = z.object({
  AutoScalingGroupName: z.string(),
  DeploymentID: z.string(),
  Status: z.string(),
});

function planOf(ctx: StepContext<unknown>): PatchOperationPlan {
  const plan = ctx.deployment.PatchOperation;
  if (!plan) throw new Error('an image patch operation without its plan (PatchOperation)');
  return plan;
}

/**
 * Patches the plan's groups, at most MaxParallel at once, each as its own deployment (`patch`), started
 * under an id of its own (so that a step run again starts nothing twice). A group that fails rolls back
 * by itself; with OnFailure `stop` no group starts after it. Succeeds when no group is left to start or
 * running, with each group's end; fails when a group did not succeed.
 */
export const patchGroups = step({
  name: 'patch-groups',
  timeoutSeconds: WEEK_SECONDS,
  needs: z.object({}),
  gives: z.object({ groups: z.array(GroupResult) }),
  async run(ctx) {
    const children = ctx.children;
    if (!children) return failed('this engine cannot start the groups of a patch');
    const plan = planOf(ctx);
    const ids = plan.Groups.map((_, i) => groupPatchId(ctx.deploymentId, i));
    const started = await children.statuses(ids);
    const statuses = ids.map((id) => started.get(id));
    const failedOne = statuses.some((s) => s !== undefined && isFailure(s));
    const stopped = failedOne && plan.OnFailure === 'stop';
    const busy = statuses.filter((s) => s !== undefined && !isTerminal(s)).length;
    const free = stopped ? 0 : Math.max(0, plan.MaxParallel - busy);
    const next = plan.Groups.flatMap((g, i) => (statuses[i] ? [] : [i])).slice(0, free);
    // the free places are filled together: each group's patch is one write, and they start at once
    await Promise.all(
      next.map(async (i) => {
        const g = plan.Groups[i]!;
        const record = groupPatch(ctx.deploymentId, ctx.deployment, g);
        await children.start(
          ids[i]!,
          record,
          `patch ${ctx.deploymentId} started ${g.AutoScalingGroupName}: ${g.Image.Name} -> ${g.NextImage.Name}`,
        );
        statuses[i] = record.Status;
      }),
    );
    const done = statuses.filter((s) => s !== undefined && isTerminal(s)).length;
    const open = statuses.filter((s) => s !== undefined && !isTerminal(s)).length;
    const notStarted = statuses.filter((s) => s === undefined).length;
    if (open > 0 || (notStarted > 0 && !stopped)) {
      // a group's patch that ends wakes the operation (in the engine that ran it): this look is a fallback
      return running(`${done} of ${ids.length} group(s) done, ${open} patching`, undefined, FALLBACK_LOOK_MS);
    }
    const groups = plan.Groups.map((g, i) => ({
      AutoScalingGroupName: g.AutoScalingGroupName,
      DeploymentID: ids[i]!,
      Status: statuses[i] ?? 'Not started',
    }));
    const bad = groups.filter((g) => g.Status !== 'Success');
    if (bad.length) {
      return failed(
        `${bad.length} of ${groups.length} group(s) not patched: ${bad.map((g) => `${g.AutoScalingGroupName} ${g.Status}`).join(', ')}`,
      );
    }
    return succeeded({ groups }, `all ${groups.length} group(s) patched`);
  },
  async undo(ctx) {
    // the operation is cancelled or failed: no group starts; those under way roll back by themselves
    const children = ctx.children;
    if (!children) return undone();
    const plan = planOf(ctx);
    const ids = plan.Groups.map((_, i) => groupPatchId(ctx.deploymentId, i));
    const started = await children.statuses(ids);
    const open = ids.filter((id) => {
      const status = started.get(id);
      return status !== undefined && !isTerminal(status);
    });
    await Promise.all(
      open.map((id) => children.rollBack(id, ctx.deployment.CancelRequestedBy ?? ctx.deployment.User)),
    );
    if (open.length) return running(`${open.length} group(s) rolling back`);
    return undone('no group is patching');
  },
});

/** An image patch operation: its groups' patches, after an approval when the environment type asks for one. */
export const patchOperation: Strategy = defineStrategy([patchGroups], async () => undefined);
export const patchOperationAfterApproval: Strategy = defineStrategy(
  [awaitApproval, patchGroups],
  async () => undefined,
);
