import { failed, running, succeeded, type Step, type StepContext } from '../engine/step';
import type { FleetProgress } from '../engine/strategy';
import type { GroupState } from '../fleet-operations';

/** The processes suspended during a patch: AZ rebalancing and scheduled actions could undo it. */
const PAUSED = ['AZRebalance', 'ScheduledActions'];

/** The old and new instances of the group, for the deployment's progress. */
function progress(g: GroupState, old: ReadonlySet<string>): FleetProgress {
  const instances = g.instances.map((i) => ({
    instanceId: i.instanceId,
    generation: old.has(i.instanceId) ? ('old' as const) : ('new' as const),
    lifecycleState: i.lifecycleState,
    healthStatus: i.healthStatus,
  }));
  return {
    oldInstances: instances.filter((i) => i.generation === 'old').length,
    newInstances: instances.filter((i) => i.generation === 'new').length,
    instances,
  };
}

async function group(ctx: StepContext): Promise<GroupState> {
  const [g] = await ctx.fleet.describeGroups([ctx.deployment.AutoScalingGroupName]);
  if (!g) throw new Error(`Auto Scaling group ${ctx.deployment.AutoScalingGroupName} does not exist`);
  return g;
}

const out = <T>(ctx: StepContext, key: string) => ctx.outputs[key] as T;

/** Keeps what a rollback needs: the original capacity, template version and instances. */
export const recordCapacity: Step = {
  name: 'record-capacity',
  timeoutSeconds: 60,
  async run(ctx) {
    const g = await group(ctx);
    if (g.instances.some((i) => i.lifecycleState !== 'InService'))
      return running('waiting for the group to settle before patching');
    // a concrete number: after this deployment `$Latest` would mean the new version
    const version = await ctx.fleet.resolveTemplateVersion(g.launchTemplate.id, g.launchTemplate.version);
    return succeeded({
      originalCapacity: { minSize: g.minSize, maxSize: g.maxSize, desiredCapacity: g.desiredCapacity },
      originalTemplateVersion: version,
      templateId: g.launchTemplate.id,
      oldInstanceIds: g.instances.map((i) => i.instanceId),
      alreadySuspended: g.suspendedProcesses.filter((p) => PAUSED.includes(p)),
    });
  },
};

/** Suspends AZRebalance and scheduled actions for the patch. */
export const suspendProcesses: Step = {
  name: 'suspend-processes',
  timeoutSeconds: 60,
  async run(ctx) {
    await ctx.fleet.suspendProcesses(ctx.deployment.AutoScalingGroupName, PAUSED);
    return succeeded();
  },
  async undo(ctx) {
    const keep = out<string[]>(ctx, 'alreadySuspended') ?? [];
    await ctx.fleet.resumeProcesses(
      ctx.deployment.AutoScalingGroupName,
      PAUSED.filter((p) => !keep.includes(p)),
    );
    return succeeded();
  },
};

/** A new launch template version carrying the new service version; the group launches from it. */
export const createLaunchTemplateVersion: Step = {
  name: 'create-launch-template-version',
  timeoutSeconds: 120,
  async run(ctx) {
    const d = ctx.deployment;
    const templateId = out<string>(ctx, 'templateId');
    const source = out<string>(ctx, 'originalTemplateVersion');
    const services = await ctx.fleet.templateServices(templateId, source);
    const next = services.some((s) => s.name === d.ServiceName)
      ? services.map((s) => (s.name === d.ServiceName ? { ...s, version: d.ServiceVersion } : s))
      : [...services, { name: d.ServiceName, version: d.ServiceVersion }];
    const version = await ctx.fleet.createTemplateVersion(
      templateId,
      source,
      next,
      `${d.ServiceName}@${d.ServiceVersion} by ${d.User}`,
    );
    await ctx.fleet.updateGroup(d.AutoScalingGroupName, { launchTemplate: { id: templateId, version } });
    return succeeded(
      { newTemplateVersion: version },
      `launch template version ${version} runs ${d.ServiceName}@${d.ServiceVersion}`,
    );
  },
  async undo(ctx) {
    await ctx.fleet.updateGroup(ctx.deployment.AutoScalingGroupName, {
      launchTemplate: {
        id: out<string>(ctx, 'templateId'),
        version: out<string>(ctx, 'originalTemplateVersion'),
      },
    });
    return succeeded();
  },
};

/** Doubles the group (raising the maximum if needed). */
export const scaleOut: Step = {
  name: 'scale-out',
  timeoutSeconds: 60,
  async run(ctx) {
    const c = out<{ maxSize: number; desiredCapacity: number }>(ctx, 'originalCapacity');
    const n = c.desiredCapacity;
    await ctx.fleet.updateGroup(ctx.deployment.AutoScalingGroupName, {
      maxSize: Math.max(c.maxSize, 2 * n),
      desiredCapacity: 2 * n,
    });
    return succeeded({}, `desired capacity ${n} -> ${2 * n}`);
  },
  async undo(ctx) {
    // remove the new instances (they drain first), then the capacity goes back; but never below the
    // original size in service: once the old instances are gone, the new ones stay
    const old = new Set(out<string[]>(ctx, 'oldInstanceIds'));
    const c0 = out<{ minSize: number; maxSize: number; desiredCapacity: number }>(ctx, 'originalCapacity');
    const g = await group(ctx);
    const oldLeft = g.instances.filter(
      (i) => old.has(i.instanceId) && i.lifecycleState === 'InService',
    ).length;
    if (oldLeft < c0.desiredCapacity) {
      await ctx.fleet.updateGroup(ctx.deployment.AutoScalingGroupName, c0);
      return succeeded(
        {},
        'the old instances were already replaced: the new ones stay; deploy the previous version to go back',
      );
    }
    const fresh = g.instances.filter((i) => !old.has(i.instanceId) && i.lifecycleState !== 'Terminating');
    for (const i of fresh) await ctx.fleet.terminateInGroup(i.instanceId);
    if (g.instances.some((i) => !old.has(i.instanceId)))
      return running(`removing ${fresh.length} new instance(s)`);
    const c = out<{ minSize: number; maxSize: number; desiredCapacity: number }>(ctx, 'originalCapacity');
    await ctx.fleet.updateGroup(ctx.deployment.AutoScalingGroupName, c);
    return succeeded();
  },
};

