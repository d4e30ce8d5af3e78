import type { XmlValue } from '../protocol/xml';
import type { GroupInstance, ScalingActivity, ScalingGroup } from './types';

const templateView = (t: GroupInstance['launchTemplate']): XmlValue => ({
  LaunchTemplateId: t.launchTemplateId,
  LaunchTemplateName: t.launchTemplateName,
  Version: String(t.version),
});

/** A group's instance as `Instance` in DescribeAutoScalingGroups. */
export function instanceView(i: GroupInstance): XmlValue {
  return {
    InstanceId: i.instanceId,
    InstanceType: i.instanceType,
    AvailabilityZone: i.availabilityZone,
    LifecycleState: i.lifecycleState,
    HealthStatus: i.healthStatus,
    LaunchTemplate: templateView(i.launchTemplate),
    ProtectedFromScaleIn: i.protectedFromScaleIn,
  };
}

/** An instance as `AutoScalingInstanceDetails` in DescribeAutoScalingInstances. */
export function instanceDetailsView(g: ScalingGroup, i: GroupInstance): XmlValue {
  return {
    InstanceId: i.instanceId,
    InstanceType: i.instanceType,
    AutoScalingGroupName: g.name,
    AvailabilityZone: i.availabilityZone,
    LifecycleState: i.lifecycleState,
    // this shape reports health in upper case, unlike the group's Instance
    HealthStatus: i.healthStatus.toUpperCase(),
    LaunchTemplate: templateView(i.launchTemplate),
    ProtectedFromScaleIn: i.protectedFromScaleIn,
  };
}

/** A group's tag as `TagDescription`. */
export function tagView(g: ScalingGroup, t: ScalingGroup['tags'][number]): XmlValue {
  return {
    ResourceId: g.name,
    ResourceType: 'auto-scaling-group',
    Key: t.key,
    Value: t.value,
    PropagateAtLaunch: t.propagateAtLaunch,
  };
}

/** A group as `AutoScalingGroup` in DescribeAutoScalingGroups. */
export function groupView(g: ScalingGroup): XmlValue {
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    LaunchTemplate: {
      LaunchTemplateId: g.launchTemplate.launchTemplateId,
      LaunchTemplateName: g.launchTemplate.launchTemplateName,
      Version: g.launchTemplate.version,
    },
    MinSize: g.minSize,
    MaxSize: g.maxSize,
    DesiredCapacity: g.desiredCapacity,
    DefaultCooldown: g.defaultCooldown,
    AvailabilityZones: g.availabilityZones,
    LoadBalancerNames: [],
    TargetGroupARNs: g.targetGroupArns,
    HealthCheckType: g.healthCheckType,
    HealthCheckGracePeriod: g.healthCheckGracePeriod,
    Instances: g.instances.map(instanceView),
    CreatedTime: new Date(g.createdTime),
    SuspendedProcesses: g.suspended.map((s) => ({
      ProcessName: s.processName,
      SuspensionReason: s.suspensionReason,
    })),
    VPCZoneIdentifier: g.vpcZoneIdentifier,
    EnabledMetrics: [],
    Tags: g.tags.map((t) => tagView(g, t)),
    TerminationPolicies: g.terminationPolicies,
    NewInstancesProtectedFromScaleIn: g.newInstancesProtectedFromScaleIn,
    ServiceLinkedRoleARN: `arn:aws:iam::${g.arn.split(':')[4]}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false,
  };
}

/** An activity as `Activity`. */
export function activityView(a: ScalingActivity, groupArn?: string): XmlValue {
  return {
    ActivityId: a.activityId,
    AutoScalingGroupName: a.groupName,
    AutoScalingGroupARN: groupArn,
    Description: a.description,
    Cause: a.cause,
    StartTime: new Date(a.startTime),
    EndTime: a.endTime === undefined ? undefined : new Date(a.endTime),
    StatusCode: a.statusCode,
    StatusMessage: a.statusMessage,
    Progress: a.progress,
    Details: '{}',
  };
}
