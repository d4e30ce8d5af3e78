import { z } from 'zod';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { InstanceUserData } from '../../fleet/instance-user-data';
import {
  announced,
  failed,
  running,
  runningSoon,
  step,
  succeeded,
  undone,
  type AnyStep,
  type FleetProgress,
  type StepContext,
} from '../engine/step';
import { defineStrategy, type Strategy } from '../engine/strategy';
import { newServiceVersion } from './new-service-version';
import { awaitApproval } from './await-approval';
import { sourceOfOwnVersion } from './own-template-version';

/** The processes suspended during a patch: AZ rebalancing and scheduled actions could undo it. */
const PAUSED = ['AZRebalance', 'ScheduledActions'];

const Capacity = z.object({
  minSize: z.number().int(),
  maxSize: z.number().int(),
  desiredCapacity: z.number().int(),
});
const none = z.object({});

/** The old and new instances of the group, for the deployment's progress. */
function progress(g: AutoScalingGroup, old: ReadonlySet<string>): FleetProgress {
  const instances = g.Instances.map((i) => ({
    instanceId: i.InstanceId,
    generation: old.has(i.InstanceId) ? ('old' as const) : ('new' as const),
    lifecycleState: i.LifecycleState,
    healthStatus: i.HealthStatus,
  }));
  return {
    oldInstances: instances.filter((i) => i.generation === 'old').length,
    newInstances: instances.filter((i) => i.generation === 'new').length,
    instances,
  };
}

/**
 * A wait on the group alone is one Auto Scaling announces (its instances' launches and terminations); one
 * on a target group's health or draining is not, and polls at the interval.
 */
function announcedUnlessTargets<R extends { kind: 'running' }>(g: AutoScalingGroup, waiting: R): R {
  return g.TargetGroupARNs.length ? waiting : announced(waiting);
}

export async function group(ctx: StepContext<unknown>): Promise<AutoScalingGroup> {
  const name = ctx.resources.AutoScalingGroup;
  const g = await ctx.fleet.group(name);
  if (!g) throw new Error(`Auto Scaling group ${name} does not exist`);
  return g;
}

/** Keeps what the patch and its rollback need: the original capacity, template version and instances. */
export const recordCapacity = step({
  name: 'record-capacity',
  repeatable: true,
  timeoutSeconds: 60,
  needs: none,
  gives: z.object({
    originalCapacity: Capacity,
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    originalPayload: InstanceUserData,
    oldInstanceIds: z.array(z.string()),
    alreadySuspended: z.array(z.string()),
  }),
  async run(ctx) {
    const g = await group(ctx);
    if (g.Instances.some((i) => i.LifecycleState !== 'InService'))
      return running('waiting for the group to settle before patching');
    const templateId = g.LaunchTemplate?.LaunchTemplateId;
    if (!templateId) return failed(`${g.AutoScalingGroupName} launches from no launch template`);
    // a concrete number: after this deployment `$Latest` would mean the new version
    const ref = { templateId, version: g.LaunchTemplate?.Version ?? '$Default' };
    let version = await ctx.fleet.templateVersion(ref);
    if (!version) return failed(`launch template ${templateId} has no version ${ref.version}`);
    // run again after a crash, it may find the group on the version this deployment made: what counts is
    // the version that one was made from
    const source = sourceOfOwnVersion(version.description, ctx.deploymentId);
    if (source !== undefined) {
      version = await ctx.fleet.templateVersion({ templateId, version: source });
      if (!version) return failed(`launch template ${templateId} has no version ${source}`);
    }
    return succeeded({
      originalCapacity: { minSize: g.MinSize, maxSize: g.MaxSize, desiredCapacity: g.DesiredCapacity },
      templateId,
      originalTemplateVersion: String(version.number),
      // user data that is not the portal's format runs nothing the portal knows of
      originalPayload: version.payload ?? { services: [] },
      oldInstanceIds: g.Instances.map((i) => i.InstanceId),
      alreadySuspended: g.SuspendedProcesses.map((p) => p.ProcessName).filter((p) => PAUSED.includes(p)),
    });
  },
});

/** Suspends AZRebalance and scheduled actions for the patch. */
export const suspendProcesses = step({
  name: 'suspend-processes',
  timeoutSeconds: 60,
  needs: z.object({ alreadySuspended: z.array(z.string()) }),
  gives: none,
  async run(ctx) {
    await ctx.fleet.suspendProcesses(ctx.resources.AutoScalingGroup, PAUSED);
    return succeeded({});
  },
  async undo(ctx) {
    const keep = ctx.inputs.alreadySuspended;
    await ctx.fleet.resumeProcesses(
      ctx.resources.AutoScalingGroup,
      PAUSED.filter((p) => !keep.includes(p)),
    );
    return undone();
  },
});

