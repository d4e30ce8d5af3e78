import {
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteScheduledActionCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScheduledActionsCommand,
  DescribeTagsCommand,
  PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand,
  SetDesiredCapacityCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
  type CreateAutoScalingGroupCommandInput,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { startTestSim, type TestSim, fail } from './support/test-sim';

describe('aws-sim Auto Scaling groups', () => {
  let t: TestSim;
  const group = (input: Partial<CreateAutoScalingGroupCommandInput> & { AutoScalingGroupName: string }) =>
    t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 3,
        DesiredCapacity: 0,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        ...input,
      }),
    );
  const describe1 = async (name: string) =>
    (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;

  beforeAll(async () => {
    t = await startTestSim();
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f603', InstanceType: 't3.small' },
      }),
    );
  });
  afterAll(() => t.close());

  it('creates a group and describes it in the shape the SDK reads', async () => {
    await group({
      AutoScalingGroupName: 'shape',
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 30,
      TerminationPolicies: ['OldestInstance'],
      NewInstancesProtectedFromScaleIn: true,
      Tags: [{ Key: 'team', Value: 'checkout', PropagateAtLaunch: true }],
    });
    const g = await describe1('shape');
    expect(g.AutoScalingGroupARN).toMatch(
      /^arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:.+:autoScalingGroupName\/shape$/,
    );
    expect(g.LaunchTemplate).toEqual(
      jasmine.objectContaining({ LaunchTemplateName: 'web', Version: '$Latest' }),
    );
    expect(g.LaunchTemplate!.LaunchTemplateId).toMatch(/^lt-/);
    expect([g.MinSize, g.MaxSize, g.DesiredCapacity]).toEqual([0, 3, 0]);
    expect(g.AvailabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(g.HealthCheckType).toBe('ELB');
    expect(g.HealthCheckGracePeriod).toBe(30);
    expect(g.TerminationPolicies).toEqual(['OldestInstance']);
    expect(g.NewInstancesProtectedFromScaleIn).toBeTrue();
    expect(g.CreatedTime).toBeInstanceOf(Date);
    expect(g.Instances).toEqual([]);
    expect(g.Tags).toEqual([
      {
        ResourceId: 'shape',
        ResourceType: 'auto-scaling-group',
        Key: 'team',
        Value: 'checkout',
        PropagateAtLaunch: true,
      },
    ]);
  });

  it('refuses a duplicate name, sizes out of order and an unknown launch template as AWS words them', async () => {
    await group({ AutoScalingGroupName: 'dup' });
    const dup = await fail(group({ AutoScalingGroupName: 'dup' }));
    expect(dup.name).toBe('AlreadyExistsFault'); // the SDK's class for the wire code AlreadyExists
    expect(dup.message).toBe(
      'AutoScalingGroup by this name already exists - A group with the name dup already exists',
    );
    const bounds = await fail(group({ AutoScalingGroupName: 'bounds', MinSize: 3, MaxSize: 1 }));
    expect(bounds.message).toBe('Max bound, 1, must be greater than or equal to min bound, 3');
    const desired = await fail(group({ AutoScalingGroupName: 'desired', DesiredCapacity: 5 }));
    expect(desired.name).toBe('ValidationError');
    expect(desired.message).toBe(
      'Desired capacity:5 must be between the specified min size:0 and max size:3',
    );
    const lt = await fail(
      group({ AutoScalingGroupName: 'lt', LaunchTemplate: { LaunchTemplateName: 'nope' } }),
    );
    expect(lt.name).toBe('ValidationError');
    expect(lt.message).toMatch(/^You must use a valid fully-formed launch template\. /);
    const zones = await fail(group({ AutoScalingGroupName: 'zones', AvailabilityZones: [] }));
    expect(zones.message).toBe('At least one Availability Zone or VPC Subnet is required.');
  });

  it('sets the desired capacity within min and max, with AWS messages beyond', async () => {
    await group({ AutoScalingGroupName: 'desire', MinSize: 1, MaxSize: 2, DesiredCapacity: 1 });
    await t.autoScaling.send(
      new SuspendProcessesCommand({ AutoScalingGroupName: 'desire', ScalingProcesses: ['Launch'] }),
    );
    const above = await fail(
      t.autoScaling.send(
        new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desire', DesiredCapacity: 3 }),
      ),
    );
    expect(above.message).toBe(
      'New SetDesiredCapacity value 3 is above max value 2 for the AutoScalingGroup.',
    );
    const below = await fail(
      t.autoScaling.send(
        new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desire', DesiredCapacity: 0 }),
      ),
    );
    expect(below.message).toBe(
      'New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.',
    );
    await t.autoScaling.send(
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desire', DesiredCapacity: 2 }),
    );
    expect((await describe1('desire')).DesiredCapacity).toBe(2);
    const unknown = await fail(
      t.autoScaling.send(
        new SetDesiredCapacityCommand({ AutoScalingGroupName: 'ghost', DesiredCapacity: 1 }),
      ),
    );
    expect(unknown.name).toBe('ValidationError');
    expect(unknown.message).toBe('AutoScalingGroup name not found - AutoScalingGroup ghost not found');
  });

  it('moves the desired capacity into a new range on update, and changes the launch template version', async () => {
    await group({ AutoScalingGroupName: 'upd', MinSize: 0, MaxSize: 4, DesiredCapacity: 0 });
    await t.autoScaling.send(
      new SuspendProcessesCommand({ AutoScalingGroupName: 'upd', ScalingProcesses: ['Launch'] }),
    );
    await t.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'upd',
        MinSize: 2,
        LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' },
        HealthCheckType: 'ELB',
      }),
    );
    const g = await describe1('upd');
    expect([g.MinSize, g.DesiredCapacity]).toEqual([2, 2]);
    expect(g.LaunchTemplate!.Version).toBe('1');
    expect(g.HealthCheckType).toBe('ELB');
    const bad = await fail(
      t.autoScaling.send(
        new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'upd', MaxSize: 1, MinSize: 2 }),
      ),
    );
    expect(bad.message).toBe('Max bound, 1, must be greater than or equal to min bound, 2');
  });

  it('pages DescribeAutoScalingGroups with MaxRecords and NextToken, and filters by tag', async () => {
    for (const n of ['page-1', 'page-2', 'page-3'])
      await group({
        AutoScalingGroupName: n,
        Tags: [{ Key: 'paged', Value: n === 'page-2' ? 'two' : 'yes' }],
      });
    const filters = [{ Name: 'tag-key', Values: ['paged'] }];
    const first = await t.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ Filters: filters, MaxRecords: 2 }),
    );
    expect(first.AutoScalingGroups!.map((g) => g.AutoScalingGroupName)).toEqual(['page-1', 'page-2']);
    const second = await t.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ Filters: filters, MaxRecords: 2, NextToken: first.NextToken }),
    );
    expect(second.AutoScalingGroups!.map((g) => g.AutoScalingGroupName)).toEqual(['page-3']);
    expect(second.NextToken).toBeUndefined();
    const byValue = await t.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag:paged', Values: ['two'] }] }),
    );
    expect(byValue.AutoScalingGroups!.map((g) => g.AutoScalingGroupName)).toEqual(['page-2']);
    const tooMany = await fail(t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 })));
    expect(tooMany.name).toBe('ValidationError');
  });

  it('creates, updates, describes and deletes tags', async () => {
    await group({ AutoScalingGroupName: 'tagged' });
    await t.autoScaling.send(
      new CreateOrUpdateTagsCommand({
        Tags: [
          {
            ResourceId: 'tagged',
            ResourceType: 'auto-scaling-group',
            Key: 'env',
            Value: 'dev',
            PropagateAtLaunch: true,
          },
          {
            ResourceId: 'tagged',
            ResourceType: 'auto-scaling-group',
            Key: 'owner',
            Value: 'me',
            PropagateAtLaunch: false,
          },
        ],
      }),
    );
    await t.autoScaling.send(
      new CreateOrUpdateTagsCommand({
        Tags: [
          {
            ResourceId: 'tagged',
            ResourceType: 'auto-scaling-group',
            Key: 'env',
            Value: 'prod',
            PropagateAtLaunch: true,
          },
        ],
      }),
    );
    await t.autoScaling.send(
      new DeleteTagsCommand({
        Tags: [{ ResourceId: 'tagged', ResourceType: 'auto-scaling-group', Key: 'owner' }],
      }),
    );
    const out = await t.autoScaling.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: ['tagged'] }] }),
    );
    expect(out.Tags!.map((x) => [x.Key, x.Value])).toEqual([['env', 'prod']]);
    const missing = await fail(
      t.autoScaling.send(
        new CreateOrUpdateTagsCommand({
          Tags: [{ ResourceId: 'ghost', ResourceType: 'auto-scaling-group', Key: 'a', Value: 'b' }],
        }),
      ),
    );
    expect(missing.name).toBe('ValidationError');
  });

  it('suspends and resumes processes, refusing unknown ones', async () => {
    await group({ AutoScalingGroupName: 'proc' });
    await t.autoScaling.send(
      new SuspendProcessesCommand({
        AutoScalingGroupName: 'proc',
        ScalingProcesses: ['AZRebalance', 'Launch'],
      }),
    );
    expect((await describe1('proc')).SuspendedProcesses!.map((s) => s.ProcessName)).toEqual([
      'AZRebalance',
      'Launch',
    ]);
    expect((await describe1('proc')).SuspendedProcesses![0]!.SuspensionReason).toMatch(/^User suspended at /);
    await t.autoScaling.send(
      new ResumeProcessesCommand({ AutoScalingGroupName: 'proc', ScalingProcesses: ['Launch'] }),
    );
    expect((await describe1('proc')).SuspendedProcesses!.map((s) => s.ProcessName)).toEqual(['AZRebalance']);
    const bad = await fail(
      t.autoScaling.send(
        new SuspendProcessesCommand({ AutoScalingGroupName: 'proc', ScalingProcesses: ['Nap'] }),
      ),
    );
    expect(bad.name).toBe('ValidationError');
  });

  it('puts, describes and deletes scheduled actions, refusing a start in the past', async () => {
    await group({ AutoScalingGroupName: 'sched' });
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'sched',
        ScheduledActionName: 'nightly',
        Recurrence: '0 22 * * *',
        DesiredCapacity: 0,
      }),
    );
    const out = await t.autoScaling.send(
      new DescribeScheduledActionsCommand({ AutoScalingGroupName: 'sched' }),
    );
    expect(
      out.ScheduledUpdateGroupActions!.map((s) => [s.ScheduledActionName, s.Recurrence, s.DesiredCapacity]),
    ).toEqual([['nightly', '0 22 * * *', 0]]);
    expect(out.ScheduledUpdateGroupActions![0]!.StartTime!.getUTCHours()).toBe(22);
    const past = await fail(
      t.autoScaling.send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'sched',
          ScheduledActionName: 'late',
          StartTime: new Date(Date.now() - 3_600_000),
          DesiredCapacity: 1,
        }),
      ),
    );
    expect(past.message).toBe('Given start time is in the past');
    await t.autoScaling.send(
      new DeleteScheduledActionCommand({ AutoScalingGroupName: 'sched', ScheduledActionName: 'nightly' }),
    );
    const again = await fail(
      t.autoScaling.send(
        new DeleteScheduledActionCommand({ AutoScalingGroupName: 'sched', ScheduledActionName: 'nightly' }),
      ),
    );
    expect(again.name).toBe('ValidationError');
  });

  it('deletes an empty group and refuses an unknown one', async () => {
    await group({ AutoScalingGroupName: 'gone' });
    await t.autoScaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'gone' }));
    const out = await t.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['gone'] }),
    );
    expect(out.AutoScalingGroups).toEqual([]);
    const again = await fail(
      t.autoScaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'gone' })),
    );
    expect(again.message).toBe('AutoScalingGroup name not found - AutoScalingGroup gone not found');
  });
});
