import { z } from 'zod';
import { AsgName } from '../fleet/asg-name';
import { BreakGlassRecord, BreakGlassRequest, PlannedFreeze } from '../governance/break-glass';
import { Name, Text } from '../catalogue/names';
import { SliceName } from '../fleet/slice-name';

/**
 * A request to patch an environment's groups onto a new machine image (`POST /patches`). `toImage` is an
 * image's name or id, or `latest-stable` (the default): the latest stable image of each group's own type.
 */
export const NewPatch = z
  .strictObject({
    environment: Name,
    cluster: Name.optional().describe("only the groups of this cluster's server roles"),
    asgs: z
      .strictObject({
        include: z.array(AsgName).min(1).max(500).optional(),
        exclude: z.array(AsgName).max(500).optional(),
      })
      .optional(),
    toImage: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ()[\]./'@_-]*$/, 'must be an image name, an image id or latest-stable')
      .default('latest-stable'),
    maxParallel: z.number().int().min(1).max(50).default(1),
    onFailure: z.enum(['stop', 'continue']).default('stop'),
    reason: Text(500).optional(),
    breakGlass: BreakGlassRequest.optional().describe(
      "patch inside a freeze window anyway (needs break-glass for the selected groups' clusters and the environment type); recorded and audited",
    ),
  })
  .meta({ id: 'NewPatch' });
export type NewPatch = z.infer<typeof NewPatch>;

/** An image as a plan names it. */
export const PlanImage = z.strictObject({ ImageId: z.string(), Name: z.string() });

/** A group a patch would change, and how. */
export const PlannedGroup = z.strictObject({
  AutoScalingGroupName: z.string(),
  ServerRole: z.string(),
  OwningCluster: z.string(),
  Slice: SliceName.optional(),
  /** `scale-up`: doubled onto the new image, then halved; `template-only`: an idle blue/green slice (no instances) only gets the new launch template version. */
  Action: z.enum(['scale-up', 'template-only']),
  Image: PlanImage,
  NextImage: PlanImage,
  InstanceCount: z.number().int(),
  /** The size it is doubled to: twice its desired capacity, rounded up to a multiple of its zones. */
  ScaleOutTo: z.number().int(),
  AvailabilityZones: z.number().int(),
});
export type PlannedGroup = z.infer<typeof PlannedGroup>;

/** Why a group is left out of a patch. */
export const LeftOutReason = z.enum([
  'not-allowed',
  'environment-locked',
  'freeze-window',
  'protected',
  'deployment-running',
  'standby',
  'unhealthy',
  'missing',
  'unknown-image',
  'no-newer-image',
]);
export type LeftOutReason = z.infer<typeof LeftOutReason>;

/** A group of the selection that the patch leaves out, and why. */
export const LeftOutGroup = z.strictObject({
  AutoScalingGroupName: z.string(),
  ServerRole: z.string(),
  OwningCluster: z.string(),
  Reason: LeftOutReason,
  Detail: z.string(),
});
export type LeftOutGroup = z.infer<typeof LeftOutGroup>;

/** What a patch would do (`POST /patches?dry_run=true`): the groups it changes, one by one, and those it leaves out. */
export const PatchPlan = z
  .strictObject({
    EnvironmentName: z.string(),
    EnvironmentType: z.string(),
    Cluster: z.string().optional(),
    ToImage: z.string(),
    MaxParallel: z.number().int(),
    OnFailure: z.enum(['stop', 'continue']),
    /** The environment type protects BULK_PATCH_AMI and asks for approvals: the run waits for one. */
    RequiresApproval: z.boolean(),
    Groups: z.array(PlannedGroup),
    LeftOut: z.array(LeftOutGroup),
    /** The freeze window in force: without break-glass its groups are left out (`freeze-window`). */
    FreezeWindow: PlannedFreeze.optional(),
  })
  .meta({ id: 'PatchPlan' });
export type PatchPlan = z.infer<typeof PatchPlan>;

/** Where an image patch operation stands: its own statuses, derived from its record and its groups'. */
export const PatchStatus = z.enum([
  'Queued',
  'Awaiting Approval',
  'In Progress',
  'Stopping',
  'Success',
  'Failed',
  'Cancelled',
]);
export type PatchStatus = z.infer<typeof PatchStatus>;

/** Whether a patch operation in this status is over: it changes no more. */
export function isPatchOver(status: PatchStatus): boolean {
  return status === 'Success' || status === 'Failed' || status === 'Cancelled';
}

/** A group of a running or ended patch: the plan's group, its own patch's id and where it stands. */
export const PatchGroupState = PlannedGroup.extend({
  DeploymentID: z.string(),
  /** The group's patch status (a deployment status), or `Not started`. */
  Status: z.string(),
  ErrorReason: z.string().optional(),
});
export type PatchGroupState = z.infer<typeof PatchGroupState>;

/** An image patch operation (`GET /patches/{id}`): the plan it carries out and each group's patch. */
export const PatchOperation = z
  .strictObject({
    PatchID: z.string(),
    EnvironmentName: z.string(),
    EnvironmentType: z.string(),
    Cluster: z.string().optional(),
    /**
     * The cluster whose grants govern the patch (cancelling needs patch-images, approving
     * approve-deployments, for it and the environment type): the patch's cluster, else the environment's.
     */
    OwningCluster: z.string(),
    ToImage: z.string(),
    MaxParallel: z.number().int(),
    OnFailure: z.enum(['stop', 'continue']),
    RequiresApproval: z.boolean(),
    ApprovedBy: z.string().optional(),
    Reason: z.string().optional(),
    /** A freeze window that was overridden with break-glass to request it. */
    BreakGlass: BreakGlassRecord.optional(),
    User: z.string(),
    Status: PatchStatus,
    StartTimestamp: z.string(),
    EndTimestamp: z.string().optional(),
    ErrorReason: z.string().optional(),
    Groups: z.array(PatchGroupState),
    LeftOut: z.array(LeftOutGroup),
  })
  .meta({ id: 'PatchOperation' });
export type PatchOperation = z.infer<typeof PatchOperation>;
