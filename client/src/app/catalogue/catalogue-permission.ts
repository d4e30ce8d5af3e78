import { allows, type Grant } from '@shared/auth/permission';

/** Why the user may not create, edit or delete services of the cluster, or null when they may. */
export function editBlocker(grants: readonly Grant[], cluster: string): string | null {
  return allows(grants, 'edit-catalogue', { cluster })
    ? null
    : `You may not edit the catalogue for ${cluster} (needs edit-catalogue on ${cluster}).`;
}

/** Why the user may not create any service, or null when some cluster lets them. */
export function createBlocker(grants: readonly Grant[]): string | null {
  // a scope is "all" or a non-empty list, so any matching grant covers at least one cluster
  const somewhere = grants.some((g) =>
    allows([g], 'edit-catalogue', { cluster: g.Clusters === 'all' ? undefined : g.Clusters[0] }),
  );
  return somewhere ? null : 'You may not edit the catalogue for any team (needs edit-catalogue).';
}

/** The clusters, of those given, the user may create services in. */
export function editableClusters(grants: readonly Grant[], clusters: readonly string[]): string[] {
  return clusters.filter((cluster) => allows(grants, 'edit-catalogue', { cluster }));
}
