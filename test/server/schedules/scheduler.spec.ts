import {
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { NotificationEvent } from '@shared/notifications/notification-event';
import { AwsAccountConnector } from '../../../server/adapters/aws/aws-account-connector';
import { Accounts } from '../../../server/fleet/accounts';
import { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import { DynamoDbScheduleStore } from '../../../server/adapters/dynamodb/dynamodb-schedule-store';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { EnvironmentOperations } from '../../../server/environments/operations-state';
import { createLogger } from '../../../server/logger';
import { Scheduler, type TickResult } from '../../../server/schedules/scheduler';
import { Schedules } from '../../../server/schedules/schedules';
import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

describe('the on/off scheduler (server/schedules/scheduler.ts), two portal processes on one set of tables', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let now = 0;
  let processes: Scheduler[];

  /** Both processes tick at the same moment, as two portals' timers would. */
  const tickBoth = async (iso: string): Promise<TickResult[]> => {
    now = Date.parse(iso);
    return Promise.all(processes.map((p) => p.tick()));
  };
  const acted = (results: TickResult[]) =>
    results.flatMap((r) => r.actions.map((a) => `${a.group}:${a.decision.action}`)).sort();
  const sizes = async (group: string) => {
    const g = (
      await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }))
    ).AutoScalingGroups![0]!;
    return { min: g.MinSize, desired: g.DesiredCapacity, max: g.MaxSize };
  };
  const updateCalls = async () =>
    ((await sim.control('GET', '/_sim/calls')).body['autoscaling:UpdateAutoScalingGroup'] as number) ?? 0;
  /** The schedule actions announced for a group: the outbox's events, written with each action. */
  const announced = async (group: string) => {
    const res = await tp.portal.db.doc.send(
      new ScanCommand({ TableName: tableNames(tp.tablePrefix).notifications, ConsistentRead: true }),
    );
    return (res.Items ?? [])
      .filter((i) => String(i['PK']).startsWith('OUTBOX#'))
      .map((i) => NotificationEvent.parse(i['Event']))
      .filter((e) => e.Type === 'schedule.action' && e.Details?.['Group'] === group)
      .map((e) => `${e.Environment}:${String(e.Details?.['Action'])}:${String(e.Details?.['Desired'])}`)
      .sort();
  };
  const audit = async (group: string) =>
    (
      await admin.get(
        // the scheduler stamps its entries with its own clock: March 2026 here
        `/audit?Entity.Type=ScheduledScaling&Entity.Key=${group}&since=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z`,
      )
    ).body as {
      ChangeType: string;
      ChangedBy: string;
      OldValue: unknown;
      NewValue: unknown;
    }[];

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    const tables = tableNames(tp.tablePrefix);
    const { portal } = tp;
    const clock = { now: () => now };
    // each "process" has its own adapters over the same tables and AWS, as two portals would
    processes = ['portal-a', 'portal-b'].map((owner) => {
      // a connector of its own: its own SDK clients, as another process would have
      const accounts = new Accounts(portal.catalogue, new AwsAccountConnector('eu-west-1', sim.sim.endpoint));
      const store = new DynamoDbScheduleStore(portal.db, tables);
      const deployments = new DynamoDbDeploymentStore(portal.db, tables);
      const schedules = new Schedules({
        store: portal.store,
        operations: new EnvironmentOperations(portal.store),
        accounts,
        scheduleStore: store,
        groupTarget: () => Promise.reject(new Error('not used by the scheduler')),
        group: () => Promise.reject(new Error('not used by the scheduler')),
        now: clock.now,
      });
      return new Scheduler(
        {
          catalogue: portal.catalogue,
          schedules,
          accounts,
          store,
          holderOf: (group) => deployments.groupHolder(group),
          clock,
          logger: createLogger('silent'),
        },
        { owner, intervalMs: 1000 },
      );
    });
    const manager = await givenUser(admin, {
      grants: [{ Action: 'manage-schedules', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const env = await manager.put(
      `/environments/${estate.environment}/schedule`,
      {
        ScheduleAutomatically: true,
        DefaultSchedule: 'Start: 0 8 * * 1-5; Stop: 0 19 * * 1-5 | Europe/London',
      },
      0,
    );
    expect(env.status).toBe(200);
    // the blue slice keeps its own schedule: always on, the most specific wins
    const blue = await manager.put(
      `/asgs/${estate.blueGroup}/scaling-schedule`,
      { schedule: '247' },
      undefined,
    );
    expect(blue.status).toBe(200);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  it('brings a group that should be off to zero once, recording its sizes, whichever process acts', async () => {
    await sim.control('DELETE', '/_sim/calls');
    const results = await tickBoth('2026-03-27T19:30:00Z'); // Friday 19:30 GMT
    expect(results.filter((r) => r.leader).length).toBe(1);
    // the green slice is at zero already, the blue one is always on
    expect(acted(results)).toEqual([`${estate.webGroup}:stop`]);
    expect(await sizes(estate.webGroup)).toEqual({ min: 0, desired: 0, max: 4 });
    expect(await sizes(estate.blueGroup)).toEqual({ min: 0, desired: 2, max: 4 });
    expect(await updateCalls()).toBe(1);
    const entries = await audit(estate.webGroup);
    expect(entries.length).toBe(1);
    // announced once, in the transaction that recorded it
    expect(await announced(estate.webGroup)).toEqual([`${estate.environment}:off:2`]);
    expect(entries[0]).toEqual(
      jasmine.objectContaining({
        ChangedBy: 'scheduler',
        ChangeType: 'Created',
        OldValue: { MinSize: 0, DesiredCapacity: 2, MaxSize: 4 },
        NewValue: { MinSize: 0, DesiredCapacity: 0, MaxSize: 4 },
      }),
    );
  });

  it('does nothing more while the group stays off, and brings it back to zero if someone grows it', async () => {
    await sim.control('DELETE', '/_sim/calls');
    expect(acted(await tickBoth('2026-03-28T12:00:00Z'))).toEqual([]);
    expect(await updateCalls()).toBe(0);
    await sim.autoScaling.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: estate.webGroup, DesiredCapacity: 1 }),
    );
    expect(acted(await tickBoth('2026-03-28T12:01:00Z'))).toEqual([`${estate.webGroup}:keep-stopped`]);
    expect(await sizes(estate.webGroup)).toEqual({ min: 0, desired: 0, max: 4 });
    expect((await audit(estate.webGroup)).length).toBe(1);
  });

  it('waits for the 08:00 start in local time after the clocks go forward (07:00Z, not 08:00Z)', async () => {
    expect(acted(await tickBoth('2026-03-30T06:59:00Z'))).toEqual([]); // 07:59 BST
    expect(await sizes(estate.webGroup)).toEqual({ min: 0, desired: 0, max: 4 });
  });

  it('never starts a group while a deployment holds its lock, and starts it once the lock is gone', async () => {
    const lock = { PK: `LOCK#GROUP#${estate.webGroup}`, SK: 'LOCK' };
    const table = tableNames(tp.tablePrefix).deployments;
    await tp.portal.db.doc.send(
      new PutCommand({ TableName: table, Item: { ...lock, DeploymentID: 'd-spec' } }),
    );
    await sim.control('DELETE', '/_sim/calls');
    expect(acted(await tickBoth('2026-03-30T07:01:00Z'))).toEqual([]); // 08:01 BST
    expect(await updateCalls()).toBe(0);
    expect(await sizes(estate.webGroup)).toEqual({ min: 0, desired: 0, max: 4 });

    await tp.portal.db.doc.send(new DeleteCommand({ TableName: table, Key: lock }));
    const results = await tickBoth('2026-03-30T07:02:00Z');
    expect(acted(results)).toEqual([`${estate.webGroup}:start`]);
    expect(await sizes(estate.webGroup)).toEqual({ min: 0, desired: 2, max: 4 });
    expect(await updateCalls()).toBe(1);
    const entries = await audit(estate.webGroup);
    expect(entries.length).toBe(2);
    expect(await announced(estate.webGroup)).toEqual([
      `${estate.environment}:off:2`,
      `${estate.environment}:on:2`,
    ]);
    expect(entries[0]).toEqual(
      jasmine.objectContaining({
        ChangeType: 'Deleted',
        ChangedBy: 'scheduler',
        NewValue: { MinSize: 0, DesiredCapacity: 2, MaxSize: 4 },
      }),
    );
    // on, and started: nothing more to do
    expect(acted(await tickBoth('2026-03-30T07:03:00Z'))).toEqual([]);
  });

  it('lets only the process holding the lease act until it lapses, then another takes over', async () => {
    now = Date.parse('2026-03-30T12:00:00Z');
    const [a, b] = processes;
    expect((await a!.tick()).leader).toBeTrue();
    now += 1000;
    expect((await b!.tick()).leader).toBeFalse();
    now += 2000; // past a's lease (two intervals)
    expect((await b!.tick()).leader).toBeTrue();
    expect((await a!.tick()).leader).toBeFalse();
  });

  it('costs one DescribeTags and no DescribeAutoScalingGroups a tick while nothing is scheduled', async () => {
    const version = (await admin.get(`/environments/${estate.environment}/schedule`)).body.Version as number;
    expect(
      (await admin.put(`/environments/${estate.environment}/schedule`, { ManualScheduleUp: true }, version))
        .status,
    ).toBe(200);
    expect(
      (await admin.put(`/asgs/${estate.blueGroup}/scaling-schedule`, { schedule: '' }, undefined)).status,
    ).toBe(200);
    await sim.control('DELETE', '/_sim/calls');
    expect(acted(await tickBoth('2026-03-30T20:00:00Z'))).toEqual([]);
    const calls = (await sim.control('GET', '/_sim/calls')).body as Record<string, number>;
    expect(calls['autoscaling:DescribeTags']).toBe(1);
    expect(calls['autoscaling:DescribeAutoScalingGroups']).toBeUndefined();
  });
});
