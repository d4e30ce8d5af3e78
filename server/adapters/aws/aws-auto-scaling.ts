import {
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  ResumeProcessesCommand,
  SetInstanceProtectionCommand,
  SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { z } from 'zod';
import { AsgInstance, AsgTag, AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { InputError } from '../../errors/domain-errors';
import type { AutoScaling, GroupChange } from '../../fleet/auto-scaling';
import { parseReply } from './aws-reply';

const names = z.array(z.string()).optional();

/**
 * The SDK's `AutoScalingGroup` as the portal reads it: the API's shape (shared/), with what AWS may omit
 * optional here (empty lists, an empty tag value) and what the portal relies on required (an instance's
 * HealthStatus and ProtectedFromScaleIn among them).
 */
const AwsGroup = AutoScalingGroup.extend({
  AvailabilityZones: names,
  LoadBalancerNames: names,
  TargetGroupARNs: names,
  Instances: z.array(AsgInstance.extend({ ProtectedFromScaleIn: z.boolean() })).optional(),
  CreatedTime: z.date().optional(),
  SuspendedProcesses: AutoScalingGroup.shape.SuspendedProcesses.optional(),
  // AWS omits an empty tag value
  Tags: z.array(AsgTag.extend({ Value: z.string().optional() })).optional(),
  TerminationPolicies: names,
});

const DescribeReply = z.object({
  AutoScalingGroups: z.array(AwsGroup),
  NextToken: z.string().optional(),
});

function toGroup(g: z.infer<typeof AwsGroup>): AutoScalingGroup {
  const { CreatedTime, ...rest } = g;
  return {
    ...rest,
    AvailabilityZones: g.AvailabilityZones ?? [],
    LoadBalancerNames: g.LoadBalancerNames ?? [],
    TargetGroupARNs: g.TargetGroupARNs ?? [],
    Instances: g.Instances ?? [],
    SuspendedProcesses: g.SuspendedProcesses ?? [],
    Tags: (g.Tags ?? []).map((t) => ({ ...t, Value: t.Value ?? '' })),
    TerminationPolicies: g.TerminationPolicies ?? [],
    ...(CreatedTime ? { CreatedTime: CreatedTime.toISOString() } : {}),
  };
}

/** The body field AWS's capacity refusal is about, read from its message. */
function capacityField(message: string): string {
  if (/desired/i.test(message)) return 'body.desired';
  if (/maxSize|Max bound/.test(message)) return 'body.max';
  return 'body.min';
}

/** DescribeAutoScalingGroups takes at most 100 names and answers at most 100 groups a page. */
const PAGE = 100;

/** Auto Scaling over the AWS SDK v3 client (AWS or aws-sim), every reply parsed. */
export class AwsAutoScaling implements AutoScaling {
  constructor(private readonly client: AutoScalingClient) {}

  /** The groups of one DescribeAutoScalingGroups question (some names, or all when undefined), every page. */
  private async describe(batch: string[] | undefined): Promise<AutoScalingGroup[]> {
    const out: AutoScalingGroup[] = [];
    let token: string | undefined;
    do {
      const reply = parseReply(
        DescribeReply,
        'DescribeAutoScalingGroups',
        await this.client.send(
          new DescribeAutoScalingGroupsCommand({
            AutoScalingGroupNames: batch,
            MaxRecords: PAGE,
            NextToken: token,
          }),
        ),
      );
      out.push(...reply.AutoScalingGroups.map(toGroup));
      token = reply.NextToken;
    } while (token);
    return out;
  }

  async describeGroups(groupNames: readonly string[]): Promise<AutoScalingGroup[]> {
    const unique = [...new Set(groupNames)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += PAGE) batches.push(unique.slice(i, i + PAGE));
    return (await Promise.all(batches.map((batch) => this.describe(batch)))).flat();
  }

  listGroups(): Promise<AutoScalingGroup[]> {
    return this.describe(undefined);
  }

  async deleteGroup(name: string): Promise<void> {
    await this.client.send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: name, ForceDelete: true }),
    );
  }

  async updateGroup(name: string, change: GroupChange): Promise<void> {
    try {
      await this.client.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: name,
          MinSize: change.minSize,
          MaxSize: change.maxSize,
          DesiredCapacity: change.desiredCapacity,
          LaunchTemplate: change.launchTemplate
            ? { LaunchTemplateId: change.launchTemplate.id, Version: change.launchTemplate.version }
            : undefined,
          DefaultCooldown: change.defaultCooldown,
          HealthCheckType: change.healthCheckType,
          HealthCheckGracePeriod: change.healthCheckGracePeriod,
          TerminationPolicies: change.terminationPolicies ? [...change.terminationPolicies] : undefined,
          NewInstancesProtectedFromScaleIn: change.newInstancesProtectedFromScaleIn,
        }),
      );
    } catch (e) {
      if (e instanceof Error && e.name === 'ValidationError') {
        throw new InputError(`AWS refused the size: ${e.message}`, [
          { field: capacityField(e.message), message: e.message },
        ]);
      }
      throw e;
    }
  }

  async suspendProcesses(name: string, processes: readonly string[]): Promise<void> {
    if (!processes.length) return;
    await this.client.send(
      new SuspendProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: [...processes] }),
    );
  }

  async resumeProcesses(name: string, processes: readonly string[]): Promise<void> {
    if (!processes.length) return;
    await this.client.send(
      new ResumeProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: [...processes] }),
    );
  }

  async setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void> {
    // SetInstanceProtection takes at most 50 instances a call
    for (let i = 0; i < instanceIds.length; i += 50) {
      await this.client.send(
        new SetInstanceProtectionCommand({
          AutoScalingGroupName: name,
          InstanceIds: instanceIds.slice(i, i + 50),
          ProtectedFromScaleIn: protect,
        }),
      );
    }
  }

  async setTag(name: string, key: string, value: string, propagateAtLaunch: boolean): Promise<void> {
    await this.client.send(
      new CreateOrUpdateTagsCommand({
        Tags: [
          {
            ResourceId: name,
            ResourceType: 'auto-scaling-group',
            Key: key,
            Value: value,
            PropagateAtLaunch: propagateAtLaunch,
          },
        ],
      }),
    );
  }

  async deleteTag(name: string, key: string): Promise<void> {
    await this.client.send(
      new DeleteTagsCommand({
        Tags: [{ ResourceId: name, ResourceType: 'auto-scaling-group', Key: key }],
      }),
    );
  }

  async terminateInstance(instanceId: string): Promise<void> {
    await this.client.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: instanceId,
        ShouldDecrementDesiredCapacity: true,
      }),
    );
  }
}
