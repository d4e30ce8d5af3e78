import { DescribeScheduledActionsCommand } from '@aws-sdk/client-auto-scaling';
import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

/** GET, PUT and DELETE /asgs/{name}/scheduled-actions[/{actionName}]: a group's scheduled scaling. */
describe("an ASG's scheduled actions", () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let operator: ApiClient;
  let operatorName: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    operatorName = `scheduler${process.pid}`;
    operator = await givenUser(admin, {
      username: operatorName,
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const path = (action?: string) =>
    `/asgs/${estate.webGroup}/scheduled-actions${action ? `/${action}` : ''}?environment=${estate.environment}`;
  /** What aws-sim stores for the group. */
  const stored = async () =>
    (
      await sim.autoScaling.send(
        new DescribeScheduledActionsCommand({ AutoScalingGroupName: estate.webGroup }),
      )
    ).ScheduledUpdateGroupActions ?? [];
  const morning = {
    Recurrence: '0 8 * * 1-5',
    TimeZone: 'Europe/London',
    MinSize: 2,
    MaxSize: 10,
    DesiredCapacity: 10,
  };

  it('lists none for a group without any, and 404s a group that is not the environment’s', async () => {
    const res = await admin.get(path());
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual([]);
    expect((await admin.get(`/asgs/${estate.webGroup}/scheduled-actions?environment=nowhere`)).status).toBe(
      404,
    );
    expect((await admin.get(`/asgs/${estate.webGroup}-nope/scheduled-actions`)).status).toBe(404);
  });

  it('refuses a change without operate-asgs for the cluster and environment type (403), storing nothing', async () => {
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const res = await outsider.put(path('weekday-morning'), morning, undefined);
    expect(res.status).toBe(403);
    expect(res.contentType).toContain('application/problem+json');
    expect(await stored()).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, storing nothing', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const cases: [string, unknown, string][] = [
      ['weekday-morning', { ...morning, Recurrence: '0 8 * *' }, 'body.Recurrence'],
      ['weekday-morning', { ...morning, TimeZone: 'Mars/Olympus' }, 'body.TimeZone'],
      ['weekday-morning', { Recurrence: '0 8 * * *' }, 'body.DesiredCapacity'],
      ['weekday-morning', { DesiredCapacity: 2 }, 'body.Recurrence'],
      ['weekday-morning', { ...morning, MinSize: 11 }, 'body.MinSize'],
      ['weekday-morning', { ...morning, DesiredCapacity: 1 }, 'body.DesiredCapacity'],
      ['weekday-morning', { ...morning, DesiredCapacity: -1 }, 'body.DesiredCapacity'],
      ['weekday-morning', { ...morning, Colour: 'blue' }, 'body.Colour'],
      ['weekday-morning', { StartTime: 'tomorrow', DesiredCapacity: 1 }, 'body.StartTime'],
      ['weekday-morning', { StartTime: '2020-01-01T00:00:00Z', DesiredCapacity: 1 }, 'body.StartTime'],
      ['weekday-morning', { StartTime: soon, EndTime: soon, DesiredCapacity: 1 }, 'body.EndTime'],
      ['has space', morning, 'params.actionName'],
    ];
    for (const [name, body, field] of cases) {
      const res = await operator.put(path(encodeURIComponent(name)), body, undefined);
      expect(res.status).withContext(JSON.stringify(body)).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field))
        .withContext(JSON.stringify(body))
        .toContain(field);
    }
    expect(await stored()).toEqual([]);
  });

  it('refuses a change while the environment is locked (423), storing nothing', async () => {
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Quarter end' },
      0,
    );
    try {
      const res = await operator.put(path('weekday-morning'), morning, undefined);
      expect(res.status).toBe(423);
      expect(res.body.detail).toContain('Quarter end');
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
    expect(await stored()).toEqual([]);
  });

  it('creates an action in Auto Scaling, lists it and audits it', async () => {
    const res = await operator.put(path('weekday-morning'), morning, undefined);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        ScheduledActionName: 'weekday-morning',
        AutoScalingGroupName: estate.webGroup,
        ...morning,
        EndTime: null,
      }),
    );
    expect(Date.parse(res.body.StartTime)).toBeGreaterThan(Date.now());
    const [inAws] = await stored();
    expect(inAws).toEqual(jasmine.objectContaining({ ScheduledActionName: 'weekday-morning', ...morning }));
    const evening = { Recurrence: '0 20 * * 1-5', TimeZone: 'Europe/London', MinSize: 2, DesiredCapacity: 2 };
    expect((await operator.put(path('weekday-evening'), evening, undefined)).status).toBe(200);
    const list = await admin.get(path());
    expect(list.body.map((a: { ScheduledActionName: string }) => a.ScheduledActionName)).toEqual([
      'weekday-evening',
      'weekday-morning',
    ]);
    const audit = await admin.get(`/audit?Entity.Type=ScheduledAction&Entity.Key=${estate.webGroup}`);
    expect(audit.status).toBe(200);
    const created = audit.body.filter(
      (e: { NewValue: { ScheduledActionName?: string } | null }) =>
        e.NewValue?.ScheduledActionName === 'weekday-morning',
    );
    expect(created.length).toBe(1);
    expect(created[0].ChangeType).toBe('Created');
    expect(created[0].ChangedBy).toBe(operatorName);
    expect(created[0].OldValue).toBeNull();
    expect(created[0].NewValue).toEqual(res.body);
  });

  it('replaces an action as a whole: what the new body leaves out is gone from Auto Scaling', async () => {
    const res = await operator.put(
      path('weekday-evening'),
      { Recurrence: '30 19 * * 1-5', DesiredCapacity: 1 },
      undefined,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const inAws = (await stored()).find((a) => a.ScheduledActionName === 'weekday-evening')!;
    expect(inAws.Recurrence).toBe('30 19 * * 1-5');
    expect(inAws.DesiredCapacity).toBe(1);
    expect(inAws.MinSize).toBeUndefined();
    expect(inAws.TimeZone).toBeUndefined();
    expect(res.body).toEqual(jasmine.objectContaining({ MinSize: null, TimeZone: null, DesiredCapacity: 1 }));
    const audit = await admin.get(`/audit?Entity.Type=ScheduledAction&Entity.Key=${estate.webGroup}`);
    const updated = audit.body.find(
      (e: { ChangeType: string; NewValue: { ScheduledActionName?: string } | null }) =>
        e.ChangeType === 'Updated' && e.NewValue?.ScheduledActionName === 'weekday-evening',
    );
    expect(updated.OldValue.MinSize).toBe(2);
    expect(updated.NewValue.MinSize).toBeNull();
  });

  it('deletes an action (404 for one the group does not have), audited', async () => {
    expect((await operator.delete(path('weekday-evening'), undefined)).status).toBe(200);
    expect((await stored()).map((a) => a.ScheduledActionName)).toEqual(['weekday-morning']);
    const again = await operator.delete(path('weekday-evening'), undefined);
    expect(again.status).toBe(404);
    expect(again.contentType).toContain('application/problem+json');
    const audit = await admin.get(`/audit?Entity.Type=ScheduledAction&Entity.Key=${estate.webGroup}`);
    const ofEvening = audit.body.filter(
      (e: {
        OldValue: { ScheduledActionName?: string } | null;
        NewValue: { ScheduledActionName?: string } | null;
      }) => (e.NewValue ?? e.OldValue)?.ScheduledActionName === 'weekday-evening',
    );
    expect(ofEvening.map((e: { ChangeType: string }) => e.ChangeType).sort()).toEqual([
      'Created',
      'Deleted',
      'Updated',
    ]);
  });

  it('refuses a change while a deployment works on the group (409 naming it), storing nothing', async () => {
    const queued = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.2.0',
    });
    expect(queued.status).withContext(JSON.stringify(queued.body)).toBe(202);
    const busy = await operator.put(
      path('weekend'),
      { Recurrence: '0 0 * * 6', DesiredCapacity: 0, MinSize: 0 },
      undefined,
    );
    expect(busy.status).toBe(409);
    expect(busy.body.detail).toContain(queued.body.id);
    const gone = await operator.delete(path('weekday-morning'), undefined);
    expect(gone.status).toBe(409);
    expect((await stored()).map((a) => a.ScheduledActionName)).toEqual(['weekday-morning']);
  });
});
