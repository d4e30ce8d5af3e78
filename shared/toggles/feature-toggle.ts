import { z } from 'zod';
import { Name, Text } from '../catalogue/names';

/** A toggle's name: lower-case letters, digits, `-`, `_` and `.` (as code names it), 1 to 64. */
export const ToggleName = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'may contain only lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** What a toggle is for: a release held dark, an experiment, an operations kill switch, a permission. */
export const ToggleType = z.enum(['release', 'experiment', 'ops', 'permission']);
export type ToggleType = z.infer<typeof ToggleType>;

/** `POST /feature-toggles`. */
export const NewFeatureToggle = z
  .strictObject({
    service: Name,
    name: ToggleName,
    description: Text(1000).default(''),
    type: ToggleType.default('release'),
  })
  .meta({ id: 'NewFeatureToggle' });
export type NewFeatureToggle = z.infer<typeof NewFeatureToggle>;

/** A user id or a group name a toggle targets: any printable text up to 200 characters. */
const Target = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\s\u0000-\u001F\u007F]+$/, 'must be one word without spaces');

/** The users and groups a toggle is always on (include) or always off (exclude) for. */
export const ToggleTargets = z
  .strictObject({
    users: z.array(Target).max(1000).default([]),
    groups: z.array(Target).max(200).default([]),
  })
  .meta({ id: 'ToggleTargets' });
export type ToggleTargets = z.infer<typeof ToggleTargets>;

/** The users and groups a setting lists, as shown. */
const TargetsView = z.object({ users: z.array(z.string()), groups: z.array(z.string()) });

/** Off, on, or on for a share of users (sticky by user id). */
export const ToggleStateName = z.enum(['off', 'on', 'percentage']);
export type ToggleStateName = z.infer<typeof ToggleStateName>;

/** A share of users in hundredths of a percent: 0 to 100, at most two decimals. */
export const Percentage = z
  .number()
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100')
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'must have at most two decimals');

const stateRules = <T extends { state: ToggleStateName; percentage?: number | undefined }>(
  v: T,
  ctx: z.RefinementCtx,
): void => {
  if (v.state === 'percentage' && v.percentage === undefined)
    ctx.addIssue({ code: 'custom', path: ['percentage'], message: 'is needed with state "percentage"' });
  if (v.state !== 'percentage' && v.percentage !== undefined)
    ctx.addIssue({ code: 'custom', path: ['percentage'], message: 'is given only with state "percentage"' });
};

/** What a toggle is in one environment, as set (the targeting, then the state for everyone else). */
export const ToggleSetting = z
  .strictObject({
    state: ToggleStateName,
    percentage: Percentage.optional(),
    include: ToggleTargets.default({ users: [], groups: [] }),
    exclude: ToggleTargets.default({ users: [], groups: [] }),
  })
  .superRefine(stateRules);
export type ToggleSetting = z.infer<typeof ToggleSetting>;

/** `PUT /feature-toggles/{service}/{name}/environments/{environment}`: the setting and why. */
export const ToggleChange = z
  .strictObject({
    state: ToggleStateName,
    percentage: Percentage.optional(),
    include: ToggleTargets.default({ users: [], groups: [] }),
    exclude: ToggleTargets.default({ users: [], groups: [] }),
    reason: Text(1000).min(1, 'say why (it is kept in the audit trail)'),
  })
  .superRefine(stateRules)
  .meta({ id: 'ToggleChange' });
export type ToggleChange = z.infer<typeof ToggleChange>;

/** A toggle's setting in an environment, as stored and shown. */
export const ToggleEnvironment = z
  .object({
    environment: z.string(),
    environmentType: z.string(),
    state: ToggleStateName,
    percentage: z.number().optional(),
    include: TargetsView,
    exclude: TargetsView,
    updatedAt: z.string(),
    updatedBy: z.string(),
    reason: z.string(),
    /** Since when it has been fully on or fully off (what the stale report counts from); null otherwise. */
    settledSince: z.string().nullable(),
    /** A change waiting for a second person's approval (the environment type protects toggle changes). */
    pending: z
      .object({
        state: ToggleStateName,
        percentage: z.number().optional(),
        include: TargetsView,
        exclude: TargetsView,
        reason: z.string(),
        requestedBy: z.string(),
        requestedAt: z.string(),
      })
      .nullable(),
    /** The deployment whose success applied this setting, when one did. */
    deploymentId: z.string().optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'ToggleEnvironment' });
export type ToggleEnvironment = z.infer<typeof ToggleEnvironment>;

/** A feature toggle as the API shows it: its definition and its setting in each environment set. */
export const FeatureToggle = z
  .object({
    service: z.string(),
    name: z.string(),
    description: z.string(),
    type: ToggleType,
    /** The service's team (its OwningCluster). */
    owner: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    /** Archived toggles evaluate off everywhere; their names are never reused. */
    archived: z.boolean(),
    version: z.number().int().min(1),
    environments: z.array(ToggleEnvironment),
  })
  .meta({ id: 'FeatureToggle' });
export type FeatureToggle = z.infer<typeof FeatureToggle>;

/**
 * The documented bucketing: MurmurHash3 x86 32-bit, seed 0, of the UTF-8 bytes of `<toggle name>:<key>`,
 * modulo 10,000: a user is in a percentage p when their bucket is below p × 100 (so 0.01% steps).
 */
export const BUCKETING = {
  algorithm: 'murmur3_x86_32',
  seed: 0,
  input: '<toggle name>:<stickiness key>',
  buckets: 10_000,
  rule: 'on when bucket < percentage * 100',
} as const;

/** `GET /feature-toggles/definitions`: what a service needs to evaluate its toggles itself. */
export const ToggleDefinitions = z
  .object({
    service: z.string(),
    environment: z.string(),
    bucketing: z.object({
      algorithm: z.literal(BUCKETING.algorithm),
      seed: z.literal(0),
      input: z.string(),
      buckets: z.literal(BUCKETING.buckets),
      rule: z.string(),
    }),
    toggles: z.array(
      z.object({
        name: z.string(),
        state: ToggleStateName,
        percentage: z.number().optional(),
        include: TargetsView,
        exclude: TargetsView,
      }),
    ),
  })
  .meta({ id: 'ToggleDefinitions' });
export type ToggleDefinitions = z.infer<typeof ToggleDefinitions>;

/** `GET /feature-toggles/stale`: the toggles ready to remove, by team. */
export const StaleToggles = z
  .array(z.object({ owner: z.string(), toggles: z.array(FeatureToggle) }))
  .meta({ id: 'StaleToggles' });
export type StaleToggles = z.infer<typeof StaleToggles>;
