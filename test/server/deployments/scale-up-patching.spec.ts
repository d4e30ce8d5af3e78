import {
  AttachLoadBalancerTargetGroupsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { startTestSim, eventually, type TestSim } from '../../aws-sim/support/test-sim';
import { givenUser } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import {
  givenFleetEstate,
  groupsInService,
  targetsHealthy,
  type FleetEstate,
} from '../fleet/support/fleet-estate';

/** Scale-up patching by the engine, against aws-sim through the AWS SDK, with the record in DynamoDB Local. */
describe('scale-up patching (mode overwrite)', () => {
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

  const group = async (): Promise<AutoScalingGroup> =>
    (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
  const resize = async (n: number, policies?: string[]) => {
    await sim.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: estate.webGroup,
        MinSize: 0,
        MaxSize: Math.max(n, 4),
        DesiredCapacity: n,
        TerminationPolicies: policies,
      }),
    );
    await groupsInService(sim, [estate.webGroup]);
  };
  /** Puts the web group behind a load balancer with ELB health checks; returns the listener's local URL. */
  const behindLoadBalancer = async (): Promise<string> => {
    const tg = (
      await sim.elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'web',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: 'vpc-0web',
          HealthCheckPath: '/health',
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 4,
          HealthyThresholdCount: 2,
          UnhealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups![0]!.TargetGroupArn!;
    await sim.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: tg,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }],
      }),
    );
    const lb = (
      await sim.elbv2.send(
        new CreateLoadBalancerCommand({ Name: 'web', Subnets: ['subnet-0a', 'subnet-0b'] }),
      )
    ).LoadBalancers![0]!.LoadBalancerArn!;
    const listener = await sim.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
      }),
    );
    await sim.autoScaling.send(
      new AttachLoadBalancerTargetGroupsCommand({
        AutoScalingGroupName: estate.webGroup,
        TargetGroupARNs: [tg],
      }),
    );
    await sim.autoScaling.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: estate.webGroup,
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 30,
      }),
    );
    await targetsHealthy(sim, tg, 2);
    const local = (await sim.control('GET', '/_sim/listeners')).body as {
      listenerArn: string;
      url: string;
    }[];
    return local.find((l) => l.listenerArn === listener.Listeners![0]!.ListenerArn)!.url;
  };
  const deploy = async (version: string, client = admin) => {
    const res = await client.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version,
    });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(202);
    return res.body.DeploymentID as string;
  };
  const finished = (id: string) =>
    eventually(
      `deployment ${id} to end`,
      async () => {
        const d = (await admin.get(`/deployments/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'].includes(d.Value.Status)
          ? d
          : undefined;
      },
      60_000,
    );

  for (const n of [1, 3, 10]) {
    it(`replaces all ${n} instance(s) with new ones on the new version and restores the group`, async () => {
      await resize(n, ['NewestInstance']);
      const before = await group();
      const oldIds = before.Instances!.map((i) => i.InstanceId!);
      const id = await deploy('1.1.0');
      const d = await finished(id);
      expect(d.Value.Status).withContext(JSON.stringify(d.Value.ErrorReason)).toBe('Success');
      expect(d.Value.Steps.every((s: { status: string }) => s.status === 'succeeded')).toBeTrue();
      // the progress read when it ended: the n new instances, no old one
      expect(d.Value.Progress.newInstances).toBe(n);
      expect(d.Value.Progress.oldInstances).toBe(0);
      const after = await group();
      expect(d.Value.Progress.instances.map((i: { instanceId: string }) => i.instanceId).sort()).toEqual(
        after.Instances!.map((i) => i.InstanceId!).sort(),
      );
      expect(after.Instances!.length).toBe(n);
      expect(after.Instances!.filter((i) => oldIds.includes(i.InstanceId!))).toEqual([]);
      const newVersion = d.Value.Steps.find(
        (s: { name: string }) => s.name === 'create-launch-template-version',
      ).outputs.newTemplateVersion;
      expect(
        after.Instances!.every(
          (i) => i.LaunchTemplate?.Version === newVersion && i.LifecycleState === 'InService',
        ),
      ).toBeTrue();
      expect(after.Instances!.every((i) => i.ProtectedFromScaleIn === false)).toBeTrue();
      expect(after.DesiredCapacity).toBe(n);
      expect(after.MaxSize).toBe(before.MaxSize);
      expect(after.SuspendedProcesses).toEqual([]);
      const servers = await admin.get(`/environments/${estate.environment}/servers`);
      expect(JSON.stringify(servers.body)).toContain('1.1.0');
      const log = (await admin.get(`/deployments/${id}/log`)).body.map((l: { message: string }) => l.message);
      expect(log).toContain('deployment succeeded');
    }, 90_000);
  }

  it('stores a final progress when it succeeds: only the new instances, as they are at the end', async () => {
    const oldIds = (await group()).Instances!.map((i) => i.InstanceId!);
    const id = await deploy('1.1.1');
    const d = await finished(id);
    expect(d.Value.Status).toBe('Success');
    const stored = await new DynamoDbDeploymentStore(tp.portal.db, tableNames(tp.tablePrefix)).get(id);
    const progress = stored!.value.Progress!;
    expect(progress.oldInstances).toBe(0);
    expect(progress.newInstances).toBe(progress.instances.length);
    expect(
      progress.instances.every((i) => i.generation === 'new' && !oldIds.includes(i.instanceId)),
    ).toBeTrue();
    expect(progress.instances.every((i) => i.lifecycleState === 'InService')).toBeTrue();
    expect(Date.parse(progress.at)).toBeGreaterThanOrEqual(Date.parse(stored!.value.EndTimestamp!) - 1000);
  }, 90_000);

  it('rolls back by itself when the new version fails its health checks: old instances kept, template restored', async () => {
    const url = await behindLoadBalancer();
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.webService, version: '6.6.6' },
    ]);
    const before = await group();
    const oldIds = before.Instances!.map((i) => i.InstanceId!).sort();
    const d = await finished(await deploy('6.6.6'));
    if (d.Value.Status !== 'Rolled Back')
      console.log(
        JSON.stringify(
          (await admin.get(`/deployments/${d.DeploymentID}/log`)).body.map((l: any) => l.message),
        ),
      );
    expect(d.Value.Status).toBe('Rolled Back');
    expect(d.Value.ErrorReason).toContain('health');
    await eventually('the new instances gone', async () =>
      (await group()).Instances!.length === oldIds.length ? true : undefined,
    );
    const after = await group();
    expect(after.Instances!.map((i) => i.InstanceId!).sort()).toEqual(oldIds);
    expect(after.LaunchTemplate!.Version).toBe(before.Instances![0]!.LaunchTemplate!.Version);
    expect(after.DesiredCapacity).toBe(before.DesiredCapacity);
    expect(after.SuspendedProcesses).toEqual([]);
    // the progress read when it ended: the old instances, none of the new ones it removed
    expect(d.Value.Progress.newInstances).toBe(0);
    expect(d.Value.Progress.instances.map((i: { instanceId: string }) => i.instanceId).sort()).toEqual(
      oldIds,
    );
    const served = (await (await fetch(`${url}/`)).json()) as { version: string };
    expect(served.version).toBe('1.0.0');
  }, 90_000);

  it('ends Success when Auto Scaling replaces the old instances mid-patch: replacements on the new version count, the group ends at its size', async () => {
    await behindLoadBalancer();
    const before = await group();
    const oldIds = before.Instances!.map((i) => i.InstanceId!);
    const id = await deploy('1.1.0');
    // once the group is doubled the old version fails its health checks: Auto Scaling replaces those
    // instances from the group's template version, the new one, beside the new instances the patch asked for
    await eventually('the group doubled', async () =>
      (await group()).DesiredCapacity === 2 * before.DesiredCapacity! ? true : undefined,
    );
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.webService, version: '1.0.0' },
    ]);
    const d = await finished(id);
    const log = async () =>
      JSON.stringify((await admin.get(`/deployments/${id}/log`)).body.map((l: any) => l.message));
    expect(d.Value.Status)
      .withContext(await log())
      .toBe('Success');
    const replaced = (
      await sim.autoScaling.send(
        new DescribeScalingActivitiesCommand({ AutoScalingGroupName: estate.webGroup }),
      )
    ).Activities!.filter((a) => /health/i.test(a.Cause ?? ''));
    expect(replaced.length).withContext('Auto Scaling replaced an old instance').toBeGreaterThan(0);
    const after = await eventually('the group at its size', async () => {
      const g = await group();
      return g.Instances!.length === before.DesiredCapacity ? g : undefined;
    });
    expect(after.DesiredCapacity).toBe(before.DesiredCapacity);
    expect(after.SuspendedProcesses).toEqual([]);
    for (const i of after.Instances!) {
      expect(oldIds).not.toContain(i.InstanceId!);
      expect(i.LaunchTemplate!.Version).not.toBe(before.Instances![0]!.LaunchTemplate!.Version);
      expect(i.LifecycleState).toBe('InService');
      expect(i.ProtectedFromScaleIn).toBeFalse();
    }
  }, 90_000);

  it('loses no request through the load balancer during the patch: old or new version, then only new', async () => {
    const url = await behindLoadBalancer();
    // slower boots keep the patch long enough for a stream of requests through every phase of it
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 4 });
    const id = await deploy('2.0.0');
    const results: { status: number; version?: string }[] = [];
    let done = false;
    const watcher = finished(id).then((d) => {
      done = true;
      return d;
    });
    // a steady stream, bounded by count (at most 3,000 requests at ~100/s)
    for (let i = 0; i < 3000 && !done; i++) {
      void fetch(`${url}/`)
        .then(async (r) =>
          results.push({ status: r.status, version: ((await r.json()) as { version: string }).version }),
        )
        .catch(() => results.push({ status: 0 }));
      await new Promise((r) => setTimeout(r, 10));
    }
    const d = await watcher;
    await new Promise((r) => setTimeout(r, 200));
    expect(d.Value.Status).toBe('Success');
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.every((r) => r.version === '1.0.0' || r.version === '2.0.0')).toBeTrue();
    expect(results.some((r) => r.version === '2.0.0')).toBeTrue();
    for (let i = 0; i < 20; i++)
      expect(((await (await fetch(`${url}/`)).json()) as { version: string }).version).toBe('2.0.0');
  }, 120_000);

  it('waits for an approval in a type that requires it, from someone else who may approve', async () => {
    await admin.put(`/config/environment-types/${estate.type}`, { RequiresApproval: true }, 1);
    const id = await deploy('1.2.0');
    const waiting = await eventually('awaiting approval', async () => {
      const d = (await admin.get(`/deployments/${id}`)).body;
      return d.Value.Status === 'Awaiting Approval' ? d : undefined;
    });
    expect(waiting.Value.Steps[0].name).toBe('await-approval');
    expect((await admin.post(`/deployments/${id}/approve`, undefined)).status).toBe(409);
    const approver = await givenUser(admin, {
      grants: [{ Action: 'approve-deployments', Clusters: [estate.cluster] }],
    });
    const plain = await givenUser(admin);
    expect((await plain.post(`/deployments/${id}/approve`, undefined)).status).toBe(403);
    expect((await approver.post(`/deployments/${id}/approve`, undefined)).status).toBe(200);
    const d = await finished(id);
    expect(d.Value.Status).toBe('Success');
    expect(d.Value.ApprovedBy).toBe((await approver.get('/me')).body.username);
  }, 90_000);

  it('cancels a running deployment by undoing what it did', async () => {
    const before = await group();
    const id = await deploy('1.3.0');
    await eventually('scaling out', async () =>
      (await group()).DesiredCapacity === 2 * before.DesiredCapacity! ? true : undefined,
    );
    const res = await admin.call('PATCH', `/deployments/${id}`, { body: { Status: 'Cancelled' } });
    expect(res.status).toBe(200);
    const d = await finished(id);
    expect(d.Value.Status).toBe('Cancelled');
    await eventually('the group back to its old instances', async () =>
      (await group()).Instances!.length === before.Instances!.length ? true : undefined,
    );
    const after = await group();
    expect(after.Instances!.map((i) => i.InstanceId).sort()).toEqual(
      before.Instances!.map((i) => i.InstanceId).sort(),
    );
    expect(after.LaunchTemplate!.Version).toBe(before.Instances![0]!.LaunchTemplate!.Version);
  }, 90_000);

  it('rolls back on request: the deployment stops, what it did is undone, and it ends Rolled Back', async () => {
    const before = await group();
    // slow boots keep the deployment waiting for its new instances
    await sim.control('PUT', '/_sim/faults/boot', { failureRate: 0, delayFactor: 20 });
    const id = await deploy('1.5.0');
    await eventually('scaling out', async () =>
      (await group()).DesiredCapacity === 2 * before.DesiredCapacity! ? true : undefined,
    );
    const plain = await givenUser(admin);
    expect((await plain.post(`/deployments/${id}/rollback`, undefined)).status).toBe(403);
    expect((await admin.post(`/deployments/${id}/rollback`, undefined)).status).toBe(200);
    await sim.control('DELETE', '/_sim/faults');
    const d = await finished(id);
    expect(d.Value.Status).toBe('Rolled Back');
    expect(d.Value.ErrorReason).toBe('rolled back by admin');
    await eventually('the old instances only', async () =>
      (await group()).Instances!.length === before.Instances!.length ? true : undefined,
    );
    expect((await group()).Instances!.map((i) => i.InstanceId).sort()).toEqual(
      before.Instances!.map((i) => i.InstanceId).sort(),
    );
    expect((await admin.post(`/deployments/${id}/rollback`, undefined)).status).toBe(409);
  }, 90_000);

  it('runs each step once with two portal processes competing for the deployment', async () => {
    const second = await startTestPortal({
      tablePrefix: tp.tablePrefix,
      awsEndpoint: sim.sim.endpoint,
      engineTickMs: 40,
    });
    try {
      await sim.control('DELETE', '/_sim/calls');
      const d = await finished(await deploy('1.6.0'));
      expect(d.Value.Status).toBe('Success');
      const calls = (await sim.control('GET', '/_sim/calls')).body;
      expect(calls['ec2:CreateLaunchTemplateVersion']).toBe(1);
      expect(calls['autoscaling:SuspendProcesses']).toBe(1);
      expect(calls['autoscaling:ResumeProcesses']).toBe(1);
      // the halving protects the new instances and sets the size back once: Auto Scaling removes the old
      expect(calls['autoscaling:SetInstanceProtection']).toBe(2);
      expect(calls['autoscaling:UpdateAutoScalingGroup']).toBe(2);
      expect(calls['autoscaling:TerminateInstanceInAutoScalingGroup']).toBeUndefined();
    } finally {
      await second.close();
    }
  }, 90_000);

  it('is taken over by another portal process when the one running it stops, and still succeeds', async () => {
    const id = await deploy('1.4.0');
    await eventually('the patch under way', async () =>
      (await group()).DesiredCapacity === 4 ? true : undefined,
    );
    await tp.portal.engine.stop();
    const second = await startTestPortal({
      tablePrefix: tp.tablePrefix,
      awsEndpoint: sim.sim.endpoint,
      engineTickMs: 40,
    });
    try {
      const d = await finished(id);
      expect(d.Value.Status).toBe('Success');
      expect((await group()).Instances!.length).toBe(2);
    } finally {
      await second.close();
    }
  }, 90_000);
});
