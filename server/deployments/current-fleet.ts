import type { DeploymentPlan } from '@shared/deployments/deployment';
import { ConflictError } from '../errors/domain-errors';
import type { FleetOperations } from './fleet-operations';

/**
 * Adds what the fleet says to a plan: the versions the target group runs now and its size; and refuses a
 * blue/green deployment onto the slice that takes traffic (the engine would refuse it a step later).
 */
export async function withCurrentFleet(
  plan: DeploymentPlan,
  fleet: FleetOperations,
): Promise<DeploymentPlan> {
  const [group] = await fleet.describeGroups([plan.autoScalingGroupName]);
  if (!group)
    return { ...plan, warnings: [`Auto Scaling group ${plan.autoScalingGroupName} does not exist`] };
  const versions = [
    ...new Set(group.instances.map((i) => i.launchTemplateVersion).filter((v): v is string => !!v)),
  ];
  const running = await Promise.all(versions.map((v) => fleet.templateServices(group.launchTemplate.id, v)));
  const currentVersions = [
    ...new Set(
      running
        .flat()
        .filter((s) => s.name === plan.service)
        .map((s) => s.version),
    ),
  ];
  if (plan.mode === 'bg') {
    const traffic = await fleet.sliceTraffic(plan.environment, plan.serverRole);
    const slice = plan.slice as 'blue' | 'green';
    if (traffic && traffic.slices[slice].weight > 0) {
      throw new ConflictError(
        `the ${slice} slice takes ${traffic.slices[slice].weight}% of ${plan.service}'s traffic in ${plan.environment}: deploy to the other slice`,
      );
    }
  }
  return { ...plan, currentVersions, instances: group.instances.length };
}
