import { z } from 'zod';
import { Name, Text } from './names';

/** Capacity of a server role's ASG. */
export const AutoScalingSettings = z
  .strictObject({
    MinCapacity: z.number().int().min(0).max(100),
    DesiredCapacity: z.number().int().min(0).max(100),
    MaxCapacity: z.number().int().min(0).max(100),
  })
  .refine((s) => s.MinCapacity <= s.DesiredCapacity && s.DesiredCapacity <= s.MaxCapacity, {
    message: 'must satisfy MinCapacity <= DesiredCapacity <= MaxCapacity',
    path: ['DesiredCapacity'],
  });
export type AutoScalingSettings = z.infer<typeof AutoScalingSettings>;

/**
 * A disk of a server role's instances, as the original described it (`OS` or `Data`, a size in GB,
 * `SSD` or `Disk`). Kept and exported; launch templates here do not size disks from it yet.
 */
export const Volume = z
  .strictObject({
    Name: Text(64).min(1, 'must not be empty'),
    Size: z.number().int().min(0).max(10000),
    Type: Text(32).min(1, 'must not be empty'),
  })
  .meta({ id: 'Volume' });
export type Volume = z.infer<typeof Volume>;

/** A server role: one ASG per environment (or one per slice), hosting some services. */
export const DeploymentTarget = z
  .strictObject({
    ServerRoleName: Name,
    OwningCluster: Name,
    Services: z.array(z.strictObject({ ServiceName: Name })).max(50),
    AutoScalingSettings,
    InstanceType: z.string().regex(/^[a-z0-9]+\.[a-z0-9]+$/, 'must be an EC2 instance type such as t3.small'),
    AMI: Text(128).optional(),
    FleetPerSlice: z.boolean().optional(),
    HealthCheckPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be an absolute URL path')
      .max(200)
      .optional(),
    ContactEmailTag: z.email().max(254).optional(),
    SecurityZone: Name.optional(),
    RoleTag: Name.optional(),
    SubnetTypeName: Name.optional().describe(
      "the original's subnet type (a key of the environment type's Subnets); kept, not acted on yet",
    ),
    Volumes: z.array(Volume).max(16).optional(),
  })
  .meta({ id: 'DeploymentTarget' });
export type DeploymentTarget = z.infer<typeof DeploymentTarget>;

/** What a deployment map holds: its server roles. */
export const DeploymentMapValue = z
  .strictObject({
    Description: Text(500).optional(),
    DeploymentTarget: z
      .array(DeploymentTarget)
      .max(40)
      .refine(
        (ts) => new Set(ts.map((t) => t.ServerRoleName)).size === ts.length,
        'server role names must be unique',
      ),
    SchemaVersion: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'DeploymentMapValue' });
export type DeploymentMapValue = z.infer<typeof DeploymentMapValue>;

/** A deployment map as the API shows and accepts it. */
export const DeploymentMap = z
  .strictObject({
    DeploymentMapName: Name,
    Value: DeploymentMapValue,
    Version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'DeploymentMap' });
export type DeploymentMap = z.infer<typeof DeploymentMap>;
