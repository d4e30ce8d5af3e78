import { z } from 'zod';
import { RunningVersion } from './running-service';
import { SliceName } from './slice-name';

/** One ASG of a server role, with its size, health and the versions its instances run. */
export const RoleGroup = z.strictObject({
  Name: z.string(),
  Slice: SliceName.optional(),
  /** False when the map names the role but the ASG does not exist. */
  Exists: z.boolean(),
  Size: z.strictObject({ Current: z.number().int(), Desired: z.number().int() }),
  InServiceCount: z.number().int(),
  HealthyCount: z.number().int(),
  Services: z.array(RunningVersion.extend({ Name: z.string() })),
});
export type RoleGroup = z.infer<typeof RoleGroup>;

/** The traffic weight of a slice of a FleetPerSlice role. */
export const SliceWeight = z.strictObject({
  Name: SliceName,
  Weight: z.number().int(),
  State: z.enum(['Active', 'Inactive']),
});
export type SliceWeight = z.infer<typeof SliceWeight>;

/** A server role of an environment as it runs (the original `EnvironmentServers`, one item per role). */
export const EnvironmentServers = z
  .strictObject({
    EnvironmentName: z.string(),
    Value: z.strictObject({
      Name: z.string().describe('the base ASG name of the role'),
      Role: z.string(),
      Cluster: z.string(),
      FleetPerSlice: z.boolean(),
      HostedServices: z.array(z.string()),
      Services: z.array(RunningVersion.extend({ Name: z.string() })),
      Size: z.strictObject({ Current: z.number().int(), Desired: z.number().int() }),
      Status: z.strictObject({ Status: z.enum(['Healthy', 'Warning', 'Missing']) }),
      AutoScalingGroups: z.array(RoleGroup),
      Slices: z.array(SliceWeight).optional(),
    }),
  })
  .meta({ id: 'EnvironmentServers' });
export type EnvironmentServers = z.infer<typeof EnvironmentServers>;
