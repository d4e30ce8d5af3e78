import { z } from 'zod';
import { AsgImage } from './image';
import { RunningVersion } from './running-service';
import { SliceName, SliceOrNone } from './slice-name';

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

/** How a role or an ASG is doing: Healthy, Warning (not all instances serve), Missing (no ASG). */
export const ServersStatus = z.enum(['Healthy', 'Warning', 'Missing']);
export type ServersStatus = z.infer<typeof ServersStatus>;

/** A server role of an environment as it runs: its ASGs, what they run, and its slices' weights. */
export const ServerRole = z
  .strictObject({
    Name: z.string().describe('the base ASG name of the role'),
    Role: z.string(),
    Cluster: z.string(),
    FleetPerSlice: z.boolean(),
    HostedServices: z.array(z.string()),
    Services: z.array(RunningVersion.extend({ Name: z.string() })),
    Size: z.strictObject({ Current: z.number().int(), Desired: z.number().int() }),
    Status: z.strictObject({ Status: ServersStatus }),
    AutoScalingGroups: z.array(RoleGroup),
    Slices: z.array(SliceWeight).optional(),
  })
  .meta({ id: 'ServerRole' });
export type ServerRole = z.infer<typeof ServerRole>;

/**
 * One ASG of the environment as the original's `/environments/{name}/servers` listed it (its `Value`
 * items), with this portal's counts after the original's fields.
 */
export const EnvironmentAsg = z
  .strictObject({
    Name: z.string().describe('the ASG name'),
    Role: z.string(),
    Cluster: z.string(),
    Status: z.strictObject({
      Status: z.enum(['Healthy', 'Warning']),
      /** Why it is not Healthy; empty when it is. */
      Reason: z.string(),
    }),
    /** The ASG's `Schedule` tag; empty when it has none (schedules come with the operations work). */
    Schedule: z.string(),
    IsBeingDeleted: z.boolean(),
    Size: z.strictObject({ Current: z.number().int(), Desired: z.number().int() }),
    Services: z.array(
      z.strictObject({
        Name: z.string(),
        FriendlyName: z.string(),
        Version: z.string(),
        Slice: SliceOrNone,
      }),
    ),
    /** The image its launch template version launches new instances with; null when it is not one of the account's. */
    Ami: AsgImage.nullable(),
    Slice: SliceName.optional(),
    InServiceCount: z.number().int(),
    HealthyCount: z.number().int(),
  })
  .meta({ id: 'EnvironmentAsg' });
export type EnvironmentAsg = z.infer<typeof EnvironmentAsg>;

/**
 * The `/environments/{name}/servers` reply: the original's object (`EnvironmentName` and its ASGs in
 * `Value`), and this portal's view by server role in `ServerRoles`.
 */
export const EnvironmentServers = z
  .strictObject({
    EnvironmentName: z.string(),
    Value: z.array(EnvironmentAsg),
    ServerRoles: z.array(ServerRole),
  })
  .meta({ id: 'EnvironmentServers' });
export type EnvironmentServers = z.infer<typeof EnvironmentServers>;