/** Waits until the n new instances are InService, healthy (in their target groups too) and on the new version. */
export const waitForNewInstances: Step = {
  name: 'wait-for-new-instances',
  timeoutSeconds: 900,
  async run(ctx) {
    const n = out<{ desiredCapacity: number }>(ctx, 'originalCapacity').desiredCapacity;
    const old = new Set(out<string[]>(ctx, 'oldInstanceIds'));
    const version = out<string>(ctx, 'newTemplateVersion');
    const g = await group(ctx);
    const fresh = g.instances.filter((i) => !old.has(i.instanceId));
    if (fresh.some((i) => i.healthStatus === 'Unhealthy'))
      return failed('a new instance failed its health checks');
    const ready = fresh.filter(
      (i) =>
        i.lifecycleState === 'InService' &&
        i.healthStatus === 'Healthy' &&
        i.launchTemplateVersion === version,
    );
    for (const arn of g.targetGroupArns) {
      const targets = await ctx.fleet.targetHealth(arn);
      if (targets.some((t) => ready.some((r) => r.instanceId === t.instanceId) && t.state === 'unhealthy')) {
        return failed('a new instance failed its load balancer health checks');
      }
      const healthy = new Set(targets.filter((t) => t.state === 'healthy').map((t) => t.instanceId));
      if (ready.some((r) => !healthy.has(r.instanceId)))
        return running(`new instances not yet healthy in ${arn.split('/')[1]}`, progress(g, old));
    }
    if (ready.length < n) return running(`${ready.length} of ${n} new instances ready`, progress(g, old));
    return succeeded(
      { newInstanceIds: ready.slice(0, n).map((i) => i.instanceId) },
      `${n} new instance(s) healthy on the new version`,
    );
  },
};

/** Protects the new instances, then terminates exactly the old ones (they drain first). */
export const removeOldInstances: Step = {
  name: 'remove-old-instances',
  timeoutSeconds: 900,
  async run(ctx) {
    const name = ctx.deployment.AutoScalingGroupName;
    const fresh = out<string[]>(ctx, 'newInstanceIds');
    const old = new Set(out<string[]>(ctx, 'oldInstanceIds'));
    const g = await group(ctx);
    const unprotected = fresh.filter((id) =>
      g.instances.some((i) => i.instanceId === id && !i.protectedFromScaleIn),
    );
    await ctx.fleet.setProtection(name, unprotected, true);
    const remaining = g.instances.filter((i) => old.has(i.instanceId));
    for (const i of remaining.filter((x) => x.lifecycleState === 'InService'))
      await ctx.fleet.terminateInGroup(i.instanceId);
    if (remaining.length) return running(`${remaining.length} old instance(s) draining`, progress(g, old));
    return succeeded({}, 'old instances removed');
  },
};

/** Checks that every remaining instance is one of the new ones, on the new version. */
export const verifyVersion: Step = {
  name: 'verify-version',
  timeoutSeconds: 120,
  async run(ctx) {
    const fresh = new Set(out<string[]>(ctx, 'newInstanceIds'));
    const version = out<string>(ctx, 'newTemplateVersion');
    const g = await group(ctx);
    const strays = g.instances.filter((i) => !fresh.has(i.instanceId) || i.launchTemplateVersion !== version);
    if (strays.length)
      return failed(`instances not on the new version: ${strays.map((i) => i.instanceId).join(', ')}`);
    return succeeded({}, `all ${g.instances.length} instance(s) run the new version`);
  },
};

/** Puts the capacity, protection and processes back as they were. */
export const restoreCapacity: Step = {
  name: 'restore-capacity',
  timeoutSeconds: 120,
  async run(ctx) {
    const name = ctx.deployment.AutoScalingGroupName;
    const c = out<{ minSize: number; maxSize: number; desiredCapacity: number }>(ctx, 'originalCapacity');
    await ctx.fleet.updateGroup(name, c);
    await ctx.fleet.setProtection(name, out<string[]>(ctx, 'newInstanceIds'), false);
    const keep = out<string[]>(ctx, 'alreadySuspended') ?? [];
    await ctx.fleet.resumeProcesses(
      name,
      PAUSED.filter((p) => !keep.includes(p)),
    );
    return succeeded();
  },
};

/** The group's instances, old (there when the patch started) and new; undefined before that was recorded. */
export async function patchProgress(ctx: StepContext): Promise<FleetProgress | undefined> {
  const old = out<string[] | undefined>(ctx, 'oldInstanceIds');
  return old && progress(await group(ctx), new Set(old));
}

/** Scale-up patching, step by step (DESIGN.md): the order of its steps. */
export const scaleUpPatch: readonly Step[] = [
  recordCapacity,
  suspendProcesses,
  createLaunchTemplateVersion,
  scaleOut,
  waitForNewInstances,
  removeOldInstances,
  verifyVersion,
  restoreCapacity,
];
