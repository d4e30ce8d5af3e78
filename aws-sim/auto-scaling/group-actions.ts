import { randomUUID } from 'node:crypto';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { ActionHandlers } from './action-handler';
import type { AutoScalingStore } from './auto-scaling-store';
import {
  assertCapacity,
  assertTargetGroups,
  readHealthCheckType,
  readLaunchTemplate,
  readProcesses,
  readTerminationPolicies,
  readZones,
} from './group-settings';
import { groupView } from './group-view';
import type { InstanceLifecycle } from './instance-lifecycle';
import { recordPage } from './record-page';
import { readTags } from './tag-actions';
import type { ScalingGroup } from './types';

function matchesFilters(g: ScalingGroup, params: QueryParams): boolean {
  return params.memberStructs('Filters').every((f) => {
    const name = f.get('Name') ?? '';
    const values = f.members('Values');
    if (name === 'tag-key') return g.tags.some((t) => values.includes(t.key));
    if (name === 'tag-value') return g.tags.some((t) => values.includes(t.value));
    if (name.startsWith('tag:'))
      return g.tags.some((t) => t.key === name.slice(4) && values.includes(t.value));
    throw new AwsError(
      'ValidationError',
      `Filter type ${name} is not correct. Allowed Filter types are: tag-key tag-value tag:<key>`,
    );
  });
}

