import { z } from 'zod';
import { Percentage, ToggleName, ToggleStateName, ToggleTargets } from '../toggles/feature-toggle';

const noTargets = { users: [], groups: [] };

/**
 * A toggle change a deployment request carries (`toggles[]` of `POST /deployments`): a toggle of the
 * deployed service, set in the target environment when the deployment ends Success.
 */
export const DeploymentToggleChange = z
  .strictObject({
    name: ToggleName,
    state: ToggleStateName,
    percentage: Percentage.optional(),
    include: ToggleTargets.default(noTargets),
    exclude: ToggleTargets.default(noTargets),
  })
  .superRefine((v, ctx) => {
    if (v.state === 'percentage' && v.percentage === undefined)
      ctx.addIssue({ code: 'custom', path: ['percentage'], message: 'is needed with state "percentage"' });
    if (v.state !== 'percentage' && v.percentage !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['percentage'],
        message: 'is given only with state "percentage"',
      });
  })
  .meta({ id: 'DeploymentToggleChange' });
export type DeploymentToggleChange = z.infer<typeof DeploymentToggleChange>;

/** The `toggles` of a deployment request: up to 20, each toggle named once. */
export const DeploymentToggleChanges = z
  .array(DeploymentToggleChange)
  .min(1)
  .max(20)
  .superRefine((changes, ctx) => {
    changes.forEach((c, i) => {
      if (changes.findIndex((o) => o.name === c.name) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'is listed twice' });
    });
  });

const StoredTargets = z.strictObject({ Users: z.array(z.string()), Groups: z.array(z.string()) });

/** A toggle change as the deployment record keeps it. */
export const RecordedToggleChange = z
  .strictObject({
    Name: z.string(),
    State: ToggleStateName,
    Percentage: z.number().optional(),
    Include: StoredTargets,
    Exclude: StoredTargets,
  })
  .meta({ id: 'RecordedToggleChange' });
export type RecordedToggleChange = z.infer<typeof RecordedToggleChange>;

/**
 * What became of one toggle change: `applied` (the setting written, linked to the deployment), `pending`
 * (the environment type protects toggle changes and no second person approved the deployment: it waits
 * for approval on the toggle), `refused` (the toggle was archived or removed since the request),
 * `left-alone` (the canary toggle was changed by someone else meanwhile, a kill switch say).
 */
export const ToggleSettingResult = z
  .strictObject({
    Name: z.string(),
    Result: z.enum(['applied', 'pending', 'refused', 'left-alone']),
    /** The version of the toggle's setting in the environment after this deployment wrote it. */
    SettingVersion: z.number().int().optional(),
    /** The toggle: `/api/v1/feature-toggles/{service}/{name}` (its setting there carries `deploymentId`). */
    Link: z.string(),
    Detail: z.string(),
  })
  .meta({ id: 'ToggleSettingResult' });
export type ToggleSettingResult = z.infer<typeof ToggleSettingResult>;

/** The feature toggles a deployment carries, and once it ended what became of them. */
export const DeploymentToggles = z
  .strictObject({
    /** The settings to write when the deployment ends Success, as requested. */
    Changes: z.array(RecordedToggleChange),
    /** Blue/green canary: the toggle whose percentage follows the traffic weight steps. */
    CanaryToggle: z.string().optional(),
    /** Set when the deployment ends: whether the changes were applied and how each went. */
    Outcome: z
      .strictObject({
        Applied: z.boolean(),
        Reason: z.string(),
        Settings: z.array(ToggleSettingResult),
      })
      .optional(),
  })
  .meta({ id: 'DeploymentToggles' });
export type DeploymentToggles = z.infer<typeof DeploymentToggles>;

/** A toggle change as a dry run shows it: the setting asked for, the setting now, what success will do. */
export const PlannedToggleChange = z
  .strictObject({
    name: z.string(),
    state: ToggleStateName,
    percentage: z.number().optional(),
    include: z.object({ users: z.array(z.string()), groups: z.array(z.string()) }),
    exclude: z.object({ users: z.array(z.string()), groups: z.array(z.string()) }),
    /** Its setting in the environment now (null: never set there, so off). */
    current: z
      .strictObject({ state: ToggleStateName, percentage: z.number().optional(), version: z.number().int() })
      .nullable(),
    /**
     * On Success: `applied`; `pending` where the environment type protects toggle changes and the
     * deployment has no approver to count as the second person (someone approves it on the toggle).
     */
    onSuccess: z.enum(['applied', 'pending']),
  })
  .meta({ id: 'PlannedToggleChange' });
export type PlannedToggleChange = z.infer<typeof PlannedToggleChange>;

/** The canary toggle as a dry run shows it: its setting now, which the weights replace step by step. */
export const PlannedCanaryToggle = z
  .strictObject({
    name: z.string(),
    current: PlannedToggleChange.shape.current,
    /** The percentage at each canary step (100: on). */
    percentages: z.array(z.number()),
  })
  .meta({ id: 'PlannedCanaryToggle' });
export type PlannedCanaryToggle = z.infer<typeof PlannedCanaryToggle>;

/** The record's form of a requested change. */
export function recordedChange(c: DeploymentToggleChange): RecordedToggleChange {
  return {
    Name: c.name,
    State: c.state,
    ...(c.state === 'percentage' && c.percentage !== undefined ? { Percentage: c.percentage } : {}),
    Include: { Users: c.include.users, Groups: c.include.groups },
    Exclude: { Users: c.exclude.users, Groups: c.exclude.groups },
  };
}
