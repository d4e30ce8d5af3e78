import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { eventually, startTestSim, type TestSim } from './support/test-sim';

describe('aws-sim wire protocol', () => {
  let t: TestSim;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  it('refuses a request without a signature as AWS does', async () => {
    const res = await fetch(t.sim.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeAutoScalingGroups&Version=2011-01-01',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throttles a share of calls with the Throttling error the SDK retries, and counts calls per action', async () => {
    await t.control('PUT', '/_sim/faults/throttle', { action: 'DescribeAutoScalingGroups', rate: 1 });
    const err = await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({})).catch((e: Error) => e);
    expect((err as Error).name).toBe('Throttling');
    expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    await t.control('PUT', '/_sim/faults/throttle', { action: 'DescribeAutoScalingGroups', rate: 0 });
    const calls = await t.control('GET', '/_sim/calls');
    expect(calls.body['autoscaling:DescribeAutoScalingGroups']).toBeGreaterThanOrEqual(1);
  });

  it("leaves a field out of one action's replies until the faults are cleared", async () => {
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'omit',
        LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f603', InstanceType: 't3.small' },
      }),
    );
    await t.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'omit',
        LaunchTemplate: { LaunchTemplateName: 'omit', Version: '$Latest' },
        MinSize: 2,
        MaxSize: 2,
        AvailabilityZones: ['eu-west-1a'],
      }),
    );
    const instances = async () =>
      (await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['omit'] })))
        .AutoScalingGroups![0]!.Instances!;
    await eventually('two instances', async () => ((await instances()).length === 2 ? true : undefined));

    const put = await t.control('PUT', '/_sim/faults/omit-fields', [
      { action: 'DescribeAutoScalingGroups', field: 'HealthStatus' },
    ]);
    expect(put.status).toBe(200);
    expect(put.body.omitFields).toEqual([{ action: 'DescribeAutoScalingGroups', field: 'HealthStatus' }]);
    const omitted = await instances();
    expect(omitted.map((i) => i.HealthStatus)).toEqual([undefined, undefined]);
    // the rest of each instance, and the same field in other actions' replies, are there
    expect(omitted.every((i) => i.InstanceId && i.LifecycleState && i.AvailabilityZone)).toBeTrue();
    const elsewhere = await t.autoScaling.send(
      new DescribeAutoScalingInstancesCommand({ InstanceIds: omitted.map((i) => i.InstanceId!) }),
    );
    expect(elsewhere.AutoScalingInstances!.map((i) => i.HealthStatus)).toEqual(['HEALTHY', 'HEALTHY']);
    expect((await t.control('GET', '/_sim/faults')).body.omitFields).toEqual(put.body.omitFields);

    expect((await t.control('DELETE', '/_sim/faults')).body.omitFields).toEqual([]);
    expect((await instances()).map((i) => i.HealthStatus)).toEqual(['Healthy', 'Healthy']);
  });

  it('answers bad control input with 400', async () => {
    expect(
      (await t.control('PUT', '/_sim/faults/omit-fields', [{ action: 'DescribeAutoScalingGroups' }])).status,
    ).toBe(400);
    expect(
      (await t.control('PUT', '/_sim/faults/omit-fields', [{ action: 'Describe Groups', field: 'x' }]))
        .status,
    ).toBe(400);
    expect((await t.control('PUT', '/_sim/faults/throttle', { action: 'x', rate: 7 })).status).toBe(400);
    expect((await t.control('GET', '/_sim/nothing')).status).toBe(404);
  });
});
