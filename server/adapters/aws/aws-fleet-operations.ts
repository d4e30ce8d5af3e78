import {
  DescribeAutoScalingGroupsCommand,
  ResumeProcessesCommand,
  SetInstanceProtectionCommand,
  SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  FleetOperations,
  GroupState,
  SliceTraffic,
  TargetState,
} from '../../deployments/fleet-operations';
import type { AwsClients } from './aws-clients';
import { decodeUserData, encodeUserData } from './instance-user-data';
import { AwsLoadBalancerGateway } from './aws-load-balancer-gateway';

/** The deployment engine's fleet operations through the AWS SDK v3 clients (AWS or aws-sim). */
export class AwsFleetOperations implements FleetOperations {
  private readonly loadBalancers: AwsLoadBalancerGateway;

  constructor(private readonly aws: AwsClients) {
    this.loadBalancers = new AwsLoadBalancerGateway(aws.elbv2);
  }

  async sliceTraffic(environment: string, role: string): Promise<SliceTraffic | undefined> {
    const routing = await this.loadBalancers.sliceRouting({
      loadBalancer: `${environment}-${role}`,
      targetGroups: { blue: `${environment}-${role}-blue`, green: `${environment}-${role}-green` },
    });
    if (!routing) return undefined;
    const slice = (s: 'blue' | 'green') => ({
      arn: routing.slices[s].arn,
      weight: routing.slices[s].weight,
      targets: routing.slices[s].targets.map((t) => ({ instanceId: t.id, state: t.state })),
    });
    return { listenerArn: routing.listenerArn, slices: { blue: slice('blue'), green: slice('green') } };
  }

  async setWeights(
    listenerArn: string,
    weights: Readonly<Record<'blue' | 'green', { arn: string; weight: number }>>,
  ): Promise<void> {
    await this.loadBalancers.setWeights(listenerArn, [
      { targetGroupArn: weights.blue.arn, weight: weights.blue.weight },
      { targetGroupArn: weights.green.arn, weight: weights.green.weight },
    ]);
  }

  async describeGroups(names: readonly string[]): Promise<GroupState[]> {
    const out: GroupState[] = [];
    for (let i = 0; i < names.length; i += 100) {
      let token: string | undefined;
      do {
        const res = await this.aws.autoScaling.send(
          new DescribeAutoScalingGroupsCommand({
            AutoScalingGroupNames: names.slice(i, i + 100),
            MaxRecords: 100,
            NextToken: token,
          }),
        );
        for (const g of res.AutoScalingGroups ?? []) {
          out.push({
            name: g.AutoScalingGroupName!,
            minSize: g.MinSize ?? 0,
            maxSize: g.MaxSize ?? 0,
            desiredCapacity: g.DesiredCapacity ?? 0,
            launchTemplate: {
              id: g.LaunchTemplate?.LaunchTemplateId ?? '',
              name: g.LaunchTemplate?.LaunchTemplateName ?? '',
              version: g.LaunchTemplate?.Version ?? '$Default',
            },
            instances: (g.Instances ?? []).map((x) => ({
              instanceId: x.InstanceId!,
              availabilityZone: x.AvailabilityZone ?? '',
              lifecycleState: x.LifecycleState ?? 'Pending',
              healthStatus: x.HealthStatus ?? 'Healthy',
              launchTemplateVersion: x.LaunchTemplate?.Version,
              protectedFromScaleIn: x.ProtectedFromScaleIn === true,
            })),
            suspendedProcesses: (g.SuspendedProcesses ?? []).map((p) => p.ProcessName!),
            targetGroupArns: g.TargetGroupARNs ?? [],
          });
        }
        token = res.NextToken;
      } while (token);
    }
    return out;
  }

  async targetHealth(targetGroupArn: string): Promise<TargetState[]> {
    const res = await this.aws.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
    );
    return (res.TargetHealthDescriptions ?? []).map((d) => ({
      instanceId: d.Target!.Id!,
      state: d.TargetHealth?.State ?? 'unavailable',
    }));
  }

  async resolveTemplateVersion(templateId: string, version: string): Promise<string> {
    if (!version.startsWith('$')) return version;
    const res = await this.aws.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [version] }),
    );
    const n = res.LaunchTemplateVersions?.[0]?.VersionNumber;
    if (n === undefined) throw new Error(`launch template ${templateId} has no version ${version}`);
    return String(n);
  }

  async templateServices(templateId: string, version: string): Promise<{ name: string; version: string }[]> {
    const res = await this.aws.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [version] }),
    );
    return decodeUserData(res.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.UserData)?.services ?? [];
  }

  async createTemplateVersion(
    templateId: string,
    sourceVersion: string,
    services: { name: string; version: string }[],
    description: string,
  ): Promise<string> {
    // idempotent: a retried step finds the version it created before
    const existing = await this.aws.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['$Latest'] }),
    );
    const latest = existing.LaunchTemplateVersions?.[0];
    if (latest?.VersionDescription === description) return String(latest.VersionNumber);
    const source = await this.aws.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [sourceVersion] }),
    );
    const payload = decodeUserData(source.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.UserData) ?? {
      services: [],
    };
    const userData = encodeUserData({ ...payload, services });
    const res = await this.aws.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: sourceVersion,
        VersionDescription: description,
        LaunchTemplateData: { UserData: userData },
      }),
    );
    return String(res.LaunchTemplateVersion!.VersionNumber);
  }

  async updateGroup(
    name: string,
    change: {
      minSize?: number;
      maxSize?: number;
      desiredCapacity?: number;
      launchTemplate?: { id: string; version: string };
    },
  ): Promise<void> {
    await this.aws.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        MinSize: change.minSize,
        MaxSize: change.maxSize,
        DesiredCapacity: change.desiredCapacity,
        LaunchTemplate: change.launchTemplate
          ? { LaunchTemplateId: change.launchTemplate.id, Version: change.launchTemplate.version }
          : undefined,
      }),
    );
  }

  async suspendProcesses(name: string, processes: readonly string[]): Promise<void> {
    if (processes.length)
      await this.aws.autoScaling.send(
        new SuspendProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: [...processes] }),
      );
  }

  async resumeProcesses(name: string, processes: readonly string[]): Promise<void> {
    if (processes.length)
      await this.aws.autoScaling.send(
        new ResumeProcessesCommand({ AutoScalingGroupName: name, ScalingProcesses: [...processes] }),
      );
  }

  async setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void> {
    if (!instanceIds.length) return;
    await this.aws.autoScaling.send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: name,
        InstanceIds: [...instanceIds],
        ProtectedFromScaleIn: protect,
      }),
    );
  }

  async terminateInGroup(instanceId: string): Promise<void> {
    await this.aws.autoScaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: instanceId,
        ShouldDecrementDesiredCapacity: true,
      }),
    );
  }
}
