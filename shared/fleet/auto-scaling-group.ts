import { z } from 'zod';

/** An instance of an Auto Scaling group, as the original API showed it (plus its launch template version). */
export const AsgInstance = z
  .object({
    InstanceId: z.string(),
    AvailabilityZone: z.string(),
    LifecycleState: z.string(),
    HealthStatus: z.string(),
    LaunchTemplate: z
      .object({ LaunchTemplateId: z.string(), LaunchTemplateName: z.string(), Version: z.string() })
      .optional(),
    ProtectedFromScaleIn: z.boolean().optional(),
  })
  .meta({ id: 'AsgInstance' });
export type AsgInstance = z.infer<typeof AsgInstance>;

/** An Auto Scaling group tag. */
export const AsgTag = z.object({
  ResourceId: z.string().optional(),
  ResourceType: z.string().optional(),
  Key: z.string(),
  Value: z.string(),
  PropagateAtLaunch: z.boolean().optional(),
});
export type AsgTag = z.infer<typeof AsgTag>;

/** An Auto Scaling group: the original API's `AWSAutoScalingGroup`, with suspended processes and target groups. */
export const AutoScalingGroup = z
  .object({
    AutoScalingGroupName: z.string(),
    AutoScalingGroupARN: z.string().optional(),
    LaunchTemplate: z
      .object({
        LaunchTemplateId: z.string().optional(),
        LaunchTemplateName: z.string().optional(),
        Version: z.string().optional(),
      })
      .optional(),
    MinSize: z.number().int(),
    MaxSize: z.number().int(),
    DesiredCapacity: z.number().int(),
    DefaultCooldown: z.number().int().optional(),
    AvailabilityZones: z.array(z.string()),
    LoadBalancerNames: z.array(z.string()),
    TargetGroupARNs: z.array(z.string()),
    HealthCheckType: z.string().optional(),
    HealthCheckGracePeriod: z.number().int().optional(),
    Instances: z.array(AsgInstance),
    CreatedTime: z.string().optional(),
    VPCZoneIdentifier: z.string().optional(),
    SuspendedProcesses: z.array(
      z.object({ ProcessName: z.string(), SuspensionReason: z.string().optional() }),
    ),
    Tags: z.array(AsgTag),
    TerminationPolicies: z.array(z.string()),
    NewInstancesProtectedFromScaleIn: z.boolean().optional(),
    /** `Delete in progress` while the group is being deleted; absent otherwise. */
    Status: z.string().optional(),
  })
  .meta({ id: 'AWSAutoScalingGroup' });
export type AutoScalingGroup = z.infer<typeof AutoScalingGroup>;
