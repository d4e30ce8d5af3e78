import { z } from 'zod';
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
