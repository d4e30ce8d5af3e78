import type { RunningService, RunningVersion } from '@shared/fleet/running-service';

/** One environment's services, or undefined while loading or when it failed (such a column takes no part). */
export interface MatrixColumn {
  readonly environment: string;
  readonly services: readonly RunningService[] | undefined;
}

/** A service's row: one cell per column ('' where it does not run), and whether the versions differ. */
export interface MatrixRow {
  readonly service: string;
  readonly cells: readonly string[];
  readonly differs: boolean;
}

const sliceOrder = { blue: 0, green: 1, none: 2 } as const;

/**
 * One row per service across the columns, by name. A row differs when the loaded columns do not all
 * run the same set of versions; not running at all counts as a set of its own.
 */
export function versionMatrix(columns: readonly MatrixColumn[]): MatrixRow[] {
  const names = new Set(columns.flatMap((column) => (column.services ?? []).map((s) => s.Name)));
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((service) => {
      const versions = columns.map((column) =>
        column.services?.filter((s) => s.Name === service).flatMap((s) => s.Versions),
      );
      const signatures = new Set(
        versions.filter((v) => v !== undefined).map((v) => distinctVersions(v).join('\n')),
      );
      return { service, cells: versions.map((v) => versionCell(v ?? [])), differs: signatures.size > 1 };
    });
}

/**
 * What runs of a service in one environment, in words: the version alone when there is one, else each
 * version with its slice and instance count (`2.9.0 (blue, 2) / 2.8.1 (green, 2)`); '' when none runs.
 */
export function versionCell(versions: readonly RunningVersion[]): string {
  if (distinctVersions(versions).length <= 1) {
    return distinctVersions(versions)[0] ?? '';
  }
  // the same version and slice on two server roles is one group of instances to the reader
  const merged = new Map<string, RunningVersion>();
  for (const v of versions) {
    const key = `${v.Slice}\n${v.Version}`;
    const seen = merged.get(key);
    merged.set(key, { ...v, InstanceCount: (seen?.InstanceCount ?? 0) + v.InstanceCount });
  }
  return [...merged.values()]
    .sort((a, b) => sliceOrder[a.Slice] - sliceOrder[b.Slice] || b.Version.localeCompare(a.Version))
    .map((v) =>
      v.Slice === 'none'
        ? `${v.Version} (${v.InstanceCount})`
        : `${v.Version} (${v.Slice}, ${v.InstanceCount})`,
    )
    .join(' / ');
}

function distinctVersions(versions: readonly RunningVersion[]): string[] {
  return [...new Set(versions.map((v) => v.Version))].sort();
}
