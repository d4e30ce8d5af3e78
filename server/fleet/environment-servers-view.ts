import type { EnvironmentServers, RoleGroup, SliceWeight } from '@shared/fleet/environment-servers';
import type { SliceName } from '@shared/fleet/slice-name';
import type { ObservedGroup, ObservedRole } from './fleet-observer';
import { isInService } from './is-in-service';
import { runningVersions } from './running-versions';
import type { SliceRouting } from './load-balancing';

function groupView(g: ObservedGroup): RoleGroup {
  const live = g.instances.filter((i) => !i.lifecycleState.startsWith('Terminat'));
  return {
    Name: g.name,
    ...(g.slice ? { Slice: g.slice } : {}),
    Exists: g.group !== undefined,
    Size: { Current: live.length, Desired: g.group?.DesiredCapacity ?? 0 },
    InServiceCount: live.filter((i) => i.lifecycleState === 'InService').length,
    HealthyCount: live.filter(isInService).length,
    Services: runningVersions([g]),
  };
}

/** The traffic weights of a blue/green role's slices. */
export function sliceWeights(routing: SliceRouting): SliceWeight[] {
  return (['blue', 'green'] as const satisfies readonly SliceName[]).map((name) => {
    const weight = routing.slices[name].weight;
    return { Name: name, Weight: weight, State: weight > 0 ? 'Active' : 'Inactive' };
  });
}

function status(groups: readonly RoleGroup[]): EnvironmentServers['Value']['Status']['Status'] {
  if (groups.some((g) => !g.Exists)) return 'Missing';
  return groups.every((g) => g.HealthyCount === g.Size.Desired && g.Size.Current === g.Size.Desired)
    ? 'Healthy'
    : 'Warning';
}

/** The `/environments/{name}/servers` reply: one item per server role of the environment's map. */
export function environmentServersView(
  environment: string,
  roles: readonly ObservedRole[],
): EnvironmentServers[] {
  return roles.map((r) => {
    const groups = r.groups.map(groupView);
    return {
      EnvironmentName: environment,
      Value: {
        Name: r.layout.baseName,
        Role: r.layout.role,
        Cluster: r.layout.cluster,
        FleetPerSlice: r.layout.fleetPerSlice,
        HostedServices: [...r.layout.services],
        Services: runningVersions(r.groups),
        Size: {
          Current: groups.reduce((n, g) => n + g.Size.Current, 0),
          Desired: groups.reduce((n, g) => n + g.Size.Desired, 0),
        },
        Status: { Status: status(groups) },
        AutoScalingGroups: groups,
        ...(r.routing ? { Slices: sliceWeights(r.routing) } : {}),
      },
    };
  });
}
