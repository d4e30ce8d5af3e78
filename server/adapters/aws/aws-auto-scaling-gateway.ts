import {
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { z } from 'zod';
import type { AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { InputError } from '../../errors/domain-errors';
import type { AutoScalingGateway } from '../../fleet/auto-scaling-gateway';

const names = z.array(z.string()).optional();

/** The part of the SDK's `AutoScalingGroup` that the portal shows; anything else is ignored. */
const AwsGroup = z.object({
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
  AvailabilityZones: names,
  LoadBalancerNames: names,
  TargetGroupARNs: names,
  HealthCheckType: z.string().optional(),
  HealthCheckGracePeriod: z.number().int().optional(),
  Instances: z
    .array(
      z.object({
        InstanceId: z.string(),
        AvailabilityZone: z.string(),
        LifecycleState: z.string(),
        HealthStatus: z.string(),
        LaunchTemplate: z
          .object({ LaunchTemplateId: z.string(), LaunchTemplateName: z.string(), Version: z.string() })
          .optional(),
        ProtectedFromScaleIn: z.boolean().optional(),
      }),
    )
    .optional(),
  CreatedTime: z.date().optional(),
  VPCZoneIdentifier: z.string().optional(),
  SuspendedProcesses: z
    .array(z.object({ ProcessName: z.string(), SuspensionReason: z.string().optional() }))
    .optional(),
  Tags: z
    .array(
      z.object({
        ResourceId: z.string().optional(),
        ResourceType: z.string().optional(),
        Key: z.string(),
        Value: z.string().default(''),
        PropagateAtLaunch: z.boolean().optional(),
      }),
    )
    .optional(),
  TerminationPolicies: names,
  NewInstancesProtectedFromScaleIn: z.boolean().optional(),
});

const DescribeReply = z.object({
  AutoScalingGroups: z.array(AwsGroup).default([]),
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
    Tags: g.Tags ?? [],
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

const PAGE = 100;

/** AutoScalingGateway over the AWS SDK: 100 names per DescribeAutoScalingGroups, paged by NextToken. */
export class AwsAutoScalingGateway implements AutoScalingGateway {
  constructor(private readonly client: AutoScalingClient) {}

  async describeGroups(groupNames: readonly string[]): Promise<AutoScalingGroup[]> {
    const unique = [...new Set(groupNames)];
    const out: AutoScalingGroup[] = [];
    for (let i = 0; i < unique.length; i += PAGE) {
      const batch = unique.slice(i, i + PAGE);
      let token: string | undefined;
      do {
        const reply = DescribeReply.parse(
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
    }
    return out;
  }

  async resize(name: string, change: AsgSizeChange): Promise<void> {
    try {
      await this.client.send(
        new UpdateAutoScalingGroupCommand({
          AutoScalingGroupName: name,
          MinSize: change.min,
          DesiredCapacity: change.desired,
          MaxSize: change.max,
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
}
