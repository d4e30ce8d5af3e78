import {
  CreateAutoScalingGroupCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeScalingActivitiesCommand,
  EnterStandbyCommand,
  ExitStandbyCommand,
  PutScheduledUpdateGroupActionCommand,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
  SuspendProcessesCommand,
  ResumeProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
  type CreateAutoScalingGroupCommandInput,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { eventually, startTestSim, type TestSim, fail } from './support/test-sim';

const A = 'eu-west-1a';
const B = 'eu-west-1b';

describe('aws-sim Auto Scaling reconciler', () => {
  let t: TestSim;
  const create = (input: Partial<CreateAutoScalingGroupCommandInput> & { AutoScalingGroupName: string }) =>
    t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        LaunchTemplate: { LaunchTemplateName: 'app', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 4,
        AvailabilityZones: [A],
        ...input,
      }),
    );
  const get = async (name: string): Promise<AutoScalingGroup> =>
    (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  /** Waits until the group has exactly `n` instances, all InService. */
  const settled = (name: string, n: number) =>
    eventually(`${name} at ${n} InService`, async () => {
      const g = await get(name);
      const ok = g.Instances!.length === n && g.Instances!.every((i) => i.LifecycleState === 'InService');
      return ok ? g : undefined;
    });
  const desire = (name: string, n: number) =>
    t.autoScaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: name, DesiredCapacity: n }));
  const ids = (g: AutoScalingGroup) => g.Instances!.map((i) => i.InstanceId!).sort();

  beforeAll(async () => {
    t = await startTestSim();
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'app',
        LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f603', InstanceType: 't3.small' },
      }),
    );
  });
  afterEach(() => t.control('DELETE', '/_sim/faults'));
  afterAll(() => t.close());

  it('launches to the desired capacity across zones, tagged with the group, and reports them InService', async () => {
    await create({
      AutoScalingGroupName: 'spread',
      DesiredCapacity: 2,
      AvailabilityZones: [A, B],
      Tags: [{ Key: 'team', Value: 'web', PropagateAtLaunch: true }],
    });
    const g = await settled('spread', 2);
    expect(g.Instances!.map((i) => i.AvailabilityZone).sort()).toEqual([A, B]);
    expect(
      g.Instances!.every((i) => i.HealthStatus === 'Healthy' && i.LaunchTemplate!.Version === '1'),
    ).toBeTrue();
    const ec2 = t.sim.cloud.ec2.instance(g.Instances![0]!.InstanceId!)!;
    expect(ec2.tags).toEqual(
      jasmine.objectContaining({ 'aws:autoscaling:groupName': 'spread', team: 'web' }),
    );
    const details = await t.autoScaling.send(
      new DescribeAutoScalingInstancesCommand({ InstanceIds: [ec2.instanceId] }),
    );
    expect(details.AutoScalingInstances![0]).toEqual(
      jasmine.objectContaining({
        AutoScalingGroupName: 'spread',
        LifecycleState: 'InService',
        HealthStatus: 'HEALTHY',
      }),
    );
    const acts = await t.autoScaling.send(
      new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'spread', MaxRecords: 1 }),
    );
    expect(acts.Activities![0]!.Description).toMatch(/^Launching a new EC2 instance: i-/);
    expect(acts.Activities![0]!.StatusCode).toBe('Successful');
    expect(acts.NextToken).toBeDefined();
    const rest = await t.autoScaling.send(
      new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'spread', NextToken: acts.NextToken }),
    );
    expect(rest.Activities!.length).toBe(1);
  });

  it('never scales in an instance protected from scale-in', async () => {
    await create({ AutoScalingGroupName: 'protect', DesiredCapacity: 2 });
    const g = await settled('protect', 2);
    const keep = g.Instances![1]!.InstanceId!;
    await t.autoScaling.send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: 'protect',
        InstanceIds: [keep],
        ProtectedFromScaleIn: true,
      }),
    );
    await desire('protect', 1);
    const after = await settled('protect', 1);
    expect(ids(after)).toEqual([keep]);
    expect(after.Instances![0]!.ProtectedFromScaleIn).toBeTrue();
    await desire('protect', 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(ids(await get('protect'))).toEqual([keep]);
  });

  it('scales in the instances on the older launch template version first; the others keep theirs', async () => {
    await create({ AutoScalingGroupName: 'versions', DesiredCapacity: 2 });
    const before = await settled('versions', 2);
    const v2 = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'app',
        SourceVersion: '1',
        LaunchTemplateData: { InstanceType: 't3.medium' },
      }),
    );
    const version = String(v2.LaunchTemplateVersion!.VersionNumber);
    await t.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'versions',
        LaunchTemplate: { LaunchTemplateName: 'app', Version: version },
        DesiredCapacity: 3,
      }),
    );
    const three = await settled('versions', 3);
    expect(three.Instances!.filter((i) => i.LaunchTemplate!.Version === version).length).toBe(1);
    await desire('versions', 1);
    const one = await settled('versions', 1);
    expect(one.Instances![0]!.LaunchTemplate!.Version).toBe(version);
    expect(ids(before)).not.toContain(one.Instances![0]!.InstanceId!);
  });

  it('scales in from the zone with the most instances even when the policy prefers another', async () => {
    await create({
      AutoScalingGroupName: 'uneven',
      DesiredCapacity: 0,
      AvailabilityZones: [A, B],
      TerminationPolicies: ['OldestInstance'],
    });
    await t.control('PUT', '/_sim/faults/zones', { withoutCapacity: [A] });
    await desire('uneven', 1);
    const oldest = ids(await settled('uneven', 1))[0]!;
    await t.control('PUT', '/_sim/faults/zones', { withoutCapacity: [B] });
    await desire('uneven', 3);
    const g = await settled('uneven', 3);
    expect(g.Instances!.filter((i) => i.AvailabilityZone === A).length).toBe(2);
    await t.control('PUT', '/_sim/faults/zones', { withoutCapacity: [] });
    await desire('uneven', 2);
    const after = await settled('uneven', 2);
    // OldestInstance alone would take the instance in B; AWS balances zones first
    expect(ids(after)).toContain(oldest);
    expect(after.Instances!.map((i) => i.AvailabilityZone).sort()).toEqual([A, B]);
  });

  it('puts an instance in standby (with or without a replacement) and brings it back', async () => {
    await create({ AutoScalingGroupName: 'standby', DesiredCapacity: 2 });
    const g = await settled('standby', 2);
    const [first, second] = ids(g) as [string, string];
    const out = await t.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'standby',
        InstanceIds: [first],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    expect(out.Activities![0]!.Description).toBe(`Moving EC2 instance to Standby: ${first}`);
    let now = await get('standby');
    expect(now.DesiredCapacity).toBe(1);
    expect(now.Instances!.find((i) => i.InstanceId === first)!.LifecycleState).toBe('Standby');
    await t.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'standby',
        InstanceIds: [second],
        ShouldDecrementDesiredCapacity: false,
      }),
    );
    now = await eventually('a replacement in service', async () => {
      const x = await get('standby');
      return x.Instances!.some((i) => !ids(g).includes(i.InstanceId!) && i.LifecycleState === 'InService')
        ? x
        : undefined;
    });
    expect(now.DesiredCapacity).toBe(1);
    const notIn = await fail(
      t.autoScaling.send(
        new EnterStandbyCommand({
          AutoScalingGroupName: 'standby',
          InstanceIds: [first],
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
    expect(notIn.name).toBe('ValidationError');
    await t.autoScaling.send(
      new ExitStandbyCommand({ AutoScalingGroupName: 'standby', InstanceIds: [first] }),
    );
    expect((await get('standby')).DesiredCapacity).toBe(2);
    await eventually('back in service', async () => {
      const x = await get('standby');
      return x.Instances!.find((i) => i.InstanceId === first)?.LifecycleState === 'InService' ? x : undefined;
    });
  });

  it('neither launches nor terminates while Launch and Terminate are suspended', async () => {
    await create({ AutoScalingGroupName: 'frozen', DesiredCapacity: 1 });
    await settled('frozen', 1);
    await t.autoScaling.send(
      new SuspendProcessesCommand({
        AutoScalingGroupName: 'frozen',
        ScalingProcesses: ['Launch', 'Terminate'],
      }),
    );
    await desire('frozen', 2);
    await new Promise((r) => setTimeout(r, 150));
    expect((await get('frozen')).Instances!.length).toBe(1);
    await desire('frozen', 0);
    await new Promise((r) => setTimeout(r, 150));
    expect((await get('frozen')).Instances!.length).toBe(1);
    await t.autoScaling.send(new ResumeProcessesCommand({ AutoScalingGroupName: 'frozen' }));
    await settled('frozen', 0);
  });

  it('runs a scheduled action at its start time, on the sim clock', async () => {
    await create({ AutoScalingGroupName: 'scheduled', DesiredCapacity: 0 });
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'scheduled',
        ScheduledActionName: 'morning',
        StartTime: new Date(Date.now() + 30_000),
        MinSize: 1,
        DesiredCapacity: 2,
      }),
    );
    // 30 AWS seconds at 10 ms each
    const g = await settled('scheduled', 2);
    expect(g.MinSize).toBe(1);
  });

  it('replaces an instance that EC2 no longer runs', async () => {
    await create({ AutoScalingGroupName: 'heal', DesiredCapacity: 1 });
    const victim = ids(await settled('heal', 1))[0]!;
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [victim] }));
    const g = await eventually('a replacement', async () => {
      const x = await get('heal');
      return x.Instances!.length === 1 &&
        x.Instances![0]!.InstanceId !== victim &&
        x.Instances![0]!.LifecycleState === 'InService'
        ? x
        : undefined;
    });
    expect(g.DesiredCapacity).toBe(1);
    const acts = await t.autoScaling.send(
      new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'heal' }),
    );
    expect(
      acts.Activities!.some(
        (a) => a.Description === `Terminating EC2 instance: ${victim}` && /EC2 health check/.test(a.Cause!),
      ),
    ).toBeTrue();
  });

  it('terminates an instance on request, with or without a replacement, and deletes only when forced', async () => {
    await create({ AutoScalingGroupName: 'manual', MinSize: 1, DesiredCapacity: 2 });
    const [one, two] = ids(await settled('manual', 2)) as [string, string];
    const out = await t.autoScaling.send(
      new TerminateInstanceInAutoScalingGroupCommand({
        InstanceId: one,
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    expect(out.Activity!.Description).toBe(`Terminating EC2 instance: ${one}`);
    expect(out.Activity!.Cause).toMatch(/shrinking the capacity from 2 to 1\.$/);
    expect((await get('manual')).DesiredCapacity).toBe(1);
    const belowMin = await fail(
      t.autoScaling.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: two,
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
    expect(belowMin.message).toMatch(/^Currently, desiredSize equals minSize \(1\)/);
    const unknown = await fail(
      t.autoScaling.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: 'i-0000',
          ShouldDecrementDesiredCapacity: false,
        }),
      ),
    );
    expect(unknown.message).toBe('Instance Id not found - No managed instance found for instance ID: i-0000');
    const inUse = await fail(
      t.autoScaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'manual' })),
    );
    expect(inUse.name).toBe('ResourceInUseFault');
    await t.autoScaling.send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'manual', ForceDelete: true }),
    );
    await eventually('instances terminated', async () =>
      ['shutting-down', 'terminated', undefined].includes(t.sim.cloud.ec2.instance(two)?.state)
        ? true
        : undefined,
    );
  });
});
