import { z } from 'zod';

/** The processes SuspendProcesses/ResumeProcesses name. */
export const SCALING_PROCESSES = [
  'Launch',
  'Terminate',
  'HealthCheck',
  'ReplaceUnhealthy',
  'AZRebalance',
  'AlarmNotification',
  'ScheduledActions',
  'AddToLoadBalancer',
  'InstanceRefresh',
] as const;

/** One of the suspendable processes. */
export type ScalingProcess = (typeof SCALING_PROCESSES)[number];

/** The termination policies AWS accepts. */
export const TERMINATION_POLICIES = [
  'Default',
  'OldestInstance',
  'NewestInstance',
  'OldestLaunchConfiguration',
  'OldestLaunchTemplate',
  'ClosestToNextInstanceHour',
  'AllocationStrategy',
] as const;

const TemplateRef = z.object({
  launchTemplateId: z.string(),
  launchTemplateName: z.string(),
  version: z.number(),
});

/** An instance's place in its group; `step` says how far its termination has got. */
export const GroupInstance = z.object({
  instanceId: z.string(),
  availabilityZone: z.string(),
  instanceType: z.string(),
  lifecycleState: z.enum(['Pending', 'InService', 'EnteringStandby', 'Standby', 'Terminating']),
  healthStatus: z.enum(['Healthy', 'Unhealthy']),
  launchTemplate: TemplateRef,
  protectedFromScaleIn: z.boolean(),
  /** Sim time (ms) of the launch and of reaching InService. */
  launchedAt: z.number(),
  inServiceAt: z.number().optional(),
  /** Target groups it was registered with (deregistered, and drained, before it terminates). */
  registeredWith: z.array(z.string()),
  /** The open activity (launch or termination) this instance completes. */
  activityId: z.string().optional(),
  step: z.enum(['draining', 'terminating']).optional(),
  /** Launched to even out zones: scale-in waits for it. */
  rebalance: z.boolean().optional(),
});
/** An instance's place in its group. */
export type GroupInstance = z.infer<typeof GroupInstance>;

/** A tag on a group. */
export const GroupTag = z.object({ key: z.string(), value: z.string(), propagateAtLaunch: z.boolean() });
/** A tag on a group. */
export type GroupTag = z.infer<typeof GroupTag>;

/** An Auto Scaling group. */
export const ScalingGroup = z.object({
  name: z.string(),
  arn: z.string(),
  /** As given: the version may be `$Latest`, `$Default` or a number, resolved at each launch. */
  launchTemplate: z.object({
    launchTemplateId: z.string(),
    launchTemplateName: z.string(),
    version: z.string(),
  }),
  minSize: z.number(),
  maxSize: z.number(),
  desiredCapacity: z.number(),
  defaultCooldown: z.number(),
  availabilityZones: z.array(z.string()),
  vpcZoneIdentifier: z.string().optional(),
  healthCheckType: z.enum(['EC2', 'ELB']),
  healthCheckGracePeriod: z.number(),
  terminationPolicies: z.array(z.string()),
  targetGroupArns: z.array(z.string()),
  tags: z.array(GroupTag),
  newInstancesProtectedFromScaleIn: z.boolean(),
  suspended: z.array(z.object({ processName: z.string(), suspensionReason: z.string() })),
  createdTime: z.number(),
  instances: z.array(GroupInstance),
  /** Sim time before which no launch is retried after one failed. */
  launchBackoffUntil: z.number().optional(),
});
/** An Auto Scaling group. */
export type ScalingGroup = z.infer<typeof ScalingGroup>;

/** A scaling activity (a launch or a termination). */
export const ScalingActivity = z.object({
  activityId: z.string(),
  groupName: z.string(),
  description: z.string(),
  cause: z.string(),
  startTime: z.number(),
  endTime: z.number().optional(),
  statusCode: z.string(),
  statusMessage: z.string().optional(),
  progress: z.number(),
});
/** A scaling activity (a launch or a termination). */
export type ScalingActivity = z.infer<typeof ScalingActivity>;

/** A scheduled update of a group's sizes. */
export const ScheduledAction = z.object({
  groupName: z.string(),
  name: z.string(),
  arn: z.string(),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  recurrence: z.string().optional(),
  /** The IANA time zone the recurrence is read in (UTC when absent). */
  timeZone: z.string().optional(),
  minSize: z.number().optional(),
  maxSize: z.number().optional(),
  desiredCapacity: z.number().optional(),
  /** Sim time of the next run. */
  nextRun: z.number().optional(),
});
/** A scheduled update of a group's sizes. */
export type ScheduledAction = z.infer<typeof ScheduledAction>;

/** Everything the module saves. */
export const AutoScalingSnapshot = z.object({
  groups: z.array(ScalingGroup),
  activities: z.array(ScalingActivity),
  scheduledActions: z.array(ScheduledAction),
});
/** Everything the module saves. */
export type AutoScalingSnapshot = z.infer<typeof AutoScalingSnapshot>;
