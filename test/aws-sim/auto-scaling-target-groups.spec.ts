import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLoadBalancerTargetGroupsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
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
import { eventually, startTestSim, type TestSim } from './support/test-sim';

/** Auto Scaling with ELBv2: registration, ELB health checks that replace instances, draining on scale-in. */
describe('aws-sim Auto Scaling with target groups', () => {
  let t: TestSim;
  let tg: string;
  let listenerUrl: string;

  const group = async (name: string): Promise<AutoScalingGroup> =>
    (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  const targets = async () =>
    (
      (await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg })))
        .TargetHealthDescriptions ?? []
    ).map((d) => ({
      id: d.Target!.Id!,
      state: d.TargetHealth!.State!,
    }));

  beforeEach(async () => {
    t = await startTestSim();
    const image = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    for (const version of ['1.0.0', '2.0.0']) {
      const userData = Buffer.from(
        JSON.stringify({ services: [{ name: 'Shop', version }], healthPath: '/health' }),
      ).toString('base64');
      await t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: `shop-${version}`,
          LaunchTemplateData: { ImageId: image, UserData: userData },
        }),
      );
    }
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
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }],
      }),
    );
    const lb = (
      await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'shop', Subnets: ['subnet-0a', 'subnet-0b'] }))
    ).LoadBalancers![0]!.LoadBalancerArn!;
    const listener = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
      }),
    );
    const local = await t.control('GET', '/_sim/listeners');
    listenerUrl = local.body.find(
      (l: { listenerArn: string }) => l.listenerArn === listener.Listeners![0]!.ListenerArn,
    ).url;
  });
  afterEach(() => t.close());

  const createGroup = (name: string, version: string, desired: number) =>
    t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        LaunchTemplate: { LaunchTemplateName: `shop-${version}`, Version: '$Latest' },
        MinSize: 0,
        MaxSize: 4,
        DesiredCapacity: desired,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 10,
        TargetGroupARNs: [tg],
      }),
    );

  it('registers InService instances with its target groups, where they turn healthy and serve', async () => {
    await createGroup('shop', '1.0.0', 2);
    const healthy = await eventually('two healthy targets', async () => {
      const ts = await targets();
      return ts.length === 2 && ts.every((x) => x.state === 'healthy') ? ts : undefined;
    });
    expect(healthy.map((x) => x.id).sort()).toEqual(
      (await group('shop')).Instances!.map((i) => i.InstanceId!).sort(),
    );
    const reply = (await (await fetch(`${listenerUrl}/`)).json()) as { version: string };
    expect(reply.version).toBe('1.0.0');
    const attached = await t.autoScaling.send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'shop' }),
    );
    expect(attached.LoadBalancerTargetGroups).toEqual([
      jasmine.objectContaining({ LoadBalancerTargetGroupARN: tg }),
    ]);
  });

  it('replaces instances that the load balancer finds unhealthy after the grace period', async () => {
    await createGroup('shop', '1.0.0', 2);
    const first = await eventually('two healthy targets', async () => {
      const ts = await targets();
      return ts.length === 2 && ts.every((x) => x.state === 'healthy')
        ? ts.map((x) => x.id).sort()
        : undefined;
    });
    await t.control('PUT', '/_sim/faults/unhealthy-versions', [{ service: 'Shop', version: '1.0.0' }]);
    await eventually(
      'the unhealthy instances replaced',
      async () => {
        const g = await group('shop');
        const current = g.Instances!.map((i) => i.InstanceId!);
        return current.length > 0 && current.every((id) => !first.includes(id)) ? true : undefined;
      },
      30_000,
    );
    await t.control('DELETE', '/_sim/faults');
  });

  it('scales in only unprotected instances, from the zone with the most, each drained before it terminates', async () => {
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'protect',
        LaunchTemplate: { LaunchTemplateName: 'shop-1.0.0', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 8,
        DesiredCapacity: 4,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        TargetGroupARNs: [tg],
      }),
    );
    const inService = (n: number) =>
      eventually(`${n} InService`, async () => {
        const g = await group('protect');
        return g.Instances!.length === n && g.Instances!.every((i) => i.LifecycleState === 'InService')
          ? g
          : undefined;
      });
    const old = (await inService(4)).Instances!.map((i) => i.InstanceId!);
    await t.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'protect',
        NewInstancesProtectedFromScaleIn: true,
        DesiredCapacity: 8,
      }),
    );
    const eight = await inService(8);
    const fresh = eight.Instances!.filter((i) => !old.includes(i.InstanceId!));
    expect(fresh.map((i) => i.ProtectedFromScaleIn)).toEqual([true, true, true, true]);
    expect(fresh.map((i) => i.AvailabilityZone).sort()).toEqual([
      'eu-west-1a',
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1b',
    ]);

    // what happens to each instance, in order, as Auto Scaling and ELBv2 report it in-process
    const events: string[] = [];
    t.sim.cloud.elb.onDrained((arn, id) => arn === tg && events.push(`${id} drained`));
    t.sim.cloud.ec2.onStateChange((i) => events.push(`${i.instanceId} ${i.state}`));
    await t.autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'protect', DesiredCapacity: 4 }),
    );
    const four = await inService(4);
    expect(four.Instances!.map((i) => i.InstanceId).sort()).toEqual(fresh.map((i) => i.InstanceId).sort());
    expect(four.Instances!.map((i) => i.AvailabilityZone).sort()).toEqual([
      'eu-west-1a',
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1b',
    ]);
    await eventually('the old instances terminated', async () =>
      old.every((id) => events.includes(`${id} terminated`)) ? true : undefined,
    );
    for (const id of old)
      expect(events.filter((e) => e.startsWith(id))).toEqual([
        `${id} drained`,
        `${id} shutting-down`,
        `${id} terminated`,
      ]);
    expect(events.filter((e) => fresh.some((i) => e.startsWith(i.InstanceId!)))).toEqual([]);
  });

  it('drains an instance before scale-in terminates it, and detaching deregisters the rest', async () => {
    await createGroup('shop', '1.0.0', 2);
    await eventually('two healthy targets', async () => {
      const ts = await targets();
      return ts.length === 2 && ts.every((x) => x.state === 'healthy') ? true : undefined;
    });
    await t.autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'shop', DesiredCapacity: 1 }),
    );
    const draining = await eventually('a draining target', async () =>
      (await targets()).find((x) => x.state === 'draining'),
    );
    expect(t.sim.cloud.ec2.instance(draining.id)!.state).toBe('running');
    await eventually('the drained instance terminated', async () =>
      ['shutting-down', 'terminated'].includes(t.sim.cloud.ec2.instance(draining.id)?.state ?? 'terminated')
        ? true
        : undefined,
    );
    await t.autoScaling.send(
      new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'shop', TargetGroupARNs: [tg] }),
    );
    await eventually('the remaining target draining or gone', async () =>
      (await targets()).every((x) => x.state === 'draining') ? true : undefined,
    );
    expect((await group('shop')).TargetGroupARNs).toEqual([]);
  });
});
