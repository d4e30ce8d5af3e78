import {
  CreateOrUpdateTagsCommand,
  BatchDeleteScheduledActionCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScheduledActionsCommand,
  EnterStandbyCommand,
  ExitStandbyCommand,
  PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand,
  SetInstanceProtectionCommand,
  SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { z } from 'zod';
import { AsgInstance, AsgTag, AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { ScheduledAction, type ScheduledActionPut } from '@shared/fleet/scheduled-action';
import { InputError, NotFoundError } from '../../errors/domain-errors';
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

const DescribeTagsReply = z.object({
  Tags: z
    .array(z.object({ ResourceId: z.string(), Key: z.string(), Value: z.string().optional() }))
    .optional(),
  NextToken: z.string().optional(),
});

/** The body field AWS's capacity refusal is about, read from its message. */
function capacityField(message: string): string {
  if (/desired/i.test(message)) return 'body.desired';
  if (/maxSize|Max bound/.test(message)) return 'body.max';
  return 'body.min';
}

/** The SDK's `ScheduledUpdateGroupAction` as the portal reads it: its name and group required. */
const AwsScheduledAction = z.object({
  ScheduledActionName: z.string(),
  AutoScalingGroupName: z.string(),
  Recurrence: z.string().optional(),
  TimeZone: z.string().optional(),
  StartTime: z.date().optional(),
  EndTime: z.date().optional(),
  MinSize: z.number().int().optional(),
  MaxSize: z.number().int().optional(),
  DesiredCapacity: z.number().int().optional(),
});

const DescribeScheduledReply = z.object({
  ScheduledUpdateGroupActions: z.array(AwsScheduledAction).optional(),
  NextToken: z.string().optional(),
});

const BatchDeleteReply = z.object({
  FailedScheduledActions: z
    .array(
      z.object({
        ScheduledActionName: z.string(),
        ErrorCode: z.string().optional(),
        ErrorMessage: z.string().optional(),
      }),
    )
    .optional(),
});

function toScheduledAction(a: z.infer<typeof AwsScheduledAction>): ScheduledAction {
  return ScheduledAction.parse({
    ScheduledActionName: a.ScheduledActionName,
    AutoScalingGroupName: a.AutoScalingGroupName,
    Recurrence: a.Recurrence ?? null,
    TimeZone: a.TimeZone ?? null,
    StartTime: a.StartTime?.toISOString() ?? null,
    EndTime: a.EndTime?.toISOString() ?? null,
    MinSize: a.MinSize ?? null,
    MaxSize: a.MaxSize ?? null,
    DesiredCapacity: a.DesiredCapacity ?? null,
  });
}

/** The body field AWS's refusal of a scheduled action is about, read from its message. */
function scheduledActionField(message: string): string {
  if (/recurrence/i.test(message)) return 'body.Recurrence';
  if (/time ?zone/i.test(message)) return 'body.TimeZone';
  if (/end time/i.test(message)) return 'body.EndTime';
  if (/start time|StartTime/i.test(message)) return 'body.StartTime';
  if (/limit/i.test(message)) return 'params.actionName';
  return 'body.DesiredCapacity';
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

  async scheduledActions(name: string): Promise<ScheduledAction[]> {
    const out: ScheduledAction[] = [];
    let token: string | undefined;
    do {
      const reply = parseReply(
        DescribeScheduledReply,
        'DescribeScheduledActions',
        await this.client.send(
          new DescribeScheduledActionsCommand({
            AutoScalingGroupName: name,
            MaxRecords: PAGE,
            NextToken: token,
          }),
        ),
      );
      out.push(...(reply.ScheduledUpdateGroupActions ?? []).map(toScheduledAction));
      token = reply.NextToken;
    } while (token);
    return out;
  }

  async putScheduledAction(name: string, actionName: string, action: ScheduledActionPut): Promise<void> {
    try {
      await this.client.send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: name,
          ScheduledActionName: actionName,
          Recurrence: action.Recurrence,
          TimeZone: action.TimeZone,
          StartTime: action.StartTime === undefined ? undefined : new Date(action.StartTime),
          EndTime: action.EndTime === undefined ? undefined : new Date(action.EndTime),
          MinSize: action.MinSize,
          MaxSize: action.MaxSize,
          DesiredCapacity: action.DesiredCapacity,
        }),
      );
    } catch (e) {
      if (e instanceof Error && (e.name === 'ValidationError' || e.name === 'LimitExceeded')) {
        throw new InputError(`AWS refused the scheduled action: ${e.message}`, [
          { field: scheduledActionField(e.message), message: e.message },
        ]);
      }
      throw e;
    }
  }

  async deleteScheduledAction(name: string, actionName: string): Promise<void> {
    // the batch call answers a missing name as a failed item rather than an error of the whole call
    const reply = parseReply(
      BatchDeleteReply,
      'BatchDeleteScheduledAction',
      await this.client.send(
        new BatchDeleteScheduledActionCommand({
          AutoScalingGroupName: name,
          ScheduledActionNames: [actionName],
        }),
      ),
    );
    const failed = reply.FailedScheduledActions?.[0];
    if (failed) {
      if (/not found/i.test(failed.ErrorMessage ?? ''))
        throw new NotFoundError(`ASG ${name} has no scheduled action ${actionName}`);
      throw new Error(`BatchDeleteScheduledAction failed: ${failed.ErrorCode}: ${failed.ErrorMessage}`);
    }
  }

  async enterStandby(name: string, instanceIds: readonly string[], decrementDesired: boolean): Promise<void> {
    await this.client.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: name,
        InstanceIds: [...instanceIds],
        ShouldDecrementDesiredCapacity: decrementDesired,
      }),
    );
  }

  async exitStandby(name: string, instanceIds: readonly string[]): Promise<void> {
    await this.client.send(
      new ExitStandbyCommand({ AutoScalingGroupName: name, InstanceIds: [...instanceIds] }),
    );
  }

  async groupsTagged(keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let token: string | undefined;
    do {
      const reply = parseReply(
        DescribeTagsReply,
        'DescribeTags',
        await this.client.send(
          new DescribeTagsCommand({
            Filters: [{ Name: 'key', Values: [...keys] }],
            MaxRecords: PAGE,
            NextToken: token,
          }),
        ),
      );
      for (const tag of reply.Tags ?? []) out.set(tag.ResourceId, tag.Value ?? '');
      token = reply.NextToken;
    } while (token);
    return out;
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
