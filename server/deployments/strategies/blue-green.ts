import { failed, running, succeeded, type Step, type StepContext } from '../engine/step';
import type { FleetProgress } from '../engine/strategy';
import type { GroupState, SliceTraffic } from '../fleet-operations';
import { awaitApproval } from './await-approval';

type SliceName = 'blue' | 'green';
const other = (s: SliceName): SliceName => (s === 'blue' ? 'green' : 'blue');
const out = <T>(ctx: StepContext, key: string) => ctx.outputs[key] as T;

function names(ctx: StepContext): {
  target: SliceName;
  live: SliceName;
  targetGroup: string;
  liveGroup: string;
} {
  const target = ctx.deployment.ServiceSlice as SliceName;
  const live = other(target);
  const targetGroup = ctx.deployment.AutoScalingGroupName;
  return { target, live, targetGroup, liveGroup: targetGroup.replace(new RegExp(`-${target}$`), `-${live}`) };
}

async function groups(ctx: StepContext): Promise<{ target: GroupState; live: GroupState }> {
  const n = names(ctx);
  const found = await ctx.fleet.describeGroups([n.targetGroup, n.liveGroup]);
  const target = found.find((g) => g.name === n.targetGroup);
  const live = found.find((g) => g.name === n.liveGroup);
  if (!target || !live)
    throw new Error(`the slices' Auto Scaling groups ${n.targetGroup} and ${n.liveGroup} must both exist`);
  return { target, live };
}

async function traffic(ctx: StepContext): Promise<SliceTraffic> {
  const t = await ctx.fleet.sliceTraffic(ctx.deployment.EnvironmentName, ctx.deployment.ServerRoleName);
  if (!t)
    throw new Error(
      `no load balancer ${ctx.deployment.EnvironmentName}-${ctx.deployment.ServerRoleName} with both slices' target groups`,
    );
  return t;
}

/** The live (old) and deploying (new) slices' instances and the new slice's weight, for the progress. */
function progress(target: GroupState, live: GroupState, weight: number | undefined): FleetProgress {
  const view = (g: GroupState, generation: 'old' | 'new') =>
    g.instances.map((i) => ({
      instanceId: i.instanceId,
      generation,
      lifecycleState: i.lifecycleState,
      healthStatus: i.healthStatus,
    }));
  return {
    oldInstances: live.instances.length,
    newInstances: target.instances.length,
    instances: [...view(live, 'old'), ...view(target, 'new')],
    ...(weight === undefined ? {} : { weight }),
  };
}

/** Both slices' instances and the new slice's weight; undefined until the new slice was prepared. */
export async function sliceProgress(ctx: StepContext): Promise<FleetProgress | undefined> {
  if (out<string | undefined>(ctx, 'newTemplateVersion') === undefined) return undefined;
  const { target, live } = await groups(ctx);
  const t = await ctx.fleet.sliceTraffic(ctx.deployment.EnvironmentName, ctx.deployment.ServerRoleName);
  return progress(target, live, t?.slices[names(ctx).target].weight);
}

/** Whether every target of the slice is healthy (and there is at least one). */
function sliceHealthy(t: SliceTraffic, slice: SliceName, expected: number): boolean {
  const targets = t.slices[slice].targets.filter((x) => x.state !== 'draining');
  return targets.length >= expected && targets.every((x) => x.state === 'healthy');
}

