import { z } from 'zod';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { SliceName } from '@shared/fleet/slice-name';
import { otherSlice } from '../../fleet/fleet-names';
import { InstanceUserData } from '../../fleet/instance-user-data';
import type { SliceRouting } from '../../fleet/load-balancing';
import { sliceTrafficRefusal } from '../../fleet/slice-may-take-traffic';
import {
  failed,
  running,
  step,
  succeeded,
  undone,
  type AnyStep,
  type FleetProgress,
  type StepContext,
} from '../engine/step';
import { defineStrategy, type Strategy } from '../engine/strategy';
import { awaitApproval } from './await-approval';
import { canaryToggleAt, recordCanaryToggle } from './canary-toggle';
import { newServiceVersion } from './new-service-version';
import { sourceOfOwnVersion } from './own-template-version';

const Capacity = z.object({
  minSize: z.number().int(),
  maxSize: z.number().int(),
  desiredCapacity: z.number().int(),
});
const BySlice = <T extends z.ZodType>(t: T) => z.object({ blue: t, green: t });
const none = z.object({});

/** The slice being deployed and the live one, with their groups as named when the deployment was requested. */
function slices(ctx: StepContext<unknown>) {
  const target = SliceName.parse(ctx.deployment.ServiceSlice);
  const live = otherSlice(target);
  const r = ctx.resources;
  if (!r.LiveAutoScalingGroup || !r.LoadBalancer || !r.TargetGroups || r.ListenerPort === undefined)
    throw new Error('a blue/green deployment needs both slices, a load balancer and its target groups');
  return {
    target,
    live,
    targetGroup: r.AutoScalingGroup,
    liveGroup: r.LiveAutoScalingGroup,
    routing: { loadBalancer: r.LoadBalancer, listenerPort: r.ListenerPort, targetGroups: r.TargetGroups },
  };
}

async function groups(
  ctx: StepContext<unknown>,
): Promise<{ target: AutoScalingGroup; live: AutoScalingGroup }> {
  const n = slices(ctx);
  const [target, live] = await Promise.all([ctx.fleet.group(n.targetGroup), ctx.fleet.group(n.liveGroup)]);
  if (!target || !live)
    throw new Error(`the slices' Auto Scaling groups ${n.targetGroup} and ${n.liveGroup} must both exist`);
  return { target, live };
}

async function traffic(ctx: StepContext<unknown>): Promise<SliceRouting> {
  const { routing } = slices(ctx);
  const t = await ctx.fleet.sliceRouting(routing);
  if (!t) throw new Error(`no load balancer ${routing.loadBalancer} with both slices' target groups`);
  return t;
}

/** The live (old) and deploying (new) slices' instances and the new slice's weight, for the progress. */
function progress(
  target: AutoScalingGroup,
  live: AutoScalingGroup,
  weight: number | undefined,
): FleetProgress {
  const view = (g: AutoScalingGroup, generation: 'old' | 'new') =>
    g.Instances.map((i) => ({
      instanceId: i.InstanceId,
      generation,
      lifecycleState: i.LifecycleState,
      healthStatus: i.HealthStatus,
    }));
  return {
    oldInstances: live.Instances.length,
    newInstances: target.Instances.length,
    instances: [...view(live, 'old'), ...view(target, 'new')],
    ...(weight === undefined ? {} : { weight }),
  };
}

/** Whether a target of the slice failed the load balancer's health check. */
const anyUnhealthy = (t: SliceRouting, slice: SliceName) =>
  t.slices[slice].targets.some((x) => x.state === 'unhealthy');

/**
 * Records what the rollout and its rollback need (listener, weights, both slices' capacity, the template
 * version the inactive slice launches from) and creates the launch template version with the new service
 * version; refuses a slice that takes traffic.
 */
