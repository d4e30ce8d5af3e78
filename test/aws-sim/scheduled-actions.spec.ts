import {
  BatchDeleteScheduledActionCommand,
  BatchPutScheduledUpdateGroupActionCommand,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScheduledActionsCommand,
  PutScheduledUpdateGroupActionCommand,
  SuspendProcessesCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { Recurrence } from '../../aws-sim/auto-scaling/recurrence';
import { eventually, startTestSim, type TestSim, fail } from './support/test-sim';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('aws-sim scheduled action recurrence', () => {
  it('finds the next minute a cron expression matches, in UTC by default', () => {
    expect(iso(Recurrence.parse('30 8 * * 1-5').next(at('2025-01-03T09:00:00Z')))).toBe(
      '2025-01-06T08:30:00.000Z',
    );
    expect(iso(Recurrence.parse('*/15 * * * *').next(at('2025-01-03T09:00:00Z')))).toBe(
      '2025-01-03T09:15:00.000Z',
    );
  });

  it('reads the expression in its time zone, summer time included', () => {
    const weekdays8 = Recurrence.parse('0 8 * * 1-5', 'Europe/London');
    // Friday 3 July 2026 after 8: Monday 8:00 BST is 07:00 UTC
    expect(iso(weekdays8.next(at('2026-07-03T09:00:00Z')))).toBe('2026-07-06T07:00:00.000Z');
    // in January London is on UTC
    expect(iso(weekdays8.next(at('2026-01-02T09:00:00Z')))).toBe('2026-01-05T08:00:00.000Z');
    expect(iso(Recurrence.parse('0 20 * * *', 'America/New_York').next(at('2026-07-03T00:00:00Z')))).toBe(
      '2026-07-04T00:00:00.000Z',
    );
  });

  it('refuses an expression that is not five cron fields, and an unknown time zone', () => {
    for (const bad of ['0 8 * *', '61 * * * *', '0 0 8 * * *'])
      expect(() => Recurrence.parse(bad)).toThrowMatching(
        (e: any) =>
          e.code === 'ValidationError' && e.message === `Given recurrence string is not valid: ${bad}`,
      );
    expect(() => Recurrence.parse('0 8 * * *', 'Mars/Olympus')).toThrowMatching(
      (e: any) => e.code === 'ValidationError',
    );
  });
});

describe('aws-sim scheduled actions', () => {
  let t: TestSim;
  const actions = async (group: string) =>
    (await t.autoScaling.send(new DescribeScheduledActionsCommand({ AutoScalingGroupName: group })))
      .ScheduledUpdateGroupActions ?? [];
  const group = async (name: string) =>
    (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  const create = (name: string, desired = 0) =>
    t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 10,
        DesiredCapacity: desired,
        AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
      }),
    );

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

  it('keeps a recurrence in its time zone and describes it with its next run as StartTime', async () => {
    await create('tz');
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'tz',
        ScheduledActionName: 'weekday-morning',
        Recurrence: '0 8 * * 1-5',
        TimeZone: 'Europe/London',
        MinSize: 2,
        MaxSize: 10,
        DesiredCapacity: 10,
      }),
    );
    const [a] = await actions('tz');
    expect(a).toEqual(
      jasmine.objectContaining({
        AutoScalingGroupName: 'tz',
        ScheduledActionName: 'weekday-morning',
        Recurrence: '0 8 * * 1-5',
        TimeZone: 'Europe/London',
        MinSize: 2,
        MaxSize: 10,
        DesiredCapacity: 10,
      }),
    );
    expect(a!.ScheduledActionARN).toMatch(
      /^arn:aws:autoscaling:eu-west-1:\d{12}:scheduledUpdateGroupAction:[0-9a-f-]+:autoScalingGroupName\/tz:scheduledActionName\/weekday-morning$/,
    );
    // 08:00 in London on a weekday
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    }).format(a!.StartTime!);
    expect(london).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
  });

  it('updates an action in place, keeping what the update leaves out', async () => {
    await create('upd');
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'upd',
        ScheduledActionName: 'evening',
        Recurrence: '0 20 * * *',
        MinSize: 0,
        DesiredCapacity: 2,
      }),
    );
    const arn = (await actions('upd'))[0]!.ScheduledActionARN;
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'upd',
        ScheduledActionName: 'evening',
        DesiredCapacity: 1,
      }),
    );
    const after = await actions('upd');
    expect(after.length).toBe(1);
    expect(after[0]).toEqual(
      jasmine.objectContaining({
        ScheduledActionARN: arn,
        Recurrence: '0 20 * * *',
        MinSize: 0,
        DesiredCapacity: 1,
      }),
    );
  });

  it('refuses a bad recurrence, an unknown time zone, no size, and an end before the start, storing nothing', async () => {
    await create('bad');
    const put = (input: object) =>
      fail(
        t.autoScaling.send(
          new PutScheduledUpdateGroupActionCommand({
            AutoScalingGroupName: 'bad',
            ScheduledActionName: 'x',
            ...input,
          }),
        ),
      );
    expect((await put({ Recurrence: '0 8 * *', DesiredCapacity: 1 })).message).toBe(
      'Given recurrence string is not valid: 0 8 * *',
    );
    expect((await put({ Recurrence: '0 8 * * *', TimeZone: 'Mars/Olympus', DesiredCapacity: 1 })).name).toBe(
      'ValidationError',
    );
    expect((await put({ Recurrence: '0 8 * * *' })).message).toBe(
      'At least one of MinSize, MaxSize or DesiredCapacity must be specified.',
    );
    expect(
      (
        await put({
          StartTime: new Date(Date.now() + 7_200_000),
          EndTime: new Date(Date.now() + 3_600_000),
          Recurrence: '0 8 * * *',
          DesiredCapacity: 1,
        })
      ).message,
    ).toBe('Given end time is before the start time');
    expect(await actions('bad')).toEqual([]);
  });

  it('puts and deletes in batches, answering the ones that failed', async () => {
    await create('batch');
    const put = await t.autoScaling.send(
      new BatchPutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'batch',
        ScheduledUpdateGroupActions: [
          { ScheduledActionName: 'up', Recurrence: '0 8 * * 1-5', DesiredCapacity: 10 },
          { ScheduledActionName: 'down', Recurrence: '0 20 * * 1-5', DesiredCapacity: 2 },
          { ScheduledActionName: 'broken', Recurrence: 'every day', DesiredCapacity: 1 },
        ],
      }),
    );
    expect(put.FailedScheduledUpdateGroupActions).toEqual([
      {
        ScheduledActionName: 'broken',
        ErrorCode: 'ValidationError',
        ErrorMessage: 'Given recurrence string is not valid: every day',
      },
    ]);
    expect((await actions('batch')).map((a) => a.ScheduledActionName)).toEqual(['up', 'down']);
    const del = await t.autoScaling.send(
      new BatchDeleteScheduledActionCommand({
        AutoScalingGroupName: 'batch',
        ScheduledActionNames: ['up', 'nope'],
      }),
    );
    expect(del.FailedScheduledActions).toEqual([
      {
        ScheduledActionName: 'nope',
        ErrorCode: 'ValidationError',
        ErrorMessage: 'Scheduled action name not found - Could not find scheduled action nope',
      },
    ]);
    expect((await actions('batch')).map((a) => a.ScheduledActionName)).toEqual(['down']);
  });

  it('runs a recurrence on the sim clock, every time it comes round, unless ScheduledActions is suspended', async () => {
    await create('clock');
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'clock',
        ScheduledActionName: 'every-minute',
        Recurrence: '* * * * *',
        MinSize: 1,
        DesiredCapacity: 2,
      }),
    );
    // a simulated minute is 0.6 s here
    await eventually('the first run', async () =>
      (await group('clock')).DesiredCapacity === 2 ? true : undefined,
    );
    expect((await group('clock')).MinSize).toBe(1);
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'clock',
        ScheduledActionName: 'every-minute',
        DesiredCapacity: 3,
      }),
    );
    await eventually('the next run', async () =>
      (await group('clock')).DesiredCapacity === 3 ? true : undefined,
    );
    expect((await actions('clock')).length).toBe(1);
    await t.autoScaling.send(
      new SuspendProcessesCommand({ AutoScalingGroupName: 'clock', ScalingProcesses: ['ScheduledActions'] }),
    );
    await t.autoScaling.send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'clock',
        ScheduledActionName: 'every-minute',
        DesiredCapacity: 4,
      }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await group('clock')).DesiredCapacity).toBe(3);
  });
});
