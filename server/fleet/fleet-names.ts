import type { SliceName } from '@shared/fleet/slice-name';

/** The port of a blue/green role's listener: the one its slices' weights are set on. */
export const SLICE_LISTENER_PORT = 80;

/** An ASG that a server role runs on in an environment. */
export interface RoleGroupName {
  readonly name: string;
  readonly slice?: SliceName;
}

/** The load balancer, listener and slice target groups of a blue/green role. */
export interface SliceRoutingNames {
  readonly loadBalancer: string;
  readonly listenerPort: number;
  readonly targetGroups: Readonly<Record<SliceName, string>>;
}

/** Every AWS resource name of one server role in one environment. */
export interface RoleNames {
  /** `{environment}-{clusterShortName}-{role}`. */
  readonly baseName: string;
  /** One group, or one per slice (`{baseName}-blue`, `{baseName}-green`) for FleetPerSlice roles. */
  readonly groups: readonly RoleGroupName[];
  /** Set for FleetPerSlice roles: load balancer `{environment}-{role}`, target groups `{environment}-{role}-{slice}`. */
  readonly routing?: SliceRoutingNames;
}

/** What the names are made of: the environment, the owning cluster's short name and the role. */
export interface RoleNaming {
  readonly environment: string;
  readonly clusterShortName: string;
  readonly role: string;
  readonly fleetPerSlice: boolean;
}

const SLICES: readonly SliceName[] = ['blue', 'green'];

/** The other slice of a blue/green pair. */
export function otherSlice(slice: SliceName): SliceName {
  return slice === 'blue' ? 'green' : 'blue';
}

/**
 * The naming rule of the estate (as the original's): the one place that turns a role of an
 * environment into the names of its ASGs, load balancer, listener and target groups.
 */
export function roleNames(n: RoleNaming): RoleNames {
  const baseName = `${n.environment}-${n.clusterShortName}-${n.role}`;
  if (!n.fleetPerSlice) return { baseName, groups: [{ name: baseName }] };
  const balancer = `${n.environment}-${n.role}`;
  return {
    baseName,
    groups: SLICES.map((slice) => ({ name: `${baseName}-${slice}`, slice })),
    routing: {
      loadBalancer: balancer,
      listenerPort: SLICE_LISTENER_PORT,
      targetGroups: { blue: `${balancer}-blue`, green: `${balancer}-green` },
    },
  };
}

/** The group of a role for a slice (`none`: the role's only group). */
export function groupFor(names: RoleNames, slice: SliceName | 'none'): string {
  if (slice === 'none') return names.baseName;
  const group = names.groups.find((g) => g.slice === slice);
  if (!group) throw new Error(`role ${names.baseName} has no ${slice} slice`);
  return group.name;
}