const prepareInactiveSlice = step({
  name: 'prepare-inactive-slice',
  repeatable: true,
  timeoutSeconds: 120,
  needs: none,
  gives: z.object({
    listenerArn: z.string(),
    sliceArns: BySlice(z.string()),
    originalWeights: BySlice(z.number()),
    targetCapacity: Capacity,
    liveCapacity: Capacity,
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    originalPayload: InstanceUserData,
    newTemplateVersion: z.string(),
  }),
  async run(ctx) {
    const d = ctx.deployment;
    const n = slices(ctx);
    const t = await traffic(ctx);
    if (t.slices[n.target].weight > 0)
      return failed(
        `the ${n.target} slice takes ${t.slices[n.target].weight}% of the traffic: deploy to the ${n.live} slice`,
      );
    const { target, live } = await groups(ctx);
    const templateId = target.LaunchTemplate?.LaunchTemplateId;
    if (!templateId) return failed(`${target.AutoScalingGroupName} launches from no launch template`);
    const ref = { templateId, version: target.LaunchTemplate?.Version ?? '$Default' };
    let version = await ctx.fleet.templateVersion(ref);
    if (!version) return failed(`launch template ${templateId} has no version ${ref.version}`);
    // run again after a crash, it may find the slice on the version this deployment made
    const own = sourceOfOwnVersion(version.description, ctx.deploymentId);
    if (own !== undefined) {
      version = await ctx.fleet.templateVersion({ templateId, version: own });
      if (!version) return failed(`launch template ${templateId} has no version ${own}`);
    }
    const source = {
      templateId,
      originalTemplateVersion: String(version.number),
      originalPayload: version.payload ?? { services: [] },
    };
    const newTemplateVersion = await newServiceVersion(ctx, source);
    const capacity = (g: AutoScalingGroup) => ({
      minSize: g.MinSize,
      maxSize: g.MaxSize,
      desiredCapacity: g.DesiredCapacity,
    });
    return succeeded(
      {
        listenerArn: t.listenerArn,
        sliceArns: { blue: t.slices.blue.arn, green: t.slices.green.arn },
        originalWeights: { blue: t.slices.blue.weight, green: t.slices.green.weight },
        targetCapacity: capacity(target),
        liveCapacity: capacity(live),
        ...source,
        newTemplateVersion,
      },
      `the ${n.target} slice will launch ${d.ServiceName}@${d.ServiceVersion} (template version ${newTemplateVersion})`,
    );
  },
});

/** Puts the new version on the inactive slice and sizes it as the live one, replacing instances of an older version. */
const scaleInactiveSlice = step({
  name: 'scale-inactive-slice',
  timeoutSeconds: 600,
  needs: z.object({
    liveCapacity: Capacity,
    targetCapacity: Capacity,
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    newTemplateVersion: z.string(),
  }),
  gives: z.object({ sliceSize: z.number().int() }),
  async run(ctx) {
    const n = slices(ctx);
    const { templateId, newTemplateVersion } = ctx.inputs;
    const size = ctx.inputs.liveCapacity.desiredCapacity;
    const { target } = await groups(ctx);
    const launchTemplate = { id: templateId, version: newTemplateVersion };
    const stale = target.Instances.filter((i) => i.LaunchTemplate?.Version !== newTemplateVersion);
    if (stale.length) {
      if (target.LaunchTemplate?.Version !== newTemplateVersion)
        await ctx.fleet.updateGroup(n.targetGroup, { launchTemplate });
      for (const i of stale.filter((x) => x.LifecycleState === 'InService'))
        await ctx.fleet.terminateInstance(i.InstanceId);
      return running(`replacing ${stale.length} instance(s) of an older version on the ${n.target} slice`);
    }
    await ctx.fleet.updateGroup(n.targetGroup, {
      launchTemplate,
      maxSize: Math.max(target.MaxSize, size),
      desiredCapacity: size,
    });
    return succeeded(
      { sliceSize: size },
      `the ${n.target} slice launches the new version and scales to ${size}`,
    );
  },
  async undo(ctx) {
    const { templateId, originalTemplateVersion, targetCapacity } = ctx.inputs;
    await ctx.fleet.updateGroup(slices(ctx).targetGroup, {
      launchTemplate: { id: templateId, version: originalTemplateVersion },
      minSize: 0,
      desiredCapacity: 0,
      maxSize: targetCapacity.maxSize,
    });
    return undone();
  },
});

/** Waits until the inactive slice is InService, on the new version, and healthy behind the load balancer. */
const waitForInactiveSlice = step({
  name: 'wait-for-inactive-slice',
  repeatable: true,
  timeoutSeconds: 900,
  needs: z.object({ sliceSize: z.number().int(), newTemplateVersion: z.string() }),
  gives: none,
  async run(ctx) {
    const n = slices(ctx);
    const { sliceSize: size, newTemplateVersion: version } = ctx.inputs;
    const { target, live } = await groups(ctx);
    if (target.Instances.some((i) => i.HealthStatus === 'Unhealthy'))
      return failed(`an instance of the ${n.target} slice failed its health checks`);
    const t = await traffic(ctx);
    if (anyUnhealthy(t, n.target))
      return failed(`the ${n.target} slice failed its load balancer health checks`);
    const ready = target.Instances.filter(
      (i) =>
        i.LifecycleState === 'InService' &&
        i.HealthStatus === 'Healthy' &&
        i.LaunchTemplate?.Version === version,
    );
    if (ready.length < size || sliceTrafficRefusal(n.target, t.slices[n.target], size))
      return running(
        `${ready.length} of ${size} instance(s) of the ${n.target} slice ready`,
        progress(target, live, t.slices[n.target].weight),
      );
    return succeeded({}, `the ${n.target} slice is healthy`);
  },
});

const Shifted = z.object({ lastShiftAt: z.string() });

