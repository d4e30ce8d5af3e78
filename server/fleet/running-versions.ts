import type { RunningVersion } from '@shared/fleet/running-service';
import type { ObservedGroup } from './fleet-observer';

/** A version of a named service and the number of instances running it. */
export type NamedRunningVersion = RunningVersion & { readonly Name: string };

/** Counts the service versions that the groups' instances run (all services, or only `service`). */
export function runningVersions(groups: readonly ObservedGroup[], service?: string): NamedRunningVersion[] {
  const counts = new Map<string, NamedRunningVersion>();
  for (const g of groups) {
    for (const i of g.instances) {
      if (i.lifecycleState.startsWith('Terminat')) continue;
      for (const s of i.services) {
        if (service !== undefined && s.name !== service) continue;
        const slice = g.slice ?? 'none';
        const key = `${s.name}\u0000${s.version}\u0000${slice}`;
        const known = counts.get(key);
        counts.set(key, {
          Name: s.name,
          Version: s.version,
          Slice: slice,
          InstanceCount: (known?.InstanceCount ?? 0) + 1,
        });
      }
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.Name.localeCompare(b.Name) || a.Slice.localeCompare(b.Slice) || a.Version.localeCompare(b.Version),
  );
}
