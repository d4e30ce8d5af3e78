import type { RunningService, RunningVersion } from '@shared/fleet/running-service';

/** Builds a running service for specs: each version as `'2.9.0'` (no slice, 2 instances) or a full record. */
export function testRunningService(
  name: string,
  versions: readonly (string | RunningVersion)[],
  options: { role?: string; environment?: string } = {},
): RunningService {
  return {
    Name: name,
    EnvironmentName: options.environment ?? 'int1',
    ServerRole: options.role ?? 'Web',
    OwningCluster: 'Infra',
    Versions: versions.map((v) =>
      typeof v === 'string' ? { Version: v, Slice: 'none', InstanceCount: 2 } : v,
    ),
  };
}
