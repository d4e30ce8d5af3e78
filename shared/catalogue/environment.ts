import { z } from 'zod';
import { Name, Text } from './names';

/** What an environment holds: its type, owning team and deployment map. */
export const EnvironmentValue = z
  .strictObject({
    EnvironmentType: Name,
    OwningCluster: Name,
    DeploymentMap: Name,
    Description: Text(500).optional(),
    FreezeWindows: z
      .array(
        z
          .strictObject({
            Start: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
            End: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
            Reason: Text(200).optional(),
          })
          .refine((w) => Date.parse(w.Start) < Date.parse(w.End), {
            message: 'must end after it starts',
            path: ['End'],
          }),
      )
      .max(50)
      .optional()
      .describe('periods when deployments to the environment are refused (423)'),
    AlertSettings: z.enum(['EnvironmentOwner', 'ServiceOwner', 'ContactEmailTag', 'Custom']).optional(),
    NotificationSettingsId: Text(200)
      .min(1, 'must not be empty')
      .optional()
      .describe("the original's notification settings record; kept, not acted on yet"),
    SchemaVersion: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'EnvironmentValue' });
export type EnvironmentValue = z.infer<typeof EnvironmentValue>;

/** An environment as the API shows and accepts it. */
export const Environment = z
  .strictObject({
    EnvironmentName: Name,
    Value: EnvironmentValue,
    Version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'Environment' });
export type Environment = z.infer<typeof Environment>;