/** A new launch template version carrying the new service version (the group does not use it yet). */
export const createLaunchTemplateVersion = step({
  name: 'create-launch-template-version',
  repeatable: true,
  timeoutSeconds: 120,
  needs: z.object({
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    originalPayload: InstanceUserData,
  }),
  gives: z.object({ newTemplateVersion: z.string() }),
  async run(ctx) {
    const d = ctx.deployment;
    const version = await newServiceVersion(ctx, ctx.inputs);
    return succeeded(
      { newTemplateVersion: version },
      `launch template version ${version} runs ${d.ServiceName}@${d.ServiceVersion}`,
    );
  },
});

/** Launches from the new version and doubles the group (raising the maximum if needed), in one call. */
export const scaleOut = step({
  name: 'scale-out',
  timeoutSeconds: 60,
  needs: z.object({
    originalCapacity: Capacity,
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    oldInstanceIds: z.array(z.string()),
    newTemplateVersion: z.string(),
    /** The size to double to, when a step before says (an image patch keeps the zones balanced). */
    scaleOutTo: z.number().int().optional(),
  }),
  gives: none,
  async run(ctx) {
    const c = ctx.inputs.originalCapacity;
    const n = c.desiredCapacity;
    const size = ctx.inputs.scaleOutTo ?? 2 * n;
    // run again after a crash lost its success, once the scale-in has begun: doubling again would launch
    // a second new half (the pass has read the group: no call of its own)
    const g = await group(ctx);
    const scaledIn = g.LaunchTemplate?.Version === ctx.inputs.newTemplateVersion && g.DesiredCapacity < size;
    if (!scaledIn)
      await ctx.fleet.updateGroup(ctx.resources.AutoScalingGroup, {
        launchTemplate: { id: ctx.inputs.templateId, version: ctx.inputs.newTemplateVersion },
        maxSize: Math.max(c.maxSize, size),
        desiredCapacity: size,
      });
    return succeeded(
      {},
      scaledIn ? `already scaled out, and back to ${g.DesiredCapacity}` : `desired capacity ${n} -> ${size}`,
    );
  },
  async undo(ctx) {
    // remove the new instances (they drain first), then template and capacity go back; but never below
    // the original size in service: once the old instances are gone, the new ones stay
    const name = ctx.resources.AutoScalingGroup;
    const { originalCapacity: c0, templateId, originalTemplateVersion } = ctx.inputs;
    const restore = { ...c0, launchTemplate: { id: templateId, version: originalTemplateVersion } };
    const old = new Set(ctx.inputs.oldInstanceIds);
    const g = await group(ctx);
    const oldLeft = g.Instances.filter((i) => old.has(i.InstanceId) && i.LifecycleState === 'InService');
    if (oldLeft.length < c0.desiredCapacity) {
      await ctx.fleet.updateGroup(name, restore);
      return undone(
        'the old instances were already replaced: the new ones stay; deploy the previous version to go back',
      );
    }
    const fresh = g.Instances.filter((i) => !old.has(i.InstanceId) && i.LifecycleState !== 'Terminating');
    if (fresh.length && g.LaunchTemplate?.Version !== originalTemplateVersion)
      await ctx.fleet.updateGroup(name, { launchTemplate: restore.launchTemplate });
    for (const i of fresh) await ctx.fleet.terminateInstance(i.InstanceId);
    if (g.Instances.some((i) => !old.has(i.InstanceId)))
      return running(`removing ${fresh.length} new instance(s)`);
    await ctx.fleet.updateGroup(name, restore);
    return undone();
  },
});