/** The new version on the inactive slice's launch template; refuses a slice that takes traffic. */
const prepareInactiveSlice: Step = {
  name: 'prepare-inactive-slice',
  timeoutSeconds: 120,
  async run(ctx) {
    const d = ctx.deployment;
    const n = names(ctx);
    const t = await traffic(ctx);
    if (t.slices[n.target].weight > 0)
      return failed(
        `the ${n.target} slice takes ${t.slices[n.target].weight}% of the traffic: deploy to the ${n.live} slice`,
      );
    const { target, live } = await groups(ctx);
    const originalVersion = await ctx.fleet.resolveTemplateVersion(
      target.launchTemplate.id,
      target.launchTemplate.version,
    );
    const services = await ctx.fleet.templateServices(target.launchTemplate.id, originalVersion);
    const next = services.some((s) => s.name === d.ServiceName)
      ? services.map((s) => (s.name === d.ServiceName ? { ...s, version: d.ServiceVersion } : s))
      : [...services, { name: d.ServiceName, version: d.ServiceVersion }];
    const version = await ctx.fleet.createTemplateVersion(
      target.launchTemplate.id,
      originalVersion,
      next,
      `${d.ServiceName}@${d.ServiceVersion} by ${d.User}`,
    );
    await ctx.fleet.updateGroup(n.targetGroup, { launchTemplate: { id: target.launchTemplate.id, version } });
    return succeeded(
      {
        listenerArn: t.listenerArn,
        sliceArns: { blue: t.slices.blue.arn, green: t.slices.green.arn },
        originalWeights: { blue: t.slices.blue.weight, green: t.slices.green.weight },
        targetCapacity: {
          minSize: target.minSize,
          maxSize: target.maxSize,
          desiredCapacity: target.desiredCapacity,
        },
        liveCapacity: { minSize: live.minSize, maxSize: live.maxSize, desiredCapacity: live.desiredCapacity },
        originalTemplateVersion: originalVersion,
        templateId: target.launchTemplate.id,
        newTemplateVersion: version,
      },
      `the ${n.target} slice launches ${d.ServiceName}@${d.ServiceVersion} (template version ${version})`,
    );
  },
  async undo(ctx) {
    await ctx.fleet.updateGroup(names(ctx).targetGroup, {
      launchTemplate: {
        id: out<string>(ctx, 'templateId'),
        version: out<string>(ctx, 'originalTemplateVersion'),
      },
    });
    return succeeded();
  },
};

/** Sizes the inactive slice as the live one, replacing any instances of an older version it kept. */
const scaleInactiveSlice: Step = {
  name: 'scale-inactive-slice',
  timeoutSeconds: 600,
  async run(ctx) {
    const n = names(ctx);
    const size = out<{ desiredCapacity: number }>(ctx, 'liveCapacity').desiredCapacity;
    const version = out<string>(ctx, 'newTemplateVersion');
    const { target } = await groups(ctx);
    const stale = target.instances.filter((i) => i.launchTemplateVersion !== version);
    for (const i of stale.filter((x) => x.lifecycleState === 'InService'))
      await ctx.fleet.terminateInGroup(i.instanceId);
    if (stale.length)
      return running(`replacing ${stale.length} instance(s) of an older version on the ${n.target} slice`);
    await ctx.fleet.updateGroup(n.targetGroup, {
      maxSize: Math.max(target.maxSize, size),
      desiredCapacity: size,
    });
    return succeeded({ sliceSize: size }, `the ${n.target} slice scales to ${size}`);
  },
  async undo(ctx) {
    const c = out<{ minSize: number; maxSize: number; desiredCapacity: number }>(ctx, 'targetCapacity');
    await ctx.fleet.updateGroup(names(ctx).targetGroup, {
      minSize: 0,
      desiredCapacity: 0,
      maxSize: c.maxSize,
    });
    return succeeded();
  },
};

/** Waits until the inactive slice is InService, on the new version, and healthy behind the load balancer. */
const waitForInactiveSlice: Step = {
  name: 'wait-for-inactive-slice',
  timeoutSeconds: 900,
  async run(ctx) {
    const n = names(ctx);
    const size = out<number>(ctx, 'sliceSize');
    const version = out<string>(ctx, 'newTemplateVersion');
    const { target, live } = await groups(ctx);
    if (target.instances.some((i) => i.healthStatus === 'Unhealthy'))
      return failed(`an instance of the ${n.target} slice failed its health checks`);
    const t = await traffic(ctx);
    if (t.slices[n.target].targets.some((x) => x.state === 'unhealthy'))
      return failed(`the ${n.target} slice failed its load balancer health checks`);
    const ready = target.instances.filter(
      (i) => i.lifecycleState === 'InService' && i.launchTemplateVersion === version,
    );
    if (ready.length < size || !sliceHealthy(t, n.target, size))
      return running(
        `${ready.length} of ${size} instance(s) of the ${n.target} slice ready`,
        progress(target, live, t.slices[n.target].weight),
      );
    return succeeded({}, `the ${n.target} slice is healthy`);
  },
};

