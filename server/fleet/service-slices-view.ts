import type { ServiceSlice } from '@shared/fleet/service-slice';
import type { ObservedRole } from './fleet-observer';
import { runningVersions } from './running-versions';

/** The `/services/{service}/slices` reply for the blue/green role hosting the service. */
export function serviceSlicesView(environment: string, service: string, role: ObservedRole): ServiceSlice[] {
  const routing = role.routing;
  if (!routing) return [];
  return role.groups.flatMap((g): ServiceSlice[] => {
    if (!g.slice) return [];
    const target = routing.slices[g.slice];
    const versions = runningVersions([g], service).sort((a, b) => b.InstanceCount - a.InstanceCount);
    return [
      {
        EnvironmentName: environment,
        ServiceName: service,
        ServerRole: role.layout.role,
        OwningCluster: role.layout.cluster,
        Name: g.slice,
        State: target.weight > 0 ? 'Active' : 'Inactive',
        Weight: target.weight,
        Version: versions[0]?.Version ?? null,
        InstanceCount: g.instances.filter((i) => !i.lifecycleState.startsWith('Terminat')).length,
        HealthyCount: target.targets.filter((t) => t.state === 'healthy').length,
      },
    ];
  });
}