/** Waits until the n new instances are InService, healthy (in their target groups too) and on the new version. */
export const waitForNewInstances = step({
  name: 'wait-for-new-instances',
  repeatable: true,
  timeoutSeconds: 900,
  needs: z.object({
    originalCapacity: Capacity,
    oldInstanceIds: z.array(z.string()),
    newTemplateVersion: z.string(),
  }),
  gives: z.object({ newInstanceIds: z.array(z.string()) }),
  async run(ctx) {
    const n = ctx.inputs.originalCapacity.desiredCapacity;
    const old = new Set(ctx.inputs.oldInstanceIds);
    const version = ctx.inputs.newTemplateVersion;
    const g = await group(ctx);
    const fresh = g.Instances.filter((i) => !old.has(i.InstanceId));
    if (fresh.some((i) => i.HealthStatus === 'Unhealthy'))
      return failed('a new instance failed its health checks');
    const ready = fresh.filter(
      (i) =>
        i.LifecycleState === 'InService' &&
        i.HealthStatus === 'Healthy' &&
        i.LaunchTemplate?.Version === version,
    );
    const targets = await Promise.all(g.TargetGroupARNs.map((arn) => ctx.fleet.targetHealth(arn)));
    for (const [k, arn] of g.TargetGroupARNs.entries()) {
      const states = targets[k]!;
      if (states.some((t) => t.state === 'unhealthy' && ready.some((r) => r.InstanceId === t.id)))
        return failed('a new instance failed its load balancer health checks');
      const healthy = new Set(states.filter((t) => t.state === 'healthy').map((t) => t.id));
      if (ready.some((r) => !healthy.has(r.InstanceId)))
        return running(`new instances not yet healthy in ${arn.split('/')[1]}`, progress(g, old));
    }
    const note = `${ready.length} of ${n} new instances ready`;
    // once some are up, the rest of the set launched with them are close behind
    if (ready.length < n) {
      const waiting = ready.length ? runningSoon(note, progress(g, old)) : running(note, progress(g, old));
      // with EC2 health checks alone, an instance is ready when Auto Scaling announces its launch
      return announcedUnlessTargets(g, waiting);
    }
    return succeeded(
      { newInstanceIds: ready.slice(0, n).map((i) => i.InstanceId) },
      `${n} new instance(s) healthy on the new version`,
    );
  },
});

/** Instance lifecycle states on the way out of a group (AWS's LifecycleState values). */
const LEAVING = new Set([
  'Terminating',
  'Terminating:Wait',
  'Terminating:Proceed',
  'Terminated',
  'Detaching',
  'Detached',
]);

/**
 * Protects the new instances, then sets the group back to its size, so that Auto Scaling removes exactly
 * the unprotected old ones (draining first) and keeps the zones balanced: two calls, whatever the size.
 * The new instances are the ones the wait chose and any other on the new version that is in service (one
 * Auto Scaling launched meanwhile to replace an instance that failed): only old instances are removed.
 * Repeatable: run again after a crash, it makes the same two calls, or none once the group is back at its
 * size; and the wait before it, run again, finds the same new instances (protected, in service), so the
 * wait's outputs are saved with this step's first save, not in a save of their own before it.
 */
export const removeOldInstances = step({
  name: 'remove-old-instances',
  repeatable: true,
  timeoutSeconds: 900,
  needs: z.object({
    originalCapacity: Capacity,
    oldInstanceIds: z.array(z.string()),
    newInstanceIds: z.array(z.string()),
    newTemplateVersion: z.string(),
  }),
  gives: none,
  async run(ctx) {
    const name = ctx.resources.AutoScalingGroup;
    const c = ctx.inputs.originalCapacity;
    const old = new Set(ctx.inputs.oldInstanceIds);
    const g = await group(ctx);
    const remaining = g.Instances.filter((i) => old.has(i.InstanceId));
    // old instances Auto Scaling replaced meanwhile are gone already; the group still goes back to its size
    if (!remaining.length && g.DesiredCapacity <= c.desiredCapacity)
      return succeeded({}, 'old instances removed');
    if (g.DesiredCapacity > c.desiredCapacity) {
      const fresh = new Set(ctx.inputs.newInstanceIds);
      const version = ctx.inputs.newTemplateVersion;
      const unprotected = g.Instances.filter(
        (i) =>
          !i.ProtectedFromScaleIn &&
          (fresh.has(i.InstanceId) ||
            (!old.has(i.InstanceId) &&
              i.LifecycleState === 'InService' &&
              i.LaunchTemplate?.Version === version)),
      );
      await ctx.fleet.setProtection(
        name,
        unprotected.map((i) => i.InstanceId),
        true,
      );
      await ctx.fleet.updateGroup(name, c);
    }
    const note = remaining.length
      ? `${remaining.length} old instance(s) draining`
      : 'the group going back to its size';
    // without target groups there is no deregistration delay: only the shutdown, which is short
    return announcedUnlessTargets(
      g,
      g.TargetGroupARNs.length ? running(note, progress(g, old)) : runningSoon(note, progress(g, old)),
    );
  },
});

