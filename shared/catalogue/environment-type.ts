import { z } from 'zod';
import { FreezeWindows } from './freeze-window';
import { Name, Text } from './names';

/** The actions this portal acts on when an environment type protects them (an approval or an extra grant). */
export const ProtectedAction = z.enum(['deploy', 'toggle-slices', 'operate-asgs', 'lock-environments']);
export type ProtectedAction = z.infer<typeof ProtectedAction>;

/**
 * A name in a type's `ProtectedActions`: one of ours, or any other, as the original's free-form list held
 * them (`BULK_PATCH_AMI`, `SCHEDULE_ENVIRONMENT`): kept, exported and answered by `/protected?action=`.
 */
export const ProtectedActionName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be an action name such as deploy or BULK_PATCH_AMI');

/**
 * Where the original's Consul agents found their servers. Kept and exported: this portal has no Consul
 * (target state comes from launch templates).
 */
export const ConsulSettings = z
  .strictObject({
    DataCenter: Text(64).min(1, 'must not be empty').optional(),
    Port: z.number().int().min(1).max(65535).optional(),
    SecurityTokenPath: z
      .strictObject({
        Bucket: Text(255).min(1, 'must not be empty').optional(),
        Key: Text(1024).min(1, 'must not be empty').optional(),
      })
      .optional(),
    Servers: z.array(Text(255).min(1, 'must not be empty')).max(20).optional(),
  })
  .meta({ id: 'ConsulSettings' });
export type ConsulSettings = z.infer<typeof ConsulSettings>;

/**
 * One of the original's subnet types (`PrivateApp`, `Secure`...): a subnet per availability zone, and
 * whether server roles in the `Secure` security zone may use it. Kept and exported, not acted on yet.
 */
export const SubnetType = z
  .strictObject({
    AvailabilityZoneA: Text(64).optional(),
    AvailabilityZoneB: Text(64).optional(),
    AvailabilityZoneC: Text(64).optional(),
    AvailabilityZoneD: Text(64).optional(),
    AvailabilityZoneE: Text(64).optional(),
    AvailabilityZoneF: Text(64).optional(),
    Secure: z.boolean().optional(),
  })
  .meta({ id: 'SubnetType' });
export type SubnetType = z.infer<typeof SubnetType>;

/** What an environment type holds: where its environments live and what is protected there. */
export const EnvironmentTypeValue = z
  .strictObject({
    Description: Text(500).optional(),
    AWSAccountNumber: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account number')
      .optional(),
    AWSAccountName: Name.optional(),
    Region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')
      .optional(),
    ProtectedActions: z.array(ProtectedActionName).max(50).optional(),
    RequiresApproval: z.boolean().optional(),
    FreezeWindows: FreezeWindows.optional().describe(
      'periods when deployments and image patches to every environment of the type are refused (423) unless overridden with break-glass',
    ),
    DeploymentBucket: Text(255).optional(),
    Consul: ConsulSettings.optional(),
    LoadBalancers: z
      .array(Text(255).min(1, 'must not be empty'))
      .max(50)
      .optional()
      .describe("the original's load balancers of the type; kept, not acted on yet"),
    Subnets: z
      .record(Name, SubnetType)
      .refine((s) => Object.keys(s).length <= 20, 'must name at most 20 subnet types')
      .optional()
      .describe('subnet types by name, as server roles name them in SubnetTypeName'),
    VpcId: Text(64).min(1, 'must not be empty').optional(),
    SchemaVersion: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'EnvironmentTypeValue' });
export type EnvironmentTypeValue = z.infer<typeof EnvironmentTypeValue>;

/** An environment type as the API shows and accepts it. */
export const EnvironmentType = z
  .strictObject({
    EnvironmentType: Name,
    Value: EnvironmentTypeValue,
    Version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'EnvironmentType' });
export type EnvironmentType = z.infer<typeof EnvironmentType>;