/** CreateAutoScalingGroup, UpdateAutoScalingGroup, DeleteAutoScalingGroup, DescribeAutoScalingGroups, SetDesiredCapacity, Suspend/ResumeProcesses. */
export function groupActions(
  cloud: Cloud,
  store: AutoScalingStore,
  lifecycle: InstanceLifecycle,
): ActionHandlers {
  return {
    CreateAutoScalingGroup(p) {
      const name = p.required('AutoScalingGroupName');
      if (store.groups.has(name))
        throw new AwsError(
          'AlreadyExists',
          `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
        );
      const minSize = Number(p.required('MinSize'));
      const maxSize = Number(p.required('MaxSize'));
      const desiredCapacity = p.int('DesiredCapacity') ?? minSize;
      assertCapacity(p.int('MinSize')!, p.int('MaxSize')!, desiredCapacity);
      const launchTemplate = readLaunchTemplate(cloud, p);
      const { zones, vpcZoneIdentifier } = readZones(cloud, p);
      const targetGroupArns = p.members('TargetGroupARNs');
      assertTargetGroups(cloud, targetGroupArns);
      const group: ScalingGroup = {
        name,
        arn: `arn:aws:autoscaling:${cloud.region}:${cloud.accountId}:autoScalingGroup:${randomUUID()}:autoScalingGroupName/${name}`,
        launchTemplate,
        minSize,
        maxSize,
        desiredCapacity,
        defaultCooldown: p.int('DefaultCooldown') ?? 300,
        availabilityZones: zones,
        vpcZoneIdentifier,
        healthCheckType: readHealthCheckType(p.get('HealthCheckType') ?? 'EC2'),
        healthCheckGracePeriod: p.int('HealthCheckGracePeriod') ?? 0,
        terminationPolicies: readTerminationPolicies(p) ?? ['Default'],
        targetGroupArns: [...new Set(targetGroupArns)],
        tags: readTags(p, name).map((t) => ({
          key: t.key,
          value: t.value,
          propagateAtLaunch: t.propagateAtLaunch,
        })),
        newInstancesProtectedFromScaleIn: p.bool('NewInstancesProtectedFromScaleIn') ?? false,
        suspended: [],
        createdTime: store.now(),
        instances: [],
      };
      store.groups.set(name, group);
      cloud.changed();
      return undefined;
    },

    UpdateAutoScalingGroup(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const min = p.int('MinSize');
      const max = p.int('MaxSize');
      let desired = p.int('DesiredCapacity');
      // AWS moves the desired capacity into a new [min, max] when it is not given
      if (desired === undefined && min !== undefined && min > g.desiredCapacity) desired = min;
      if (desired === undefined && max !== undefined && max < g.desiredCapacity) desired = max;
      assertCapacity(min ?? g.minSize, max ?? g.maxSize, desired ?? g.desiredCapacity);
      const launchTemplate = p.has('LaunchTemplate') ? readLaunchTemplate(cloud, p) : undefined;
      const zones =
        p.has('AvailabilityZones') || p.has('VPCZoneIdentifier') ? readZones(cloud, p) : undefined;
      const healthCheckType = p.get('HealthCheckType');
      const policies = readTerminationPolicies(p);
      g.minSize = min ?? g.minSize;
      g.maxSize = max ?? g.maxSize;
      g.desiredCapacity = desired ?? g.desiredCapacity;
      // existing instances keep the version they were launched with; only new launches use this one
      if (launchTemplate) g.launchTemplate = launchTemplate;
      if (zones) {
        g.availabilityZones = zones.zones;
        g.vpcZoneIdentifier = zones.vpcZoneIdentifier;
      }
      if (healthCheckType) g.healthCheckType = readHealthCheckType(healthCheckType);
      g.healthCheckGracePeriod = p.int('HealthCheckGracePeriod') ?? g.healthCheckGracePeriod;
      g.defaultCooldown = p.int('DefaultCooldown') ?? g.defaultCooldown;
      if (policies) g.terminationPolicies = policies;
      g.newInstancesProtectedFromScaleIn =
        p.bool('NewInstancesProtectedFromScaleIn') ?? g.newInstancesProtectedFromScaleIn;
      cloud.changed();
      return undefined;
    },

    DeleteAutoScalingGroup(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      if (g.instances.length && !p.bool('ForceDelete'))
        throw new AwsError(
          'ResourceInUse',
          'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
        );
      for (const i of g.instances) {
        lifecycle.deregister(g.targetGroupArns, i);
        const state = cloud.ec2.instance(i.instanceId)?.state;
        if (state === 'pending' || state === 'running') cloud.ec2.terminate(i.instanceId);
      }
      store.groups.delete(g.name);
      store.scheduledActions = store.scheduledActions.filter((s) => s.groupName !== g.name);
      cloud.changed();
      return undefined;
    },

    DescribeAutoScalingGroups(p) {
      const names = p.members('AutoScalingGroupNames');
      const groups = [...store.groups.values()]
        .filter((g) => !names.length || names.includes(g.name))
        .filter((g) => matchesFilters(g, p))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, nextToken } = recordPage(groups, p.int('MaxRecords'), p.get('NextToken'));
      return { AutoScalingGroups: page.map((g) => groupView(g)), NextToken: nextToken };
    },

    SetDesiredCapacity(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const desired = p.int('DesiredCapacity');
      if (desired === undefined) p.required('DesiredCapacity');
      if (desired! > g.maxSize)
        throw new AwsError(
          'ValidationError',
          `New SetDesiredCapacity value ${desired} is above max value ${g.maxSize} for the AutoScalingGroup.`,
        );
      if (desired! < g.minSize)
        throw new AwsError(
          'ValidationError',
          `New SetDesiredCapacity value ${desired} is below min value ${g.minSize} for the AutoScalingGroup.`,
        );
      g.desiredCapacity = desired!;
      cloud.changed();
      return undefined;
    },

    SuspendProcesses(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      for (const name of readProcesses(p))
        if (!store.isSuspended(g, name))
          g.suspended.push({ processName: name, suspensionReason: `User suspended at ${lifecycle.stamp()}` });
      cloud.changed();
      return undefined;
    },

    ResumeProcesses(p) {
      const g = store.group(p.required('AutoScalingGroupName'));
      const names: string[] = readProcesses(p);
      g.suspended = g.suspended.filter((s) => !names.includes(s.processName));
      cloud.changed();
      return undefined;
    },
  };
}
