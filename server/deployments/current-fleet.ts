import { ConflictError } from '../errors/domain-errors';
import type { FleetPass } from '../fleet/fleet-pass';
import type { AssessedPlan } from '../governance/deployability';

/**
 * Refuses a blue/green deployment onto the slice that takes traffic (the engine would refuse it a step
 * later); nothing to check for scale-up patching.
 */
export async function assertSliceIsIdle(plan: AssessedPlan, fleet: FleetPass): Promise<void> {
  const r = plan.resources;
  if (plan.mode !== 'bg' || !r.LoadBalancer || !r.TargetGroups || r.ListenerPort === undefined) return;
  const traffic = await fleet.sliceRouting({
    loadBalancer: r.LoadBalancer,
    listenerPort: r.ListenerPort,
    targetGroups: r.TargetGroups,
  });
  const slice = plan.slice === 'green' ? 'green' : 'blue';
  if (traffic && traffic.slices[slice].weight > 0) {
    throw new ConflictError(
      `the ${slice} slice takes ${traffic.slices[slice].weight}% of ${plan.service}'s traffic in ${plan.environment}: deploy to the other slice`,
    );
  }
}

/** Adds what the fleet says to a dry run's plan: the versions the target group runs now and its size. */
export async function withCurrentFleet<P extends AssessedPlan>(plan: P, fleet: FleetPass): Promise<P> {
  await assertSliceIsIdle(plan, fleet);
  const group = await fleet.group(plan.resources.AutoScalingGroup);
  if (!group)
    return { ...plan, warnings: [`Auto Scaling group ${plan.autoScalingGroupName} does not exist`] };
  const refs = group.Instances.flatMap((i) =>
    i.LaunchTemplate
      ? [{ templateId: i.LaunchTemplate.LaunchTemplateId, version: i.LaunchTemplate.Version }]
      : [],
  );
  const versions = await fleet.templateVersions(refs);
  const currentVersions = [
    ...new Set(
      [...versions.values()].flatMap((v) =>
        (v.payload?.services ?? []).filter((s) => s.name === plan.service).map((s) => s.version),
      ),
    ),
  ];
  return { ...plan, currentVersions, instances: group.Instances.length };
}
