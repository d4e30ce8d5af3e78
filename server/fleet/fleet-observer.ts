import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { SliceName } from '@shared/fleet/slice-name';
import type { AutoScalingGateway } from './auto-scaling-gateway';
import type { EnvironmentLayout, RoleLayout } from './environment-layout';
import {
  templateVersionKey,
  type InstancePayload,
  type LaunchTemplateGateway,
  type TemplateVersionRef,
} from './launch-template-gateway';
import type { LoadBalancerGateway, SliceRouting } from './load-balancer-gateway';

/** An instance of a role's ASG and the services its launch template version runs. */
export interface ObservedInstance {
  readonly id: string;
  readonly lifecycleState: string;
  readonly healthStatus: string;
  readonly services: InstancePayload['services'];
}

/** One expected ASG of a role: the group when it exists, and its instances. */
export interface ObservedGroup {
  readonly name: string;
  readonly slice?: SliceName;
  readonly group?: AutoScalingGroup;
  readonly instances: readonly ObservedInstance[];
}

/** A server role as it runs: its ASGs and, for FleetPerSlice roles, its listener's routing. */
export interface ObservedRole {
  readonly layout: RoleLayout;
  readonly groups: readonly ObservedGroup[];
  readonly routing?: SliceRouting;
}

function templateRef(i: AutoScalingGroup['Instances'][number]): TemplateVersionRef | undefined {
  const lt = i.LaunchTemplate;
  return lt ? { templateId: lt.LaunchTemplateId, version: lt.Version } : undefined;
}

/**
 * Reads what runs for some roles of an environment: one batched DescribeAutoScalingGroups for all their
 * ASGs, the launch template versions in use (cached), and the listeners of the blue/green roles.
 */
export class FleetObserver {
  constructor(
    private readonly autoScaling: AutoScalingGateway,
    private readonly launchTemplates: LaunchTemplateGateway,
    private readonly loadBalancers: LoadBalancerGateway,
  ) {}

  async observe(
    layout: EnvironmentLayout,
    roles: readonly RoleLayout[] = layout.roles,
  ): Promise<ObservedRole[]> {
    const [groups, routings] = await Promise.all([
      this.autoScaling.describeGroups(roles.flatMap((r) => r.groups.map((g) => g.name))),
      Promise.all(roles.map((r) => (r.routing ? this.loadBalancers.sliceRouting(r.routing) : undefined))),
    ]);
    const byName = new Map(groups.map((g) => [g.AutoScalingGroupName, g]));
    const refs = groups.flatMap((g) => g.Instances.flatMap((i) => templateRef(i) ?? []));
    const unique = [...new Map(refs.map((r) => [templateVersionKey(r), r])).values()];
    const payloads = unique.length
      ? await this.launchTemplates.payloads(unique)
      : new Map<string, InstancePayload>();
    return roles.map((layoutRole, index) => {
      const routing = routings[index];
      return {
        layout: layoutRole,
        groups: layoutRole.groups.map((expected): ObservedGroup => {
          const group = byName.get(expected.name);
          const instances = (group?.Instances ?? []).map((i): ObservedInstance => {
            const ref = templateRef(i);
            return {
              id: i.InstanceId,
              lifecycleState: i.LifecycleState,
              healthStatus: i.HealthStatus,
              services: (ref && payloads.get(templateVersionKey(ref))?.services) || [],
            };
          });
          return { ...expected, ...(group ? { group } : {}), instances };
        }),
        ...(routing ? { routing } : {}),
      };
    });
  }
}
