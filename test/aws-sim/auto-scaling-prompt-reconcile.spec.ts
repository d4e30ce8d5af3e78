import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  EnterStandbyCommand,
  ExitStandbyCommand,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

const A = 'eu-west-1a';

async function withTemplate(t: TestSim): Promise<void> {
  await t.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'app',
      LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f603', InstanceType: 't3.small' },
    }),
  );
}

const group = async (t: TestSim, name: string): Promise<AutoScalingGroup> =>
  (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
    .AutoScalingGroups![0]!;

const states = (g: AutoScalingGroup) => g.Instances!.map((i) => i.LifecycleState).sort();

describe('aws-sim Auto Scaling reconciles promptly, not only on its tick', () => {
  // one AWS second is a real minute here, so the periodic reconcile never comes during a spec; boots are
  // made short (0.25 s real) so an instance can come into service meanwhile
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim({ msPerSecond: 60_000 });
    t.sim.cloud.faults.bootDelayFactor = 250 / (20 * 60_000);
    await withTemplate(t);
  });
  afterAll(() => t.close());

  it('launches on the call that asks, and brings the instance into service as soon as it has booted', async () => {
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'prompt',
        LaunchTemplate: { LaunchTemplateName: 'app', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 4,
        DesiredCapacity: 1,
        AvailabilityZones: [A],
      }),
    );
    expect(states(await group(t, 'prompt'))).toEqual(['Pending']);
    await eventually('in service without a tick', async () =>
      states(await group(t, 'prompt')).join() === 'InService' ? true : undefined,
    );

    await t.autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prompt', DesiredCapacity: 2 }),
    );
    expect(states(await group(t, 'prompt'))).toEqual(['InService', 'Pending']);
    await eventually('both in service', async () =>
      states(await group(t, 'prompt')).join() === 'InService,InService' ? true : undefined,
    );
  });

  it('moves instances out of standby and replaces a terminated one on the call itself', async () => {
    const [first, second] = (await group(t, 'prompt')).Instances!.map((i) => i.InstanceId!);
    await t.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'prompt',
        InstanceIds: [first!],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    await t.autoScaling.send(
      new ExitStandbyCommand({ AutoScalingGroupName: 'prompt', InstanceIds: [first!] }),
    );
    // back in service at once: it is still running, so nothing waits but the reconcile
    expect(states(await group(t, 'prompt'))).toEqual(['InService', 'InService']);

    await t.autoScaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: second!,
        ShouldDecrementDesiredCapacity: false,
      }),
    );
    const after = await group(t, 'prompt');
    expect(after.Instances!.find((i) => i.InstanceId === second)!.LifecycleState).toBe('Terminating');
    expect(states(after)).toEqual(['InService', 'Pending', 'Terminating']);
  });
});

describe('aws-sim Auto Scaling acts in the turn an instance boots, drains or goes', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
    await withTemplate(t);
  });
  afterAll(() => t.close());

  /** The group's instances and their lifecycle states, read in-process (no AWS call in between). */
  const lifecycleNow = (name: string): Record<string, string> => {
    const groups = t.sim.modules.autoscaling.local()['groups'] as {
      name: string;
      instances: { instanceId: string; lifecycleState: string }[];
    }[];
    const g = groups.find((x) => x.name === name);
    return Object.fromEntries((g?.instances ?? []).map((i) => [i.instanceId, i.lifecycleState]));
  };

  it('is InService, terminating and gone exactly as the boot, the draining and the shutdown end', async () => {
    const tg = (
      await t.elbv2.send(
        new CreateTargetGroupCommand({ Name: 'prompt', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1' }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3' }],
      }),
    );
    // each event is looked at in the turn after it, before any timer (and so any periodic tick) can run:
    // what Auto Scaling did by then, it did because of the event
    const seen: string[] = [];
    const look = (what: string, instanceId: string, read: () => string | undefined) =>
      setImmediate(() => seen.push(`${what} ${instanceId === only ? 'it' : instanceId}: ${read()}`));
    let only = '';
    t.sim.cloud.ec2.onStateChange((i) => {
      if (i.instanceId !== only) return;
      if (i.state === 'running') look('booted', i.instanceId, () => lifecycleNow('floor')[i.instanceId]);
      if (i.state === 'terminated')
        look('terminated', i.instanceId, () => lifecycleNow('floor')[i.instanceId] ?? 'not in the group');
    });
    t.sim.cloud.elb.onDrained((arn, id) => {
      if (arn === tg && id === only) look('drained', id, () => t.sim.cloud.ec2.instance(id)?.state);
    });

    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'floor',
        LaunchTemplate: { LaunchTemplateName: 'app', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 1,
        DesiredCapacity: 1,
        AvailabilityZones: [A],
        TargetGroupARNs: [tg],
      }),
    );
    only = Object.keys(lifecycleNow('floor'))[0]!;
    await eventually('in service', async () =>
      lifecycleNow('floor')[only] === 'InService' ? true : undefined,
    );
    await t.autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'floor', DesiredCapacity: 0 }),
    );
    await eventually('gone', async () =>
      (await group(t, 'floor')).Instances!.length === 0 ? true : undefined,
    );
    expect(seen).toEqual([
      'booted it: InService',
      'drained it: shutting-down',
      'terminated it: not in the group',
    ]);
  });
});
