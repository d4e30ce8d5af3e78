import {
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { startTestSim, eventually, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, groupsInService, type FleetEstate } from '../fleet/support/fleet-estate';

/** The share of AWS calls aws-sim refuses with `Throttling` / `RequestLimitExceeded` in these specs. */
const THROTTLE_RATE = 0.3;

/**
 * Scale-up patching while aws-sim throttles 30% of every action: the portal's SDK clients retry with backoff,
 * so the deployment still ends Success with the fleet as it should be.
 */
describe('deployments under AWS throttling', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  /** Calls aws-sim refused as throttled, by action (counted by watching its fault decision). */
  let throttled: Map<string, number>;

  beforeEach(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    throttled = new Map();
    const faults = sim.sim.cloud.faults;
    const decide = faults.shouldThrottle.bind(faults);
    spyOn(faults, 'shouldThrottle').and.callFake((action: string) => {
      const refused = decide(action);
      if (refused) throttled.set(action, (throttled.get(action) ?? 0) + 1);
      return refused;
    });
  });
  afterEach(async () => {
    await tp.close();
    await sim.close();
  });

  const group = async (): Promise<AutoScalingGroup> =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
  const calls = async (): Promise<Record<string, number>> => (await sim.control('GET', '/_sim/calls')).body;
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const finished = (id: string) =>
    eventually(
      `deployment ${id} to end`,
      async () => {
        const d = (await admin.get(`/deployments/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(d.Value.Status)
          ? d
          : undefined;
      },
      90_000,
    );

  it('patches a group of 3 to Success while 30% of AWS calls are throttled, and leaves the fleet right', async () => {
    await sim.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: estate.webGroup,
        MaxSize: 4,
        DesiredCapacity: 3,
      }),
    );
    await groupsInService(sim, [estate.webGroup]);
    const before = await group();
    const oldIds = before.Instances!.map((i) => i.InstanceId!);
    const callsBefore = total(await calls());

    const fault = await sim.control('PUT', '/_sim/faults/throttle', { action: '*', rate: THROTTLE_RATE });
    expect(fault.body.throttle).toEqual({ '*': THROTTLE_RATE });
    const started = Date.now();
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.1.0',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const d = await finished(res.body.DeploymentID);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // the spec's own SDK clients do not retry: look at the fleet without the fault
    await sim.control('DELETE', '/_sim/faults');
    const callsDuring = total(await calls()) - callsBefore;
    const refused = [...throttled.values()].reduce((a, b) => a + b, 0);

    expect(d.Value.Status).withContext(JSON.stringify(d.Value.ErrorReason)).toBe('Success');
    // a patch costs about 15 calls whatever its size (it was 30 before the halving protected and scaled in)
    expect(callsDuring).toBeGreaterThan(10);
    expect(refused)
      .withContext(JSON.stringify(Object.fromEntries(throttled)))
      .toBeGreaterThan(0);
    const after = await group();
    const newVersion = d.Value.Steps.find(
      (s: { name: string }) => s.name === 'create-launch-template-version',
    ).outputs.newTemplateVersion;
    expect(after.Instances!.length).toBe(3);
    expect(after.Instances!.filter((i) => oldIds.includes(i.InstanceId!))).toEqual([]);
    expect(
      after.Instances!.every(
        (i) => i.LifecycleState === 'InService' && i.LaunchTemplate?.Version === newVersion,
      ),
    ).toBeTrue();
    expect(after.DesiredCapacity).toBe(3);
    expect(after.MaxSize).toBe(before.MaxSize);
    expect(after.SuspendedProcesses).toEqual([]);
    console.log(
      `throttling: ${refused} of ${callsDuring} AWS calls refused (${((100 * refused) / callsDuring).toFixed(0)}%) during the ${seconds} s deployment`,
    );
  }, 120_000);
});
