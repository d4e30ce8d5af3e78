import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  EnterStandbyCommand,
  ExitStandbyCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually, startTestSim, type TestSim, fail } from './support/test-sim';

/** EnterStandby / ExitStandby behind a target group: drained first, out of it, and back in through health checks. */
describe('aws-sim Auto Scaling standby', () => {
  let t: TestSim;
  let tg: string;

  const group = async (name: string): Promise<AutoScalingGroup> =>
    (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  const stateOf = async (name: string, id: string) =>
    (await group(name)).Instances!.find((i) => i.InstanceId === id)?.LifecycleState;
  const target = async (id: string) =>
    (
      (await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg })))
        .TargetHealthDescriptions ?? []
    ).find((d) => d.Target!.Id === id)?.TargetHealth?.State;
  const serving = async (name: string, count: number) =>
    eventually(`${count} healthy in service`, async () => {
      const g = await group(name);
      const inService = g.Instances!.filter((i) => i.LifecycleState === 'InService');
      if (inService.length !== count) return undefined;
      const states = await Promise.all(inService.map((i) => target(i.InstanceId!)));
      return states.every((s) => s === 'healthy') ? g : undefined;
    });

  beforeAll(async () => {
    t = await startTestSim();
    const image = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'shop',
        LaunchTemplateData: {
          ImageId: image,
          UserData: Buffer.from(
            JSON.stringify({ services: [{ name: 'Shop', version: '1.0.0' }], healthPath: '/health' }),
          ).toString('base64'),
        },
      }),
    );
    tg = (
      await t.elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'shop',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: 'vpc-0shop',
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
          UnhealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      }),
    );
    // health checks run for target groups a listener forwards to
    const lb = (
      await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: ['subnet-0a', 'subnet-0b'] }))
    ).LoadBalancers![0]!.LoadBalancerArn!;
    await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
      }),
    );
  });
  afterAll(() => t.close());

  const create = (name: string, desired: number) =>
    t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        LaunchTemplate: { LaunchTemplateName: 'shop', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 4,
        DesiredCapacity: desired,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        TargetGroupARNs: [tg],
      }),
    );

  it('drains an instance from its target group (EnteringStandby) before it is in Standby, then brings it back healthy', async () => {
    await create('maint', 2);
    const g = await serving('maint', 2);
    const id = g.Instances![0]!.InstanceId!;
    const out = await t.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'maint',
        InstanceIds: [id],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    expect(out.Activities![0]!.Description).toBe(`Moving EC2 instance to Standby: ${id}`);
    expect(out.Activities![0]!.StatusCode).toBe('InProgress');
    expect(await stateOf('maint', id)).toBe('EnteringStandby');
    expect(await target(id)).toBe('draining');
    expect((await group('maint')).DesiredCapacity).toBe(1);
    // the deregistration delay (30 AWS seconds) passes, then it is in Standby and out of the target group
    await eventually('in Standby', async () =>
      (await stateOf('maint', id)) === 'Standby' ? true : undefined,
    );
    expect(await target(id)).toBeUndefined();
    const activity = (
      await t.autoScaling.send(
        new DescribeScalingActivitiesCommand({
          AutoScalingGroupName: 'maint',
          ActivityIds: [out.Activities![0]!.ActivityId!],
        }),
      )
    ).Activities![0]!;
    expect(activity.StatusCode).toBe('Successful');
    // no replacement: the desired capacity went down with it
    expect((await group('maint')).Instances!.length).toBe(2);

    const back = await t.autoScaling.send(
      new ExitStandbyCommand({ AutoScalingGroupName: 'maint', InstanceIds: [id] }),
    );
    expect(back.Activities![0]!.Description).toBe(`Moving EC2 instance out of Standby: ${id}`);
    expect((await group('maint')).DesiredCapacity).toBe(2);
    await serving('maint', 2);
    expect(await stateOf('maint', id)).toBe('InService');
    expect(await target(id)).toBe('healthy');
  });

  it('refuses to exit an instance that is still entering standby, and one that is not in the group', async () => {
    await create('early', 1);
    const id = (await serving('early', 1)).Instances![0]!.InstanceId!;
    await t.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'early',
        InstanceIds: [id],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    const notYet = await fail(
      t.autoScaling.send(new ExitStandbyCommand({ AutoScalingGroupName: 'early', InstanceIds: [id] })),
    );
    expect(notYet.name).toBe('ValidationError');
    expect(notYet.message).toBe(`The instance ${id} is not in Standby.`);
    const stranger = await fail(
      t.autoScaling.send(
        new EnterStandbyCommand({
          AutoScalingGroupName: 'early',
          InstanceIds: ['i-0000000000000000f'],
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
    expect(stranger.message).toBe(
      'The instance i-0000000000000000f is not part of Auto Scaling group early.',
    );
  });

  it('refuses to decrement below the minimum size, with AWS message', async () => {
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'floor',
        LaunchTemplate: { LaunchTemplateName: 'shop', Version: '$Latest' },
        MinSize: 1,
        MaxSize: 2,
        DesiredCapacity: 1,
        AvailabilityZones: ['eu-west-1a'],
      }),
    );
    const id = await eventually('in service', async () => {
      const i = (await group('floor')).Instances!.find((x) => x.LifecycleState === 'InService');
      return i?.InstanceId;
    });
    const refused = await fail(
      t.autoScaling.send(
        new EnterStandbyCommand({
          AutoScalingGroupName: 'floor',
          InstanceIds: [id],
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
    expect(refused.name).toBe('ValidationError');
    expect(refused.message).toBe(
      'AutoScalingGroup floor has min-size=1, max-size=2, and desired-size=1. To place into standby 1 instances, please update the AutoScalingGroup sizes appropriately.',
    );
    expect(await stateOf('floor', id)).toBe('InService');
  });
});
