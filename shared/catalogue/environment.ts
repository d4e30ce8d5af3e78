import { z } from 'zod';
import { FreezeWindows } from './freeze-window';
import { Name, Text } from './names';

/** What an environment holds: its type, owning team and deployment map. */
export const EnvironmentValue = z
  .strictObject({
    EnvironmentType: Name,
    OwningCluster: Name,
    DeploymentMap: Name,
    Description: Text(500).optional(),
    FreezeWindows: FreezeWindows.optional(),
    AlertSettings: z.enum(['EnvironmentOwner', 'ServiceOwner', 'ContactEmailTag', 'Custom']).optional(),
    NotificationSettingsId: Text(200)
      .min(1, 'must not be empty')
      .optional()
      .describe('the notification settings (/config/notification-settings) whose webhooks get its events'),
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