/** Shifts `weight`% of the traffic to the new slice, if it may take it (never to an unhealthy slice). */
function shiftTraffic(weight: number) {
  return step({
    name: `shift-traffic-${weight}`,
    timeoutSeconds: 300,
    needs: z.object({
      listenerArn: z.string(),
      sliceArns: BySlice(z.string()),
      originalWeights: BySlice(z.number()),
      sliceSize: z.number().int(),
    }),
    gives: Shifted,
    async run(ctx) {
      const n = slices(ctx);
      const t = await traffic(ctx);
      const refusal = sliceTrafficRefusal(n.target, t.slices[n.target], ctx.inputs.sliceSize);
      if (refusal) return failed(`${refusal}: no traffic shifted to it`);
      const arns = ctx.inputs.sliceArns;
      await ctx.fleet.setWeights(ctx.inputs.listenerArn, [
        { targetGroupArn: arns[n.target], weight },
        { targetGroupArn: arns[n.live], weight: 100 - weight },
      ]);
      return succeeded(
        { lastShiftAt: new Date(ctx.now).toISOString() },
        `${weight}% of the traffic on the ${n.target} slice`,
      );
    },
    async undo(ctx) {
      const { sliceArns: arns, originalWeights: w } = ctx.inputs;
      await ctx.fleet.setWeights(ctx.inputs.listenerArn, [
        { targetGroupArn: arns.blue, weight: w.blue },
        { targetGroupArn: arns.green, weight: w.green },
      ]);
      return undone();
    },
  });
}

/** Bakes for the deployment's bake time with a health gate: any unhealthy target of the new slice fails it. */
function bake(weight: number) {
  return step({
    name: `bake-${weight}`,
    repeatable: true,
    timeoutSeconds: 3600 + 300,
    needs: Shifted,
    gives: none,
    async run(ctx) {
      const n = slices(ctx);
      const t = await traffic(ctx);
      if (anyUnhealthy(t, n.target)) return failed(`the ${n.target} slice went unhealthy at ${weight}%`);
      const since = Date.parse(ctx.inputs.lastShiftAt);
      if (ctx.now - since < ctx.deployment.BakeSeconds * 1000) {
        const { target, live } = await groups(ctx);
        return running(`baking at ${weight}%`, progress(target, live, t.slices[n.target].weight));
      }
      return succeeded({}, `healthy after ${ctx.deployment.BakeSeconds} s at ${weight}%`);
    },
  });
}

/** Keeps the old slice running for the rollback window (the bake time), while watching the new one. */
const keepOldSliceWarm = step({
  name: 'keep-old-slice-warm',
  timeoutSeconds: 3600 + 300,
  needs: Shifted,
  gives: none,
  async run(ctx) {
    const n = slices(ctx);
    const t = await traffic(ctx);
    if (anyUnhealthy(t, n.target)) return failed(`the ${n.target} slice went unhealthy with all the traffic`);
    if (t.slices[n.live].weight > 0)
      return failed(`traffic was flipped back to the ${n.live} slice during the rollback window`);
    if (ctx.now - Date.parse(ctx.inputs.lastShiftAt) < ctx.deployment.BakeSeconds * 1000)
      return running(`the ${n.live} slice stays warm for a quick rollback`);
    return succeeded({});
  },
});

/** Scales the old slice to zero. */
const scaleDownOldSlice = step({
  name: 'scale-down-old-slice',
  timeoutSeconds: 120,
  needs: none,
  gives: none,
  async run(ctx) {
    const n = slices(ctx);
    await ctx.fleet.updateGroup(n.liveGroup, { minSize: 0, desiredCapacity: 0 });
    return succeeded({}, `the ${n.live} slice scales to zero`);
  },
});

/** Both slices' instances and the new slice's weight; undefined until the new slice was prepared. */
async function sliceProgress(
  ctx: StepContext<Readonly<Record<string, unknown>>>,
): Promise<FleetProgress | undefined> {
  if (ctx.inputs['newTemplateVersion'] === undefined) return undefined;
  const { target, live } = await groups(ctx);
  const t = await ctx.fleet.sliceRouting(slices(ctx).routing);
  return progress(target, live, t?.slices[slices(ctx).target].weight);
}

/**
 * Blue/green with canary steps (DESIGN.md): the steps for the deployment's canary weights and approval;
 * with `canaryToggle`, a toggle's percentage follows each weight (set right after the traffic shifts).
 */
export function blueGreen(
  canarySteps: readonly number[],
  requireApproval: boolean,
  options: { readonly canaryToggle?: boolean } = {},
): Strategy {
  const steps: AnyStep[] = [prepareInactiveSlice, scaleInactiveSlice, waitForInactiveSlice];
  if (options.canaryToggle) steps.push(recordCanaryToggle);
  for (const w of canarySteps) {
    if (w === 100 && requireApproval) steps.push(awaitApproval);
    steps.push(shiftTraffic(w));
    if (options.canaryToggle) steps.push(canaryToggleAt(w));
    if (w < 100) steps.push(bake(w));
  }
  steps.push(keepOldSliceWarm, scaleDownOldSlice);
  return defineStrategy(steps, sliceProgress);
}
