import { startTestSim, eventually, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

/** AWS replies are parsed: a reply that lacks an instance's HealthStatus is an error, never "healthy". */
describe('a DescribeAutoScalingGroups reply without HealthStatus', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;

  beforeEach(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
  });
  afterEach(async () => {
    await tp.close();
    await sim.close();
  });

  const record = async (id: string) => (await admin.get(`/deployments/${id}`)).body;
  const step = (
    d: { Value: { Steps: { name: string; status: string; attempts: number; error?: string }[] } },
    name: string,
  ) => d.Value.Steps.find((s) => s.name === name)!;

  it('keeps the deployment waiting (retrying) rather than counting the new instances healthy', async () => {
    // slow boots: the fault is in place before any new instance could come into service
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 5 });
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.7.0',
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    const id = res.body.DeploymentID as string;
    await eventually('scale-out done', async () =>
      step(await record(id), 'scale-out').status === 'succeeded' ? true : undefined,
    );
    const omitted = await sim.control('PUT', '/_sim/faults/omit-fields', [
      { action: 'DescribeAutoScalingGroups', field: 'HealthStatus' },
    ]);
    expect(omitted.status).toBe(200);
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 1 });
    // long after the new instances are up: the engine still has not taken them for healthy
    const retrying = await eventually('a retried wait', async () => {
      const d = await record(id);
      return step(d, 'wait-for-new-instances').attempts >= 2 ? d : undefined;
    });
    expect(step(retrying, 'wait-for-new-instances').status).toBe('running');
    expect(step(retrying, 'wait-for-new-instances').error).toContain('HealthStatus');
    expect(step(retrying, 'remove-old-instances').status).toBe('pending');
    const log = (await admin.get(`/deployments/${id}/log`)).body.map((l: { message: string }) => l.message);
    expect(log.some((m: string) => /HealthStatus.*will retry/.test(m))).toBeTrue();

    // AWS answers in full again: the deployment goes on and succeeds
    await sim.control('DELETE', '/_sim/faults');
    const d = await eventually(
      'the deployment to end',
      async () => {
        const r = await record(id);
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(r.Value.Status)
          ? r
          : undefined;
      },
      60_000,
    );
    expect(d.Value.Status).withContext(d.Value.ErrorReason).toBe('Success');
  }, 90_000);
});
