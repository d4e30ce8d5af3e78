import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { startTestSim, type TestSim } from './support/test-sim';

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

  it('answers bad control input with 400', async () => {
    expect((await t.control('PUT', '/_sim/faults/throttle', { action: 'x', rate: 7 })).status).toBe(400);
    expect((await t.control('GET', '/_sim/nothing')).status).toBe(404);
  });
});
