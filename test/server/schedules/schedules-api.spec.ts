import { DescribeTagsCommand } from '@aws-sdk/client-auto-scaling';
import { anEnvironment, anEnvironmentType, created, givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

describe('schedules (/environments/{name}/schedule, /asgs/{name}/scaling-schedule)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let scheduler: ApiClient;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    scheduler = await givenUser(admin, {
      grants: [{ Action: 'manage-schedules', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const schedulePath = () => `/environments/${estate.environment}/schedule`;
  const audit = async (type: string, key: string) =>
    (await admin.get(`/audit?Entity.Type=${type}&Entity.Key=${encodeURIComponent(key)}`)).body as {
      ChangedBy: string;
      ChangeType: string;
      OldValue: unknown;
      NewValue: unknown;
    }[];
  const scheduleTag = async (group: string) => {
    const { Tags } = await sim.autoScaling.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: [group] }] }),
    );
    return Tags?.find((t) => t.Key === 'Schedule');
  };

  it('answers an environment without a schedule as the original did: empty, version 0, on', async () => {
    const res = await admin.get(schedulePath());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ EnvironmentName: estate.environment, Value: {}, Version: 0 });
    expect((await admin.get(`${schedulePath()}-status`)).body).toEqual({ Status: 'ON' });
  });

  it('stores a schedule from a holder of manage-schedules, versioned and audited with the operations state', async () => {
    const body = {
      ManualScheduleUp: false,
      ScheduleAutomatically: true,
      DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 18 * * 1-5 | America/New_York',
    };
    const res = await scheduler.put(schedulePath(), body, 0);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ EnvironmentName: estate.environment, Value: body, Version: 1 });
    expect((await admin.get(schedulePath())).body.Value).toEqual(body);
    const [entry] = await audit('EnvironmentOps', estate.environment);
    expect(entry).toEqual(
      jasmine.objectContaining({ ChangeType: 'Created', NewValue: jasmine.objectContaining(body) }),
    );
    // the lock's state is the same record: its version moved on with the schedule
    expect((await admin.get(`/environments/${estate.environment}`)).body.Version).toBe(1);
  });

  it("answers the status at a moment in the schedule's own zone, on both sides of a daylight-saving change", async () => {
    const status = async (at: string) =>
      (await admin.get(`${schedulePath()}-status?at=${encodeURIComponent(at)}`)).body;
    expect(await status('2026-03-06T12:30:00Z')).toEqual({ Status: 'OFF' }); // 07:30 EST
    expect(await status('2026-03-06T13:00:00Z')).toEqual({ Status: 'ON' });
    expect(await status('2026-03-09T12:30:00Z')).toEqual({ Status: 'ON' }); // 08:30 EDT
    expect(await status('2026-03-07T15:00:00+01:00')).toEqual({ Status: 'OFF' }); // Saturday
    const bad = await admin.get(`${schedulePath()}-status?at=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'query.at', message: jasmine.stringContaining('ISO 8601') }]);
  });

  it('refuses a schedule that does not read, naming the field and why, and stores nothing', async () => {
    const refused = async (body: unknown) => {
      const res = await scheduler.put(schedulePath(), body, 1);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.body.errors as { field: string; message: string }[];
    };
    expect(await refused({ ScheduleAutomatically: true, DefaultSchedule: 'Start: 0 25 * * *' })).toEqual([
      { field: 'body.DefaultSchedule', message: jasmine.stringContaining('not a valid cron expression') },
    ]);
    expect(
      await refused({ ScheduleAutomatically: true, DefaultSchedule: 'Start: 0 8 * * * | Europe/Londn' }),
    ).toEqual([
      {
        field: 'body.DefaultSchedule',
        message: jasmine.stringContaining('"Europe/Londn" is not an IANA time zone'),
      },
    ]);
    expect(await refused({ ScheduleAutomatically: true })).toEqual([
      { field: 'body.DefaultSchedule', message: 'is required when ScheduleAutomatically is true' },
    ]);
    expect(await refused({ Schedule: 'on' })).toEqual([
      jasmine.objectContaining({ field: jasmine.stringContaining('body') }),
    ]);
    const after = await admin.get(schedulePath());
    expect(after.body.Version).toBe(1);
    expect(after.body.Value.DefaultSchedule).toContain('America/New_York');
  });

  it('refuses a caller without manage-schedules (403) and a stale version (409), storing nothing', async () => {
    const locker = await givenUser(admin, {
      grants: [{ Action: 'lock-environments', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const denied = await locker.put(schedulePath(), { ManualScheduleUp: true }, 1);
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('manage-schedules');
    expect((await scheduler.put(schedulePath(), { ManualScheduleUp: true }, 0)).status).toBe(409);
    expect((await admin.get(schedulePath())).body.Version).toBe(1);
  });

  it('refuses schedule changes where the environment type protects SCHEDULE_ENVIRONMENT', async () => {
    const type = (
      await created(
        admin,
        '/config/environment-types',
        anEnvironmentType({ protectedActions: ['SCHEDULE_ENVIRONMENT'] }),
      )
    ).EnvironmentType as string;
    const env = (await admin.get(`/config/environments/${estate.environment}`)).body.Value;
    const guarded = (
      await created(
        admin,
        '/config/environments',
        anEnvironment({ type, cluster: estate.cluster, map: env.DeploymentMap }),
      )
    ).EnvironmentName as string;
    const res = await admin.put(`/environments/${guarded}/schedule`, { ManualScheduleUp: false }, 0);
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('SCHEDULE_ENVIRONMENT');
    expect((await admin.get(`/environments/${guarded}/schedule`)).body).toEqual(
      jasmine.objectContaining({ Value: {}, Version: 0 }),
    );
  });

  it("gives a group its environment's schedule until it has its own, and its own then wins", async () => {
    const path = `/asgs/${estate.webGroup}/scaling-schedule?environment=${estate.environment}`;
    const before = await admin.get(path);
    expect(before.status).toBe(200);
    expect(before.body).toEqual(
      jasmine.objectContaining({
        AutoScalingGroupName: estate.webGroup,
        schedule: null,
        Source: 'environment',
        EffectiveSchedule: jasmine.stringContaining('America/New_York'),
      }),
    );
    const set = await scheduler.put(path, { schedule: 'off', propagateToInstances: true }, undefined);
    expect(set.status).toBe(200);
    expect(set.body).toEqual(
      jasmine.objectContaining({
        schedule: 'off',
        propagateToInstances: true,
        Source: 'asg',
        EffectiveSchedule: 'off',
        Status: 'OFF',
      }),
    );
    expect(await scheduleTag(estate.webGroup)).toEqual(
      jasmine.objectContaining({ Value: 'off', PropagateAtLaunch: true }),
    );
    const [entry] = await audit('AsgSchedule', estate.webGroup);
    expect(entry).toEqual(
      jasmine.objectContaining({
        ChangeType: 'Created',
        OldValue: null,
        NewValue: { schedule: 'off', propagateToInstances: true },
      }),
    );
    // the environment is found by the group's tag too, as with the other ASG routes
    expect((await admin.get(`/asgs/${estate.webGroup}/scaling-schedule`)).body.Source).toBe('asg');
  });

  it('refuses a group schedule that does not read or a caller without manage-schedules, changing no tag', async () => {
    const path = `/asgs/${estate.webGroup}/scaling-schedule`;
    const bad = await scheduler.put(path, { schedule: 'Stop: 0 19 * * MON-FRI | Nowhere/City' }, undefined);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        field: 'body.schedule',
        message: jasmine.stringContaining('"Nowhere/City" is not an IANA time zone'),
      },
    ]);
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const denied = await outsider.put(path, { schedule: '247' }, undefined);
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('manage-schedules');
    expect((await scheduleTag(estate.webGroup))?.Value).toBe('off');
    expect((await admin.get('/asgs/no-such-group/scaling-schedule')).status).toBe(404);
  });

  it("removes a group's own schedule with an empty one, so its environment's applies again", async () => {
    const path = `/asgs/${estate.webGroup}/scaling-schedule`;
    const res = await scheduler.put(path, { schedule: '' }, undefined);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(jasmine.objectContaining({ schedule: null, Source: 'environment' }));
    expect(await scheduleTag(estate.webGroup)).toBeUndefined();
    const [entry] = await audit('AsgSchedule', estate.webGroup);
    expect(entry).toEqual(jasmine.objectContaining({ ChangeType: 'Deleted', NewValue: null }));
  });
});