/** Shifts `weight`% of the traffic to the new slice, if it is healthy (traffic never goes to an unhealthy slice). */
function shiftTraffic(weight: number): Step {
  return {
    name: `shift-traffic-${weight}`,
    timeoutSeconds: 300,
    async run(ctx) {
      const n = names(ctx);
      const t = await traffic(ctx);
      if (!sliceHealthy(t, n.target, out<number>(ctx, 'sliceSize')))
        return failed(`the ${n.target} slice is not healthy: no traffic shifted to it`);
      const arns = out<Record<SliceName, string>>(ctx, 'sliceArns');
      await ctx.fleet.setWeights(out<string>(ctx, 'listenerArn'), {
        [n.target]: { arn: arns[n.target], weight },
        [n.live]: { arn: arns[n.live], weight: 100 - weight },
      } as Record<SliceName, { arn: string; weight: number }>);
      return succeeded(
        { [`weightAt${weight}`]: new Date().toISOString() },
        `${weight}% of the traffic on the ${n.target} slice`,
      );
    },
    async undo(ctx) {
      const arns = out<Record<SliceName, string>>(ctx, 'sliceArns');
      const w = out<Record<SliceName, number>>(ctx, 'originalWeights');
      await ctx.fleet.setWeights(out<string>(ctx, 'listenerArn'), {
        blue: { arn: arns.blue, weight: w.blue },
        green: { arn: arns.green, weight: w.green },
      });
      return succeeded();
    },
  };
}

/** Bakes for the deployment's bake time with a health gate: any unhealthy target of the new slice fails it. */
function bake(weight: number): Step {
  return {
    name: `bake-${weight}`,
    timeoutSeconds: 3600 + 300,
    async run(ctx) {
      const n = names(ctx);
      const t = await traffic(ctx);
      if (t.slices[n.target].targets.some((x) => x.state === 'unhealthy'))
        return failed(`the ${n.target} slice went unhealthy at ${weight}%`);
      const since = Date.parse(out<string>(ctx, `weightAt${weight}`));
      if (Date.now() - since < ctx.deployment.BakeSeconds * 1000) {
        const { target, live } = await groups(ctx);
        return running(`baking at ${weight}%`, progress(target, live, t.slices[n.target].weight));
      }
      return succeeded({}, `healthy after ${ctx.deployment.BakeSeconds} s at ${weight}%`);
    },
  };
}

/** Keeps the old slice running for the rollback window (the bake time), while watching the new one. */
const keepOldSliceWarm: Step = {
  name: 'keep-old-slice-warm',
  timeoutSeconds: 3600 + 300,
  async run(ctx) {
    const n = names(ctx);
    const t = await traffic(ctx);
    if (t.slices[n.target].targets.some((x) => x.state === 'unhealthy'))
      return failed(`the ${n.target} slice went unhealthy with all the traffic`);
    if (t.slices[n.live].weight > 0)
      return failed(`traffic was flipped back to the ${n.live} slice during the rollback window`);
    const since = Date.parse(out<string>(ctx, 'weightAt100'));
    if (Date.now() - since < ctx.deployment.BakeSeconds * 1000)
      return running(`the ${n.live} slice stays warm for a quick rollback`);
    return succeeded();
  },
};

/** Scales the old slice to zero. */
const scaleDownOldSlice: Step = {
  name: 'scale-down-old-slice',
  timeoutSeconds: 120,
  async run(ctx) {
    const n = names(ctx);
    await ctx.fleet.updateGroup(n.liveGroup, { minSize: 0, desiredCapacity: 0 });
    return succeeded({}, `the ${n.live} slice scales to zero`);
  },
};

/** Blue/green with canary steps (DESIGN.md): the steps for the deployment's canary weights and approval. */
export function blueGreen(canarySteps: readonly number[], requireApproval: boolean): Step[] {
  const steps: Step[] = [prepareInactiveSlice, scaleInactiveSlice, waitForInactiveSlice];
  for (const w of canarySteps) {
    if (w === 100 && requireApproval) steps.push(awaitApproval);
    steps.push(shiftTraffic(w));
    if (w < 100) steps.push(bake(w));
  }
  steps.push(keepOldSliceWarm, scaleDownOldSlice);
  return steps;
}
