import type { ServiceHealth, ServiceStatusSummary } from '../../shared/fleet/service-health';

/** A service's (or one slice's) health in words: `Healthy, 2/2 instances healthy, 2 desired`. */
export function describeHealth(h: ServiceHealth | ServiceStatusSummary): string {
  const undesired = h.undesiredCount ? `, ${h.undesiredCount} on roles that should not run it` : '';
  return `${h.OverallHealth}, ${h.InstancesCount.Healthy}/${h.InstancesCount.Total} instances healthy, ${h.desiredCount} desired${undesired}`;
}
