import type {
  InstallationCheck,
  ServiceHealth,
  ServiceInEnvironment,
  ServiceStatusSummary,
} from '@shared/fleet/service-health';
import type { SliceOrNone } from '@shared/fleet/slice-name';
import { healthOf } from './asg-servers-state-view';
import type { ObservedGroup, ObservedInstance, ObservedRole } from './fleet-observer';
import { isInService } from './is-in-service';
import { runningVersions } from './running-versions';

const live = (g: ObservedGroup) => g.instances.filter((i) => !i.lifecycleState.startsWith('Terminat'));
const runs = (i: ObservedInstance, service: string) => i.services.some((s) => s.name === service);
const sliceOf = (g: ObservedGroup): SliceOrNone => g.slice ?? 'none';

/** The slices a service has in an environment: blue and green on a blue/green role, none otherwise. */
export function slicesOf(roles: readonly ObservedRole[], service: string): SliceOrNone[] {
  const hosts = roles.filter((r) => r.layout.services.includes(service));
  const slices = new Set(hosts.flatMap((r) => r.groups.map(sliceOf)));
  return (['none', 'blue', 'green'] as const).filter((s) => slices.has(s));
}

/**
 * The health of one slice of a service (the original's `ServiceStatusSummary`): the roles whose map
 * entry hosts it should run it on every instance of their ASGs of that slice (desired); instances of
 * other roles running it are undesired.
 */
export function serviceStatusSummary(
  environment: string,
  roles: readonly ObservedRole[],
  service: string,
  slice: SliceOrNone,
): ServiceStatusSummary {
  const details = roles
    .filter((r) => r.layout.services.includes(service))
    .map((r) => {
      const groups = r.groups.filter((g) => sliceOf(g) === slice);
      const desired = groups.reduce((n, g) => n + (g.group?.DesiredCapacity ?? 0), 0);
      const on = groups.flatMap(live).filter((i) => runs(i, service));
      const healthy = on.filter(isInService).length;
      return {
        name: r.layout.role,
        desiredCount: desired,
        healthyCount: healthy,
        unhealthyCount: on.length - healthy,
        'failing-checks': [],
      };
    })
    .filter((d, _, all) => all.length === 1 || d.desiredCount > 0 || d.healthyCount + d.unhealthyCount > 0);
  const undesired = roles
    .filter((r) => !r.layout.services.includes(service))
    .flatMap((r) => r.groups.filter((g) => sliceOf(g) === slice).flatMap(live))
    .filter((i) => runs(i, service)).length;
  const desiredCount = details.reduce((n, d) => n + d.desiredCount, 0);
  const healthy = details.reduce((n, d) => n + d.healthyCount, 0);
  const total = details.reduce((n, d) => n + d.healthyCount + d.unhealthyCount, 0);
  return {
    name: slice === 'none' ? `${environment}-${service}` : `${environment}-${service}-${slice}`,
    environment,
    service,
    slice,
    desiredCount,
    desiredAndHealthyCount: Math.min(healthy, desiredCount),
    undesiredCount: undesired,
    roles: details,
    orphanedInstances: [],
    OverallHealth: healthOf(Math.min(healthy, desiredCount), desiredCount),
    InstancesCount: { Healthy: healthy, Total: total },
  };
}

/** The `/services/{service}/health` reply: the service over its slices that should have instances. */
export function serviceHealthView(
  environment: string,
  roles: readonly ObservedRole[],
  service: string,
): ServiceHealth {
  const slices = slicesOf(roles, service).map((s) => serviceStatusSummary(environment, roles, service, s));
  const wanted = slices.filter((s) => s.desiredCount > 0);
  const sum = (f: (s: ServiceStatusSummary) => number) => wanted.reduce((n, s) => n + f(s), 0);
  const desired = sum((s) => s.desiredCount);
  const desiredAndHealthy = sum((s) => s.desiredAndHealthyCount);
  return {
    Name: service,
    EnvironmentName: environment,
    OverallHealth: healthOf(desiredAndHealthy, desired),
    InstancesCount: {
      Healthy: sum((s) => s.InstancesCount.Healthy),
      Total: sum((s) => s.InstancesCount.Total),
    },
    desiredCount: desired,
    desiredAndHealthyCount: desiredAndHealthy,
    undesiredCount: slices.reduce((n, s) => n + s.undesiredCount, 0),
    Slices: slices,
  };
}

/**
 * The `/services/{service}/installationcheck/{slice}` reply: whether every instance of the slice's ASGs
 * runs the version of the service its ASG launches new instances with (`expected`, by ASG name).
 */
export function installationCheckView(
  environment: string,
  roles: readonly ObservedRole[],
  service: string,
  slice: SliceOrNone,
  expected: ReadonlyMap<string, string | undefined>,
): InstallationCheck {
  const groups = roles
    .filter((r) => r.layout.services.includes(service))
    .flatMap((r) => r.groups.filter((g) => sliceOf(g) === slice && g.group));
  const versions = [...new Set(groups.map((g) => expected.get(g.name)).filter((v) => v !== undefined))];
  const instances = groups.flatMap((g) =>
    live(g).map((i) => {
      const version = i.services.find((s) => s.name === service)?.version ?? null;
      const want = expected.get(g.name);
      return {
        InstanceId: i.id,
        AutoScalingGroupName: g.name,
        LifecycleState: i.lifecycleState,
        Version: version,
        Installed: version !== null && want !== undefined && version === want,
      };
    }),
  );
  const installed = instances.filter((i) => i.Installed).length;
  return {
    ServiceName: service,
    EnvironmentName: environment,
    Slice: slice,
    ExpectedVersion: versions.length === 1 ? versions[0]! : null,
    AllInstalled: instances.length > 0 && installed === instances.length,
    InstancesCount: { Installed: installed, Total: instances.length },
    Instances: instances,
  };
}

/** The `/services/{service}` reply: the roles hosting the service and the versions they run. */
export function serviceInEnvironmentView(
  environment: string,
  roles: readonly ObservedRole[],
  service: string,
): ServiceInEnvironment {
  return {
    Name: service,
    EnvironmentName: environment,
    ServerRoles: roles
      .filter((r) => r.layout.services.includes(service))
      .map((r) => ({
        ServerRole: r.layout.role,
        OwningCluster: r.layout.cluster,
        FleetPerSlice: r.layout.fleetPerSlice,
        AutoScalingGroups: r.groups.filter((g) => g.group).map((g) => g.name),
        Versions: runningVersions(r.groups, service).map(({ Version, Slice, InstanceCount }) => ({
          Version,
          Slice,
          InstanceCount,
        })),
      })),
  };
}
