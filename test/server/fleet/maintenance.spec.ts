import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { givenUser } from '../../fixtures/builders';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

/** PUT /instances/{id}/maintenance (the original's), and GET /instances?maintenance=: ASG Standby. */
describe('instance maintenance', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let operator: ApiClient;
  let operatorName: string;
  let instance: string;

  const group = async (name: string) =>
    (await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;
  const stateOf = async (id: string) =>
    (await group(estate.blueGroup)).Instances!.find((i) => i.InstanceId === id)?.LifecycleState;
  const target = async (id: string) =>
    (
      (await sim.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: estate.targetGroups.blue })))
        .TargetHealthDescriptions ?? []
    ).find((d) => d.Target!.Id === id)?.TargetHealth?.State;
  const maintenance = (client: ApiClient, id: string, body: unknown) =>
    client.put(`/instances/${id}/maintenance`, body, undefined);
  const inMaintenance = async () =>
    (await admin.get(`/instances?environment=${estate.environment}&maintenance=true`)).body.map(
      (i: { InstanceId: string }) => i.InstanceId,
    );
  const auditOf = async (id: string) =>
    (await admin.get(`/audit?Entity.Type=InstanceMaintenance&Entity.Key=${id}`)).body as {
      ChangedBy: string;
      OldValue: { Maintenance: boolean };
      NewValue: { Maintenance: boolean; LifecycleState: string };
    }[];

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    operatorName = `maint${process.pid}`;
    operator = await givenUser(admin, {
      username: operatorName,
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    instance = (await group(estate.blueGroup)).Instances![0]!.InstanceId!;
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  it('refuses without operate-asgs (403), bad input (400 naming the field) and an unknown instance (404), changing nothing', async () => {
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const denied = await maintenance(outsider, instance, { enable: true });
    expect(denied.status).toBe(403);
    expect(denied.contentType).toContain('application/problem+json');
    const cases: [unknown, string][] = [
      [{ Enable: true }, 'body.Enable'],
      [{ enable: 'yes' }, 'body.enable'],
      [{}, 'body.enable'],
    ];
    for (const [body, field] of cases) {
      const res = await maintenance(operator, instance, body);
      expect(res.status).withContext(JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field))
        .withContext(JSON.stringify(body))
        .toContain(field);
    }
    expect((await maintenance(operator, 'not-an-id', { enable: true })).status).toBe(400);
    const unknown = await maintenance(operator, 'i-0000000000000000f', { enable: true });
    expect(unknown.status).toBe(404);
    expect(await stateOf(instance)).toBe('InService');
    expect(await auditOf(instance)).toEqual([]);
  });

  it('refuses while the environment is locked (423), changing nothing', async () => {
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Freeze' },
      0,
    );
    try {
      const res = await maintenance(operator, instance, { enable: true });
      expect(res.status).toBe(423);
      expect(res.body.detail).toContain('Freeze');
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
    expect(await stateOf(instance)).toBe('InService');
  });

  it('takes an instance out of its target group (drained first) into Standby, and back InService and healthy', async () => {
    expect(await inMaintenance()).toEqual([]);
    const res = await maintenance(operator, instance, { enable: true });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      InstanceId: instance,
      AutoScalingGroupName: estate.blueGroup,
      Maintenance: true,
      LifecycleState: 'EnteringStandby',
      DesiredCapacity: 1,
      Replaced: false,
    });
    // what aws-sim has: draining from the target group, the group one smaller (no replacement)
    expect(await target(instance)).toBe('draining');
    expect((await group(estate.blueGroup)).DesiredCapacity).toBe(1);
    expect(await inMaintenance()).toEqual([instance]);
    await eventually('in Standby', async () => ((await stateOf(instance)) === 'Standby' ? true : undefined));
    expect(await target(instance)).toBeUndefined();
    const listed = await admin.get(`/instances?environment=${estate.environment}&maintenance=false`);
    expect(listed.body.map((i: { InstanceId: string }) => i.InstanceId)).not.toContain(instance);
    expect((await admin.get(`/instances/${instance}`)).body).toEqual(
      jasmine.objectContaining({ Maintenance: true, LifecycleState: 'Standby' }),
    );

    // asking again changes nothing and audits nothing
    const again = await maintenance(operator, instance, { enable: true });
    expect(again.status).toBe(200);
    expect(again.body.LifecycleState).toBe('Standby');
    expect((await auditOf(instance)).length).toBe(1);

    const back = await maintenance(operator, instance, { enable: false });
    expect(back.status).withContext(JSON.stringify(back.body)).toBe(200);
    expect(back.body).toEqual(
      jasmine.objectContaining({ ok: true, Maintenance: false, DesiredCapacity: 2, Replaced: false }),
    );
    await eventually('InService and healthy', async () =>
      (await stateOf(instance)) === 'InService' && (await target(instance)) === 'healthy' ? true : undefined,
    );
    expect(await inMaintenance()).toEqual([]);
    const audit = await auditOf(instance);
    expect(audit.length).toBe(2);
    expect(audit.every((e) => e.ChangedBy === operatorName)).toBeTrue();
    expect(audit.map((e) => [e.OldValue.Maintenance, e.NewValue.Maintenance]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('refuses GET /instances/schedule-actions without an account, with a bad date, or of an unknown account', async () => {
    // the answer itself: instance-schedule-actions.spec (the decision) and the v1 walk (the environment's account)
    const missing = await admin.get('/instances/schedule-actions');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('query.account');
    const bad = await admin.get('/instances/schedule-actions?account=Sandbox&date=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('query.date');
    const unknown = await admin.get('/instances/schedule-actions?account=Nowhere&date=2026-12-01');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });

  it('refuses while a deployment works on the group (409 naming it), changing nothing', async () => {
    const webInstance = (await group(estate.webGroup)).Instances![0]!.InstanceId!;
    const queued = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.2.0',
    });
    expect(queued.status).withContext(JSON.stringify(queued.body)).toBe(202);
    const busy = await maintenance(operator, webInstance, { enable: true });
    expect(busy.status).toBe(409);
    expect(busy.body.detail).toContain(queued.body.id);
    expect(
      (await group(estate.webGroup)).Instances!.find((i) => i.InstanceId === webInstance)?.LifecycleState,
    ).not.toBe('Standby');
    expect(await auditOf(webInstance)).toEqual([]);
  });
});
