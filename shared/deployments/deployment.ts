import { z } from 'zod';
import { Name, Text } from '../catalogue/names';
import { BreakGlassRecord, BreakGlassRequest, PlannedFreeze } from '../governance/break-glass';
import { LeftOutGroup, PlannedGroup } from '../patches/patch';
import { ToggleName } from '../toggles/feature-toggle';
import {
  DeploymentToggleChanges,
  DeploymentToggles,
  PlannedCanaryToggle,
  PlannedToggleChange,
} from './deployment-toggles';

/** `overwrite` is scale-up patching; `bg` is blue/green on one slice. */
export const DeploymentMode = z.enum(['overwrite', 'bg']);
export type DeploymentMode = z.infer<typeof DeploymentMode>;

/**
 * What a deployment record does: a version by scale-up patching or blue/green, one group's image patch,
 * or an image patch operation (which starts one group's patch after another).
 */
export const DeploymentKind = z.enum(['overwrite', 'bg', 'patch', 'patch-operation']);
export type DeploymentKind = z.infer<typeof DeploymentKind>;

/** The name a group's image patch records as its service (it patches a group, not a service). */
export const IMAGE_PATCH_SERVICE = 'image-patch';

/** What a group's image patch moves the group from and to, and the operation it belongs to. */
export const PatchOfGroup = z
  .strictObject({
    PatchID: z.string(),
    ImageId: z.string(),
    ImageName: z.string(),
    FromImageId: z.string().optional(),
    FromImageName: z.string().optional(),
  })
  .meta({ id: 'PatchOfGroup' });
export type PatchOfGroup = z.infer<typeof PatchOfGroup>;

/** An image patch operation's plan, as it was accepted: the groups it patches, in order, and those left out. */
export const PatchOperationPlan = z
  .strictObject({
    ToImage: z.string(),
    MaxParallel: z.number().int(),
    OnFailure: z.enum(['stop', 'continue']),
    Cluster: z.string().optional(),
    Groups: z.array(PlannedGroup),
    LeftOut: z.array(LeftOutGroup),
  })
  .meta({ id: 'PatchOperationPlan' });
export type PatchOperationPlan = z.infer<typeof PatchOperationPlan>;

/** The slice a deployment targets: `none` for scale-up patching. */
export const Slice = z.enum(['none', 'blue', 'green']);
export type Slice = z.infer<typeof Slice>;

/** Statuses: the original's four, and what the new engine adds. */
export const DeploymentStatus = z.enum([
  'Queued',
  'In Progress',
  'Awaiting Approval',
  'Success',
  'Failed',
  'Cancelled',
  'Rolling Back',
  'Rolled Back',
  'Rollback Failed',
]);
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;

const terminal: readonly DeploymentStatus[] = [
  'Success',
  'Failed',
  'Cancelled',
  'Rolled Back',
  'Rollback Failed',
];

/** Whether a deployment in this status is over. */
export function isTerminal(status: DeploymentStatus): boolean {
  return terminal.includes(status);
}

/** Whether a deployment in this status did not put its version out. */
export function isFailure(status: DeploymentStatus): boolean {
  return status !== 'Success' && terminal.includes(status);
}

/** A service version: semantic-version-like, no spaces or path characters. */
export const ServiceVersion = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, 'must be a version such as 1.4.2 or 2.0.0-rc.1');

/** `POST /deployments`: the original's body plus canary steps, bake time, approval, reason and ticket. */
export const NewDeployment = z
  .strictObject({
    environment: Name,
    service: Name,
    version: ServiceVersion,
    mode: DeploymentMode.default('overwrite'),
    slice: Slice.optional(),
    serverRole: Name.optional(),
    packageLocation: z.string().max(2000).optional(),
    canarySteps: z
      .array(z.number().int().min(1).max(100))
      .min(1)
      .max(10)
      .refine((s) => s.every((v, i) => i === 0 || v > s[i - 1]!), 'must rise step by step')
      .refine((s) => s[s.length - 1] === 100, 'must end at 100')
      .optional(),
    bakeSeconds: z.number().int().min(0).max(3600).optional(),
    requireApproval: z.boolean().optional(),
    reason: Text(500).optional(),
    ticket: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/, 'must be a ticket reference such as OPS-1234')
      .optional(),
    breakGlass: BreakGlassRequest.optional().describe(
      'deploy inside a freeze window anyway (needs break-glass for the cluster and environment type); recorded and audited',
    ),
    toggles: DeploymentToggleChanges.optional().describe(
      "toggles of the service to set in the environment when the deployment ends Success (needs manage-feature-toggles for the service's team and the environment type)",
    ),
    canaryToggle: ToggleName.optional().describe(
      'blue/green with canary steps: a toggle of the service whose percentage follows the traffic weights (100 at the end: on; back as it was on rollback)',
    ),
  })
  .meta({ id: 'NewDeployment' });
