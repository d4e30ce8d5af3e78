import { z } from 'zod';
import { Name, Text } from './names';

/** Actions that an environment type may protect (they then need an approval or an extra grant). */
export const ProtectedAction = z.enum(['deploy', 'toggle-slices', 'operate-asgs', 'lock-environments']);
export type ProtectedAction = z.infer<typeof ProtectedAction>;

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
    ProtectedActions: z.array(ProtectedAction).max(10).optional(),
    RequiresApproval: z.boolean().optional(),
    DeploymentBucket: Text(255).optional(),
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
