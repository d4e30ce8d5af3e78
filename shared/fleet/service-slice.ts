import { z } from 'zod';
import { SliceName } from './slice-name';

/** A slice of a blue/green service: the original `UpstreamSlice` fields with its weight, version and counts. */
export const ServiceSlice = z
  .strictObject({
    EnvironmentName: z.string(),
    ServiceName: z.string(),
    ServerRole: z.string(),
    OwningCluster: z.string(),
    Name: SliceName,
    /** Active while the listener sends it traffic (weight > 0). */
    State: z.enum(['Active', 'Inactive']),
    Weight: z.number().int(),
    /** The version most of the slice's instances run; null when it has none. */
    Version: z.string().nullable(),
    InstanceCount: z.number().int(),
    /** Targets the load balancer finds healthy. */
    HealthyCount: z.number().int(),
  })
  .meta({ id: 'ServiceSlice' });
export type ServiceSlice = z.infer<typeof ServiceSlice>;
