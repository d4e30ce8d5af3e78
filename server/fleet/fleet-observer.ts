import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { SliceName } from '@shared/fleet/slice-name';
import type { EnvironmentLayout, RoleLayout } from './environment-layout';
import type { FleetPass } from './fleet-pass';
import type { InstanceUserData } from './instance-user-data';
import { templateVersionKey, type TemplateVersionRef } from './launch-templates';
import type { SliceRouting } from './load-balancing';

/** An instance of a role's ASG and the services its launch template version runs. */
export interface ObservedInstance {
  readonly id: string;
  readonly lifecycleState: string;
  readonly healthStatus: string;
  readonly services: InstanceUserData['services'];
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
 * Reads what runs for some roles of an environment, through one FleetPass: one batched
 * DescribeAutoScalingGroups for all their ASGs, the launch template versions in use (numbered versions
 * from the process's cache), and the listeners of the blue/green roles.
 */
export async function observeRoles(
  fleet: FleetPass,
  layout: EnvironmentLayout,
  roles: readonly RoleLayout[] = layout.roles,
): Promise<ObservedRole[]> {
  const [groups, routings] = await Promise.all([
    fleet.groups(roles.flatMap((r) => r.groups.map((g) => g.name))),
    Promise.all(roles.map((r) => (r.routing ? fleet.sliceRouting(r.routing) : undefined))),
  ]);
  const byName = new Map(groups.map((g) => [g.AutoScalingGroupName, g]));
  const refs = groups.flatMap((g) => g.Instances.flatMap((i) => templateRef(i) ?? []));
  const versions = await fleet.templateVersions(refs);
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
            services: (ref && versions.get(templateVersionKey(ref))?.payload?.services) || [],
          };
        });
        return { ...expected, ...(group ? { group } : {}), instances };
      }),
      ...(routing ? { routing } : {}),
    };
  });
}
