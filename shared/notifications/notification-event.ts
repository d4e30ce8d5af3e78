import { z } from 'zod';

/**
 * What the portal notifies about: deployments and image patch operations (started, succeeded, failed,
 * rolled back, cancelled, awaiting approval), an environment's deploy lock, a break-glass deployment into
 * a freeze window, a schedule's action, and the test a user sends from the settings page.
 */
export const NotificationEventType = z.enum([
  'deployment.started',
  'deployment.succeeded',
  'deployment.failed',
  'deployment.rolled-back',
  'deployment.cancelled',
  'deployment.awaiting-approval',
  'patch.started',
  'patch.succeeded',
  'patch.failed',
  'patch.rolled-back',
  'patch.cancelled',
  'patch.awaiting-approval',
  'environment.locked',
  'environment.unlocked',
  'break-glass.used',
  'schedule.action',
  'test',
]);
export type NotificationEventType = z.infer<typeof NotificationEventType>;

/** The groups of events a webhook may subscribe to as a whole (`deployment.*`). */
const EventGroup = z.enum(['deployment.*', 'patch.*', 'environment.*', 'break-glass.*', 'schedule.*']);

/** What a webhook's `Events` lists: `*` (every event), an event, or a group of events. */
export const EventPattern = z.union([z.literal('*'), NotificationEventType, EventGroup], {
  error: 'must be "*", an event such as deployment.failed, or a group such as deployment.*',
});
export type EventPattern = z.infer<typeof EventPattern>;

/** Whether a webhook subscribed to `patterns` gets an event of this type (a test reaches every webhook). */
export function subscribes(patterns: readonly EventPattern[], type: NotificationEventType): boolean {
  if (type === 'test') return true;
  return patterns.some(
    (p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))),
  );
}

/** The deployment (or image patch operation) an event is about. */
export const EventDeployment = z.strictObject({
  DeploymentID: z.string(),
  DeploymentType: z.string(),
  ServiceName: z.string(),
  ServiceVersion: z.string(),
  ServerRoleName: z.string().optional(),
  Status: z.string(),
  User: z.string(),
  ErrorReason: z.string().optional(),
});
export type EventDeployment = z.infer<typeof EventDeployment>;

/**
 * One event as it is kept in the outbox and sent to a webhook (the `json` format's body). `Environment`
 * names the environment whose `NotificationSettingsId` chooses the webhooks; a test names its settings.
 */
export const NotificationEvent = z
  .strictObject({
    Id: z.string(),
    Type: NotificationEventType,
    At: z.iso.datetime({ offset: true }),
    Environment: z.string().optional(),
    SettingsId: z.string().optional(),
    Summary: z.string(),
    By: z.string().optional(),
    Deployment: EventDeployment.optional(),
    /** What else the event's source tells (a lock's reason, a schedule's action...). */
    Details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: 'NotificationEvent' });
export type NotificationEvent = z.infer<typeof NotificationEvent>;
