import type { GroupInstance } from './types';

/** What the termination policies compare an instance with. */
export interface TerminationContext {
  /** The group's policies in order (`Default` when empty). */
  readonly policies: readonly string[];
  /** The launch template version the group launches now (instances on another one are "older"). */
  readonly current: { readonly launchTemplateId: string; readonly version: number } | undefined;
  /** Sim time in ms, for ClosestToNextInstanceHour. */
  readonly now: number;
  /** Picks among instances the policies could not tell apart (random by default, as AWS). */
  readonly pick?: (candidates: readonly GroupInstance[]) => GroupInstance;
}

type Policy = (candidates: GroupInstance[], ctx: TerminationContext) => GroupInstance[];

const keepMin = (xs: GroupInstance[], key: (i: GroupInstance) => number): GroupInstance[] => {
  const best = Math.min(...xs.map(key));
  return xs.filter((i) => key(i) === best);
};

/**
 * As AWS documents it for groups with a launch template: first the instances launched from another
 * template than the group's, then those on the oldest version of the group's template that is not its
 * current one. (Version numbers of different templates say nothing about which is older.)
 */
const oldestLaunchTemplate: Policy = (xs, ctx) => {
  const { current } = ctx;
  // the group's template is gone: every instance is on an old one, and the lowest version goes first
  if (!current) return keepMin(xs, (i) => i.launchTemplate.version);
  const otherTemplate = xs.filter((i) => i.launchTemplate.launchTemplateId !== current.launchTemplateId);
  if (otherTemplate.length) return otherTemplate;
  const olderVersion = xs.filter((i) => i.launchTemplate.version !== current.version);
  return olderVersion.length ? keepMin(olderVersion, (i) => i.launchTemplate.version) : xs;
};

const closestToNextInstanceHour: Policy = (xs, ctx) =>
  keepMin(xs, (i) => 3_600_000 - ((ctx.now - i.launchedAt) % 3_600_000));

const POLICIES: Readonly<Record<string, Policy>> = {
  OldestInstance: (xs) => keepMin(xs, (i) => i.launchedAt),
  NewestInstance: (xs) => keepMin(xs, (i) => -i.launchedAt),
  OldestLaunchTemplate: oldestLaunchTemplate,
  // launch configurations are not simulated: every instance uses a launch template
  OldestLaunchConfiguration: (xs) => xs,
  AllocationStrategy: (xs) => xs,
  ClosestToNextInstanceHour: closestToNextInstanceHour,
  Default: (xs, ctx) => closestToNextInstanceHour(oldestLaunchTemplate(xs, ctx), ctx),
};

/** Instances that scale-in may take: in service or pending, and not protected. */
export function isScaleInCandidate(i: GroupInstance): boolean {
  return (i.lifecycleState === 'InService' || i.lifecycleState === 'Pending') && !i.protectedFromScaleIn;
}

/**
 * Chooses the instance scale-in terminates, as AWS documents: first the zones with the most instances
 * that still have an unprotected one, then the group's termination policies in order among their
 * unprotected instances, then at random. Undefined when every instance is protected.
 */
export function chooseInstanceToTerminate(
  instances: readonly GroupInstance[],
  ctx: TerminationContext,
): GroupInstance | undefined {
  const active = instances.filter((i) => i.lifecycleState === 'InService' || i.lifecycleState === 'Pending');
  const perZone = new Map<string, number>();
  for (const i of active) perZone.set(i.availabilityZone, (perZone.get(i.availabilityZone) ?? 0) + 1);
  const open = active.filter(isScaleInCandidate);
  if (!open.length) return undefined;
  const most = Math.max(...open.map((i) => perZone.get(i.availabilityZone) ?? 0));
  let candidates = open.filter((i) => perZone.get(i.availabilityZone) === most);
  const policies = ctx.policies.length ? ctx.policies : ['Default'];
  for (const name of policies) {
    if (candidates.length <= 1) break;
    const policy = POLICIES[name];
    if (policy) candidates = policy(candidates, ctx);
  }
  const pick = ctx.pick ?? ((xs) => xs[Math.floor(Math.random() * xs.length)]!);
  return candidates.length === 1 ? candidates[0] : pick(candidates);
}