/**
 * Checks that the group is back at its size with every instance on the new version and none of the old
 * ones. Instances on their way out (scaled in) are waited for, not counted; an instance Auto Scaling
 * launched to replace one that failed counts when it runs the new version. An old instance, or one on
 * another version, in the group is a failure.
 */
export const verifyVersion = step({
  name: 'verify-version',
  repeatable: true,
  timeoutSeconds: 120,
  needs: z.object({
    originalCapacity: Capacity,
    oldInstanceIds: z.array(z.string()),
    newTemplateVersion: z.string(),
  }),
  gives: none,
  async run(ctx) {
    const old = new Set(ctx.inputs.oldInstanceIds);
    const version = ctx.inputs.newTemplateVersion;
    const n = ctx.inputs.originalCapacity.desiredCapacity;
    const g = await group(ctx);
    const staying = g.Instances.filter((i) => !LEAVING.has(i.LifecycleState));
    const strays = staying.filter((i) => old.has(i.InstanceId) || i.LaunchTemplate?.Version !== version);
    if (strays.length)
      return failed(`instances not on the new version: ${strays.map((i) => i.InstanceId).join(', ')}`);
    const leaving = g.Instances.length - staying.length;
    const inService = staying.filter((i) => i.LifecycleState === 'InService').length;
    if (leaving || inService < n) {
      const waiting = runningSoon(
        `${inService} of ${n} instance(s) in service on the new version, ${leaving} leaving`,
        progress(g, old),
      );
      return announcedUnlessTargets(g, waiting);
    }
    return succeeded({}, `all ${staying.length} instance(s) run the new version`);
  },
});

/** Puts the capacity, protection and processes back as they were. */
export const restoreCapacity = step({
  name: 'restore-capacity',
  timeoutSeconds: 120,
  needs: z.object({
    originalCapacity: Capacity,
    oldInstanceIds: z.array(z.string()),
    newInstanceIds: z.array(z.string()),
    alreadySuspended: z.array(z.string()),
  }),
  gives: none,
  async run(ctx) {
    const name = ctx.resources.AutoScalingGroup;
    const c = ctx.inputs.originalCapacity;
    const g = await group(ctx);
    const fresh = new Set(ctx.inputs.newInstanceIds);
    const old = new Set(ctx.inputs.oldInstanceIds);
    const keep = ctx.inputs.alreadySuspended;
    // three independent calls, at once
    await Promise.all([
      g.MinSize !== c.minSize || g.MaxSize !== c.maxSize || g.DesiredCapacity !== c.desiredCapacity
        ? ctx.fleet.updateGroup(name, c)
        : undefined,
      ctx.fleet.setProtection(
        name,
        // those remove-old-instances protected: the new ones, and replacements on the new version
        g.Instances.filter(
          (i) =>
            i.ProtectedFromScaleIn &&
            (fresh.has(i.InstanceId) || (!old.has(i.InstanceId) && !g.NewInstancesProtectedFromScaleIn)),
        ).map((i) => i.InstanceId),
        false,
      ),
      ctx.fleet.resumeProcesses(
        name,
        PAUSED.filter((p) => !keep.includes(p)),
      ),
    ]);
    return succeeded({});
  },
});

/** The group's instances, old (there when the patch started) and new; undefined before that was recorded. */
export async function patchProgress(
  ctx: StepContext<Readonly<Record<string, unknown>>>,
): Promise<FleetProgress | undefined> {
  const old = z.array(z.string()).optional().parse(ctx.inputs['oldInstanceIds']);
  return old && progress(await group(ctx), new Set(old));
}

/**
 * The steps of scale-up patching around the one that makes the new launch template version: what a
 * version deployment and an image patch share.
 */
export function scaleUpSteps(createVersion: AnyStep): AnyStep[] {
  // the new launch template version comes before the group is touched: a version that cannot be made
  // leaves nothing to undo, and the patch's first save covers both steps that only read or create it
  return [
    recordCapacity,
    createVersion,
    suspendProcesses,
    scaleOut,
    waitForNewInstances,
    removeOldInstances,
    verifyVersion,
    restoreCapacity,
  ];
}

const steps = scaleUpSteps(createLaunchTemplateVersion);

/** Scale-up patching, step by step (DESIGN.md), with an approval first when the deployment needs one. */
export const scaleUpPatch: Strategy = defineStrategy(steps, patchProgress);
export const scaleUpPatchAfterApproval: Strategy = defineStrategy([awaitApproval, ...steps], patchProgress);
