import { z } from 'zod';

/** `PUT /environments/{name}/deploy-lock`. */
export const DeployLockUpdate = z
  .strictObject({ DeploymentsLocked: z.boolean() })
  .meta({ id: 'DeployLockUpdate' });

/** `PUT /environments/{name}/maintenance`. */
export const MaintenanceUpdate = z
  .strictObject({ InMaintenance: z.boolean() })
  .meta({ id: 'MaintenanceUpdate' });

/** An environment with its operations state, as `GET /environments` shows it. */
export const OpsEnvironment = z
  .strictObject({
    EnvironmentName: z.string(),
    Value: z.strictObject({
      EnvironmentType: z.string(),
      OwningCluster: z.string(),
      DeploymentMap: z.string(),
      Description: z.string().optional(),
      DeploymentsLocked: z.boolean(),
      InMaintenance: z.boolean(),
    }),
    Version: z.number().int().min(0).describe('version of the operations state (0 until first changed)'),
  })
  .meta({ id: 'OpsEnvironment' });
export type OpsEnvironment = z.infer<typeof OpsEnvironment>;
