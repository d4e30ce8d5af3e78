import type { RunningService } from '@shared/fleet/running-service';
import type { ObservedRole } from './fleet-observer';
import { runningVersions } from './running-versions';

/** The `/services` reply: each service running on each role of the environment, with its versions by slice. */
export function runningServicesView(environment: string, roles: readonly ObservedRole[]): RunningService[] {
  const out: RunningService[] = [];
  for (const r of roles) {
    const byService = new Map<string, RunningService['Versions']>();
    for (const v of runningVersions(r.groups)) {
      const versions = byService.get(v.Name) ?? [];
      versions.push({ Version: v.Version, Slice: v.Slice, InstanceCount: v.InstanceCount });
      byService.set(v.Name, versions);
    }
    for (const [name, versions] of byService) {
      out.push({
        Name: name,
        EnvironmentName: environment,
        ServerRole: r.layout.role,
        OwningCluster: r.layout.cluster,
        Versions: versions,
      });
    }
  }
  return out.sort((a, b) => a.Name.localeCompare(b.Name) || a.ServerRole.localeCompare(b.ServerRole));
}