export type NewDeployment = z.infer<typeof NewDeployment>;

/** The state of one step of a deployment's strategy. */
export const StepState = z
  .strictObject({
    name: z.string(),
    status: z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']),
    attempts: z.number().int().min(0),
    startedAt: z.string().optional(),
    endedAt: z.string().optional(),
    outputs: z.record(z.string(), z.unknown()),
    error: z.string().optional(),
    /** When a step that threw may be tried again (the engine's backoff). */
    retryAt: z.string().optional(),
    /** When a step that answered "not done yet" is looked at again. */
    checkAt: z.string().optional(),
    /** A rollback's undo of the step, under the same retry, backoff and timeout policy as its run. */
    undo: z
      .strictObject({
        status: z.enum(['running', 'succeeded', 'failed']),
        attempts: z.number().int().min(0),
        startedAt: z.string(),
        endedAt: z.string().optional(),
        retryAt: z.string().optional(),
        checkAt: z.string().optional(),
        error: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'StepState' });
export type StepState = z.infer<typeof StepState>;
/** Where a rollback's undo of a step stands. */
export type UndoState = NonNullable<StepState['undo']>;

/** Where a rollout stands on the fleet: old and new instances, each with its state. */
export const DeploymentProgress = z
  .strictObject({
    at: z.string(),
    oldInstances: z.number().int(),
    newInstances: z.number().int(),
    instances: z.array(
      z.strictObject({
        instanceId: z.string(),
        generation: z.enum(['old', 'new']),
        lifecycleState: z.string(),
        healthStatus: z.string(),
      }),
    ),
    /** Blue/green: the weight of the slice being deployed. */
    weight: z.number().int().optional(),
  })
  .meta({ id: 'DeploymentProgress' });
export type DeploymentProgress = z.infer<typeof DeploymentProgress>;

/**
 * The AWS resources a deployment works on, named once when it was requested (the names follow the
 * catalogue's naming rule then): nothing downstream derives a name again.
 */
export const DeploymentResources = z
  .strictObject({
    /** The Auto Scaling group the new version goes to (the target slice's, for blue/green). */
    AutoScalingGroup: z.string(),
    /** Blue/green: the live slice's group, the load balancer, its listener port and both target groups. */
    LiveAutoScalingGroup: z.string().optional(),
    LoadBalancer: z.string().optional(),
    ListenerPort: z.number().int().optional(),
    TargetGroups: z.strictObject({ blue: z.string(), green: z.string() }).optional(),
  })
  .meta({ id: 'DeploymentResources' });
export type DeploymentResources = z.infer<typeof DeploymentResources>;

/** A deployment as the API shows it (the original's `DeploymentID` + `Value`, with the engine's steps). */
export const Deployment = z
  .strictObject({
    DeploymentID: z.string(),
    Value: z.strictObject({
      EnvironmentName: z.string(),
      EnvironmentType: z.string(),
      ServiceName: z.string(),
      ServiceVersion: z.string(),
      ServiceSlice: Slice,
      ServerRoleName: z.string(),
      OwningCluster: z.string(),
      AutoScalingGroupName: z.string(),
      /** Absent only on deployments recorded before the names were stored. */
      Resources: DeploymentResources.optional(),
      /** `patch`: one group's image patch (ServiceName `image-patch`, ServiceVersion the image's name). */
      DeploymentType: DeploymentKind,
      Patch: PatchOfGroup.optional(),
      /** `patch-operation`: the plan it carries out. */
      PatchOperation: PatchOperationPlan.optional(),
      /**
       * The AWS account it works in, as /config/accounts names it, resolved when it was requested; absent
       * for the portal's own account (a type that names none) and on records made before accounts.
       */
      AccountName: z.string().optional(),
      Status: DeploymentStatus,
      User: z.string(),
      StartTimestamp: z.string(),
      EndTimestamp: z.string().optional(),
      ErrorReason: z.string().optional(),
      PackageLocation: z.string().optional(),
      CanarySteps: z.array(z.number()),
      BakeSeconds: z.number(),
      RequireApproval: z.boolean(),
      Reason: z.string().optional(),
      Ticket: z.string().optional(),
      Steps: z.array(StepState),
      CancelRequestedBy: z.string().optional(),
      RollbackRequestedBy: z.string().optional(),
      ApprovedBy: z.string().optional(),
      /** A freeze window that was overridden with break-glass to request it: who, why and which window. */
      BreakGlass: BreakGlassRecord.optional(),
      Progress: DeploymentProgress.optional(),
      /** The feature toggle changes it applies when it ends Success (and the canary toggle it moves). */
      FeatureToggles: DeploymentToggles.optional(),
    }),
    Version: z.number().int(),
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof Deployment>;

/**
 * The reply to a deployment request: the original's deployment object (`id` first, then its fields, which
 * its clients read to wait on it) followed by this portal's record.
 */
export const AcceptedDeployment = z
  .strictObject({
    id: z.string(),
    environmentName: z.string(),
    environmentTypeName: z.string(),
    serviceName: z.string(),
    serviceVersion: z.string(),
    /** `blue`, `green`, or empty for a deployment without slices (as the original). */
    serviceSlice: z.string(),
    /** The role as the fleet names it: with the slice for blue/green (`web-blue`). */
    serverRole: z.string(),
    serverRoleName: z.string(),
    clusterName: z.string(),
    accountName: z.string().nullable(),
    username: z.string(),
    ...Deployment.shape,
  })
  .meta({ id: 'AcceptedDeployment' });
export type AcceptedDeployment = z.infer<typeof AcceptedDeployment>;

/** The original's deployment object for a record, with the record after it. */
export function acceptedDeployment(d: Deployment): AcceptedDeployment {
  const v = d.Value;
  const slice = v.ServiceSlice === 'none' ? '' : v.ServiceSlice;
  return {
    id: d.DeploymentID,
    environmentName: v.EnvironmentName,
    environmentTypeName: v.EnvironmentType,
    serviceName: v.ServiceName,
    serviceVersion: v.ServiceVersion,
    serviceSlice: slice,
    serverRole: slice ? `${v.ServerRoleName}-${slice}` : v.ServerRoleName,
    serverRoleName: v.ServerRoleName,
    clusterName: v.OwningCluster,
    accountName: v.AccountName ?? null,
    username: v.User,
    ...d,
  };
}

/** What a dry run says would happen. */
export const DeploymentPlan = z
  .strictObject({
    environment: z.string(),
    environmentType: z.string(),
    service: z.string(),
    version: z.string(),
    mode: DeploymentMode,
    slice: Slice,
    serverRole: z.string(),
    owningCluster: z.string(),
    autoScalingGroupName: z.string(),
    /** Every AWS resource the deployment will work on, by the names it will keep. */
    resources: DeploymentResources,
    requireApproval: z.boolean(),
    canarySteps: z.array(z.number()),
    bakeSeconds: z.number(),
    steps: z.array(z.string()),
    /** The versions of the service the target group's instances run now (empty when it has none). */
    currentVersions: z.array(z.string()),
    /** How many instances the target group has now (null when it was not found). */
    instances: z.number().int().nullable(),
    /** What the fleet says that the deployment should know (a missing group, say). */
    warnings: z.array(z.string()),
    /** The freeze window in force, which the request's break-glass would override. */
    freezeWindow: PlannedFreeze.optional(),
    /** The toggle changes the deployment would apply on Success. */
    featureToggles: z.array(PlannedToggleChange).optional(),
    /** The toggle whose percentage would follow the canary weights. */
    canaryToggle: PlannedCanaryToggle.optional(),
  })
  .meta({ id: 'DeploymentPlan' });
export type DeploymentPlan = z.infer<typeof DeploymentPlan>;

/** One line of a deployment's log. */
export const DeploymentLogLine = z
  .strictObject({ at: z.string(), level: z.enum(['info', 'warn', 'error']), message: z.string() })
  .meta({ id: 'DeploymentLogLine' });
export type DeploymentLogLine = z.infer<typeof DeploymentLogLine>;
