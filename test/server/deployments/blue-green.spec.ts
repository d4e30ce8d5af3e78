import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { givenUser } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, versionBehind, type FleetEstate } from '../fleet/support/fleet-estate';

/** Blue/green rollouts with canary steps by the engine, against aws-sim's real load balancer. */
describe('blue/green deployments (mode bg)', () => {
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

  /** The green slice's weight on the listener now. */
  const greenWeight = async (): Promise<number> => {
    const l = await sim.elbv2.send(new DescribeListenersCommand({ ListenerArns: [estate.listenerArn] }));
    const groups = l.Listeners![0]!.DefaultActions![0]!.ForwardConfig!.TargetGroups!;
    return groups.find((g) => g.TargetGroupArn === estate.targetGroups.green)!.Weight ?? 0;
  };
  const desired = async (name: string) =>
    (await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!.DesiredCapacity;
  const deploy = async (body: Record<string, unknown>) => {
    const res = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.apiService,
      mode: 'bg',
      slice: 'green',
      ...body,
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    return res.body.DeploymentID as string;
  };
  /** Waits for the end, sampling the green weight meanwhile. */
  const watch = async (id: string) => {
    const weights: number[] = [];
    const d = await eventually(
      `deployment ${id} to end`,
      async () => {
        const w = await greenWeight();
        if (weights[weights.length - 1] !== w) weights.push(w);
        const dep = (await admin.get(`/deployments/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(dep.Value.Status)
          ? dep
          : undefined;
      },
      60_000,
    );
    return { d, weights };
  };

  it('shifts traffic in canary steps 10, 50, 100, each baked, then scales the old slice to zero', async () => {
    const { d, weights } = await watch(
      await deploy({ version: '3.0.0', canarySteps: [10, 50, 100], bakeSeconds: 1 }),
    );
    expect(d.Value.Status).withContext(d.Value.ErrorReason).toBe('Success');
    expect(weights).toEqual([0, 10, 50, 100]);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('3.0.0');
    expect(await desired(estate.blueGroup)).toBe(0);
    expect(await desired(estate.greenGroup)).toBe(2);
    const slices = await admin.get(`/services/${estate.apiService}/slices?environment=${estate.environment}`);
    expect(slices.body.find((s: { Name: string }) => s.Name === 'green')).toEqual(
      jasmine.objectContaining({ State: 'Active', Weight: 100, Version: '3.0.0' }),
    );
  }, 90_000);

  it('waits for approval before 100% and goes on once approved', async () => {
    const id = await deploy({
      version: '3.1.0',
      canarySteps: [50, 100],
      bakeSeconds: 0,
      requireApproval: true,
    });
    await eventually(
      'awaiting approval at 50%',
      async () =>
        (await admin.get(`/deployments/${id}`)).body.Value.Status === 'Awaiting Approval' ? true : undefined,
      30_000,
    );
    expect(await greenWeight()).toBe(50);
    const approver = await givenUser(admin, {
      grants: [{ Action: 'approve-deployments', Clusters: [estate.cluster] }],
    });
    expect((await approver.post(`/deployments/${id}/approve`, undefined)).status).toBe(200);
    const { d } = await watch(id);
    expect(d.Value.Status).toBe('Success');
    expect(await greenWeight()).toBe(100);
  }, 90_000);

  it('rolls back a version that fails health, and never sends it traffic', async () => {
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '6.6.6' },
    ]);
    const { d, weights } = await watch(
      await deploy({ version: '6.6.6', canarySteps: [10, 100], bakeSeconds: 1 }),
    );
    expect(d.Value.Status).toBe('Rolled Back');
    expect(d.Value.ErrorReason).toContain('health');
    expect(Math.max(...weights)).toBe(0);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
    await eventually('the green slice back to zero', async () =>
      (await desired(estate.greenGroup)) === 0 ? true : undefined,
    );
  }, 90_000);

  it('rolls back when the new slice turns unhealthy at the first canary step: traffic never above it', async () => {
    const id = await deploy({ version: '7.0.0', canarySteps: [10, 50, 100], bakeSeconds: 3 });
    await eventually(
      '10% on the new slice',
      async () => ((await greenWeight()) === 10 ? true : undefined),
      30_000,
    );
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '7.0.0' },
    ]);
    const { d, weights } = await watch(id);
    expect(d.Value.Status).toBe('Rolled Back');
    expect(d.Value.ErrorReason).toContain('unhealthy at 10%');
    expect(Math.max(...weights)).toBe(10);
    expect(await greenWeight()).toBe(0);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
  }, 90_000);

  it('loses no request during the rollout: old or new version, then only the new', async () => {
    const listeners = (await sim.control('GET', '/_sim/listeners')).body as {
      listenerArn: string;
      url: string;
    }[];
    const url = listeners.find((l) => l.listenerArn === estate.listenerArn)!.url;
    const id = await deploy({ version: '4.0.0', canarySteps: [10, 50, 100], bakeSeconds: 1 });
    const results: { status: number; version?: string }[] = [];
    let done = false;
    const ended = watch(id).then((r) => ((done = true), r));
    for (let i = 0; i < 3000 && !done; i++) {
      void fetch(`${url}/`)
        .then(async (r) =>
          results.push({ status: r.status, version: ((await r.json()) as { version: string }).version }),
        )
        .catch(() => results.push({ status: 0 }));
      await new Promise((r) => setTimeout(r, 10));
    }
    const { d } = await ended;
    await new Promise((r) => setTimeout(r, 200));
    expect(d.Value.Status).toBe('Success');
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.every((r) => r.version === '2.0.0' || r.version === '4.0.0')).toBeTrue();
    expect(results.some((r) => r.version === '4.0.0')).toBeTrue();
    for (let i = 0; i < 20; i++) expect(await versionBehind(sim, estate.listenerArn)).toBe('4.0.0');
  }, 120_000);

  it('rolls back in the rollback window with one flip of the slices', async () => {
    const id = await deploy({ version: '5.0.0', canarySteps: [100], bakeSeconds: 4 });
    await eventually(
      'keeping the old slice warm',
      async () => {
        const d = (await admin.get(`/deployments/${id}`)).body;
        return d.Value.Steps.find((s: { name: string }) => s.name === 'keep-old-slice-warm').status ===
          'running'
          ? true
          : undefined;
      },
      30_000,
    );
    const flip = await admin.put(
      `/services/${estate.apiService}/slices/toggle?environment=${estate.environment}`,
      undefined,
      undefined,
    );
    expect(flip.status).withContext(JSON.stringify(flip.body)).toBe(200);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
    const { d } = await watch(id);
    expect(d.Value.Status).toBe('Rolled Back');
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
    expect(await desired(estate.blueGroup)).toBe(2);
  }, 90_000);

  it('refuses to deploy onto the slice that takes the traffic, and the dry run shows what runs now', async () => {
    const body = {
      environment: estate.environment,
      service: estate.apiService,
      mode: 'bg',
      version: '9.0.0',
    };
    const res = await admin.post('/deployments', { ...body, slice: 'blue' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('takes 100%');
    const dry = await admin.post('/deployments?dry_run=true', { ...body, slice: 'green' });
    expect(dry.body).toEqual(
      jasmine.objectContaining({
        autoScalingGroupName: estate.greenGroup,
        currentVersions: [],
        instances: 0,
        warnings: [],
      }),
    );
    const blueDry = await admin.post('/deployments?dry_run=true', {
      ...body,
      mode: 'overwrite',
      slice: undefined,
      serverRole: 'web',
      service: estate.webService,
    });
    expect(blueDry.body).toEqual(jasmine.objectContaining({ currentVersions: ['1.0.0'], instances: 2 }));
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
  }, 60_000);
});
