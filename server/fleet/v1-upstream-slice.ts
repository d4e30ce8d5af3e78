import { z } from 'zod';
import type { ServiceSlice } from '@shared/fleet/service-slice';
import { SliceName } from '@shared/fleet/slice-name';
import type { SliceRoutingNames } from './fleet-names';
import { upstreamKey, upstreamName } from './v1-upstream-names';

/** The original's `UpstreamSlice`: a slice of a service's upstream, as `/upstreams/{name}/slices` listed it. */
export const UpstreamSlice = z
  .object({
    Key: z.string(),
    EnvironmentName: z.string(),
    ServiceName: z.string(),
    UpstreamName: z.string(),
    DnsName: z.string().describe("the slice's target group"),
    Port: z.number().int().nullable().describe("the service's port of the slice"),
    OwningCluster: z.string(),
    Name: SliceName.describe('the slice, named as `/services/{service}/slices` names it'),
    State: z.enum(['Active', 'Inactive']),
    Weight: z.number().int().describe("the slice's share of the listener's traffic, in percent"),
    Version: z.string().nullable().describe('the version most of its instances run'),
  })
  .meta({ id: 'UpstreamSlice' });
export type UpstreamSlice = z.infer<typeof UpstreamSlice>;

/** The service's slices (as the fleet shows them) named as the original's upstream slices. */
export function upstreamSlicesView(
  slices: readonly ServiceSlice[],
  routing: SliceRoutingNames,
  ports: Readonly<Partial<Record<SliceName, number>>>,
): UpstreamSlice[] {
  return slices.map((s) => ({
    Key: upstreamKey(s.EnvironmentName, s.ServiceName),
    EnvironmentName: s.EnvironmentName,
    ServiceName: s.ServiceName,
    UpstreamName: upstreamName(s.EnvironmentName, s.ServiceName),
    DnsName: routing.targetGroups[s.Name],
    Port: ports[s.Name] ?? null,
    OwningCluster: s.OwningCluster,
    Name: s.Name,
    State: s.State,
    Weight: s.Weight,
    Version: s.Version,
  }));
}
