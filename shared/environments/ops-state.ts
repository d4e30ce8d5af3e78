import { z } from 'zod';
import { Text } from '../catalogue/names';
import { EnvironmentScheduleValue } from '../schedules/environment-schedule';

/** Why deployments to an environment are locked, in the words of whoever locked them. */
export const LockReason = Text(200);

/** A lock reason that says something (not only spaces), as the lock form checks it before sending. */
export const LockingReason = LockReason.refine(
  (reason) => reason.trim() !== '',
  'must say why deployments are locked',
);

/**
 * `PUT /environments/{name}/deploy-lock`: the v1 body `{DeploymentsLocked}` works as it did; a `Reason`
 * (the portal always asks for one) is shown to everyone refused a deployment.
 */
export const DeployLockUpdate = z
  .strictObject({
    DeploymentsLocked: z.boolean(),
    Reason: LockReason.optional().describe('why deployments are locked (ignored when unlocking)'),
  })
  .meta({ id: 'DeployLockUpdate' });
export type DeployLockUpdate = z.infer<typeof DeployLockUpdate>;

/** Who locked deployments, when and why; present only while they are locked. */
const LockDetails = {
  LockReason: LockReason.optional().describe('why deployments are locked (only while locked)'),
  LockedBy: z.string().optional().describe('the username of whoever locked them (only while locked)'),
  LockedAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
    .optional()
    .describe('when they were locked, ISO 8601 (only while locked)'),
};

/** `GET /environments/{name}/deploy-lock`: the v1 `DeploymentsLocked`, with who, when and why. */
export const DeployLock = z
  .strictObject({ DeploymentsLocked: z.boolean(), ...LockDetails })
  .meta({ id: 'DeployLock' });
export type DeployLock = z.infer<typeof DeployLock>;

/**
 * The operations state as stored and audited (`EnvironmentOps` records); a record written before a field
 * existed reads with that field off or absent.
 */
export const OpsState = z.object({
  DeploymentsLocked: z.boolean().default(false),
  ...LockDetails,
  InMaintenance: z.boolean().default(false),
  // the schedule as the original kept it, beside the lock (GET|PUT /environments/{name}/schedule)
  ...EnvironmentScheduleValue.shape,
});
export type OpsState = z.infer<typeof OpsState>;

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
      ...LockDetails,
      InMaintenance: z.boolean(),
    }),
    Version: z.number().int().min(0).describe('version of the operations state (0 until first changed)'),
  })
  .meta({ id: 'OpsEnvironment' });
export type OpsEnvironment = z.infer<typeof OpsEnvironment>;
