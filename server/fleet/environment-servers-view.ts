import type {
  EnvironmentAsg,
  EnvironmentServers,
  RoleGroup,
  ServerRole,
  ServersStatus,
  SliceWeight,
} from '@shared/fleet/environment-servers';
import type { AsgImage } from '@shared/fleet/image';
import { healthWarning } from '@shared/fleet/group-health';
import type { SliceName } from '@shared/fleet/slice-name';
import type { ObservedGroup, ObservedRole } from './fleet-observer';
import { isInService } from './is-in-service';
import { runningVersions } from './running-versions';
import type { SliceRouting } from './load-balancing';

/** Auto Scaling's `Status` of a group while DeleteAutoScalingGroup works on it. */
const DELETING = 'Delete in progress';

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

/** Why a group that exists is not Healthy; undefined when it is. */
function warning(g: RoleGroup): string | undefined {
  return healthWarning({ desired: g.Size.Desired, live: g.Size.Current, healthy: g.HealthyCount });
}

function status(groups: readonly RoleGroup[]): ServersStatus {
  if (groups.some((g) => !g.Exists)) return 'Missing';
  return groups.some((g) => warning(g) !== undefined) ? 'Warning' : 'Healthy';
}

function roleView(r: ObservedRole, groups: readonly RoleGroup[]): ServerRole {
  return {
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
    AutoScalingGroups: [...groups],
    ...(r.routing ? { Slices: sliceWeights(r.routing) } : {}),
  };
}

function asgView(
  r: ObservedRole,
  observed: ObservedGroup,
  g: RoleGroup,
  image: AsgImage | undefined,
): EnvironmentAsg {
  const reason = warning(g);
  const tags = observed.group?.Tags ?? [];
  return {
    Name: g.Name,
    Role: r.layout.role,
    Cluster: r.layout.cluster,
    Status: reason === undefined ? { Status: 'Healthy', Reason: '' } : { Status: 'Warning', Reason: reason },
    Schedule: tags.find((t) => t.Key === 'Schedule')?.Value ?? '',
    IsBeingDeleted: observed.group?.Status === DELETING,
    Size: g.Size,
    Services: g.Services.map((s) => ({
      Name: s.Name,
      FriendlyName: s.Name,
      Version: s.Version,
      Slice: s.Slice,
    })),
    Ami: image ?? null,
    ...(g.Slice ? { Slice: g.Slice } : {}),
    InServiceCount: g.InServiceCount,
    HealthyCount: g.HealthyCount,
  };
}

/**
 * The `/environments/{name}/servers` reply: the ASGs that exist, one `Value` item each as the original
 * listed them (with the image each launches new instances with, from `images` by group name), and every
 * server role of the environment's map (with the ASGs it lacks) in `ServerRoles`.
 */
export function environmentServersView(
  environment: string,
  roles: readonly ObservedRole[],
  images: ReadonlyMap<string, AsgImage>,
): EnvironmentServers {
  const value: EnvironmentAsg[] = [];
  const serverRoles = roles.map((r) => {
    const groups = r.groups.map(groupView);
    r.groups.forEach((observed, i) => {
      if (observed.group) value.push(asgView(r, observed, groups[i]!, images.get(observed.name)));
    });
    return roleView(r, groups);
  });
  return { EnvironmentName: environment, Value: value, ServerRoles: serverRoles };
}
