import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Deployment } from '@shared/deployments/deployment';
import { NotificationEvent } from '@shared/notifications/notification-event';
import type { DynamoDb } from '../../../server/adapters/dynamodb/document-client';
import type { DynamoDbDeploymentStore } from '../../../server/adapters/dynamodb/dynamodb-deployment-store';
import type { TableNames } from '../../../server/adapters/dynamodb/tables';
import { StaleVersionError } from '../../../server/errors/domain-errors';
import { newEvent } from '../../../server/notifications/new-event';
import { aDeploymentOf } from '../../fixtures/deployment-value';
import { deploymentStoreOnFreshTables } from '../../support/deployment-store';

type Value = Deployment['Value'];

/** The outbox's events (the Notifications table's OUTBOX items) about one deployment. */
describe('the notification outbox, written with the deployment it is about', () => {
  let db: DynamoDb;
  let tables: TableNames;
  let store: DynamoDbDeploymentStore;

  beforeAll(async () => {
    ({ db, tables, store } = await deploymentStoreOnFreshTables());
  });

  async function eventsOf(id: string): Promise<NotificationEvent[]> {
    const res = await db.doc.send(new ScanCommand({ TableName: tables.notifications, ConsistentRead: true }));
    return (res.Items ?? [])
      .filter((i) => String(i['PK']).startsWith('OUTBOX#'))
      .map((i) => NotificationEvent.parse(i['Event']))
      .filter((e) => e.Deployment?.DeploymentID === id || e.Details?.['DeploymentID'] === id)
      .sort((a, b) => a.Id.localeCompare(b.Id));
  }

  const newId = () => `D${randomBytes(6).toString('hex')}`;

  it('writes exactly one event per status change that is one: started, awaiting approval, succeeded', async () => {
    const id = newId();
    let d = await store.create(id, aDeploymentOf(`svc-${id}`), {});
    expect(await eventsOf(id)).toEqual([]);
    d = await store.save(d, { ...d.value, Status: 'In Progress' });
    // a save that changes no status (a step's progress) is no event
    d = await store.save(d, { ...d.value, ErrorReason: undefined });
    // an approval before full traffic, after steps that ran: its end is no second start
    const ran = d.value.Steps.map((s) => ({ ...s, status: 'succeeded' as const }));
    d = await store.save(d, { ...d.value, Steps: ran, Status: 'Awaiting Approval' });
    d = await store.save(d, { ...d.value, Status: 'In Progress', ApprovedBy: 'bob' });
    d = await store.save(d, { ...d.value, Status: 'Success', EndTimestamp: new Date().toISOString() });

    const events = await eventsOf(id);
    expect(events.map((e) => e.Type)).toEqual([
      'deployment.started',
      'deployment.awaiting-approval',
      'deployment.succeeded',
    ]);
    expect(events[2]!.Environment).toBe(d.value.EnvironmentName);
    expect(events[2]!.Deployment).toEqual(
      jasmine.objectContaining({ DeploymentID: id, ServiceName: `svc-${id}`, Status: 'Success' }),
    );
  });

  it('starts a deployment that waited for an approval before any step when it is approved', async () => {
    const id = newId();
    let d = await store.create(id, aDeploymentOf(`svc-${id}`), {});
    d = await store.save(d, { ...d.value, Status: 'Awaiting Approval' });
    await store.save(d, { ...d.value, Status: 'In Progress', ApprovedBy: 'bob' });
    expect((await eventsOf(id)).map((e) => e.Type)).toEqual([
      'deployment.awaiting-approval',
      'deployment.started',
    ]);
  });

  it('writes no event when the save that would be one is refused as stale', async () => {
    const id = newId();
    const d = await store.create(id, aDeploymentOf(`svc-${id}`), {});
    await store.save(d, { ...d.value, Status: 'In Progress' });
    // the same change again from the version before: refused, and nothing is written to the outbox
    await expectAsync(store.save(d, { ...d.value, Status: 'In Progress' })).toBeRejectedWithError(
      StaleVersionError,
    );
    await expectAsync(
      store.save(d, { ...d.value, Status: 'Failed', ErrorReason: 'boom' }),
    ).toBeRejectedWithError(StaleVersionError);
    expect((await eventsOf(id)).map((e) => e.Type)).toEqual(['deployment.started']);
  });

  it('writes a failure with its reason, a rollback and a cancel', async () => {
    const ids = [newId(), newId(), newId()];
    const ends: Value['Status'][] = ['Failed', 'Rolled Back', 'Cancelled'];
    for (const [i, id] of ids.entries()) {
      const d = await store.create(id, aDeploymentOf(`svc-${id}`, { Status: 'In Progress' }), {});
      await store.save(d, { ...d.value, Status: ends[i]!, ErrorReason: 'health checks failed' });
    }
    expect((await eventsOf(ids[0]!)).map((e) => e.Type)).toEqual(['deployment.started', 'deployment.failed']);
    expect((await eventsOf(ids[0]!))[1]!.Summary).toContain('failed: health checks failed');
    expect((await eventsOf(ids[1]!)).map((e) => e.Type)).toEqual([
      'deployment.started',
      'deployment.rolled-back',
    ]);
    expect((await eventsOf(ids[2]!)).map((e) => e.Type)).toEqual([
      'deployment.started',
      'deployment.cancelled',
    ]);
  });

  it("notifies an image patch operation's start and end, and nothing of its groups' patches", async () => {
    const op = newId();
    const group = newId();
    let d = await store.create(
      op,
      aDeploymentOf('image-patch', { DeploymentType: 'patch-operation', AutoScalingGroupName: '' }),
      {},
    );
    let g = await store.create(group, aDeploymentOf(`grp-${group}`, { DeploymentType: 'patch' }), {});
    d = await store.save(d, { ...d.value, Status: 'In Progress' });
    g = await store.save(g, { ...g.value, Status: 'In Progress' });
    await store.save(g, { ...g.value, Status: 'Success' });
    await store.save(d, { ...d.value, Status: 'Success' });
    expect((await eventsOf(op)).map((e) => e.Type)).toEqual(['patch.started', 'patch.succeeded']);
    expect(await eventsOf(group)).toEqual([]);
  });

  it('writes a break-glass override with the deployment that made it, once', async () => {
    const id = newId();
    const BreakGlass = {
      By: 'carol',
      Reason: 'hotfix for checkout',
      At: new Date().toISOString(),
      Window: {
        Name: 'Christmas',
        Scope: 'environment' as const,
        SetOn: 'e1',
        EndsAt: '2030-01-04T08:00:00Z',
      },
    };
    const value = aDeploymentOf(`svc-${id}`, { BreakGlass });
    const d = await store.create(id, value, {});
    await store.save(d, { ...d.value, Status: 'In Progress' });
    const events = await eventsOf(id);
    expect(events.map((e) => e.Type)).toEqual(['break-glass.used', 'deployment.started']);
    expect(events[0]!.Summary).toContain('past the freeze window "Christmas": hotfix for checkout');
    expect(events[0]!.By).toBe('carol');
  });

  it('writes the events a write brings (a break-glass override) in the transaction, and none when it is refused', async () => {
    const id = newId();
    const event = () =>
      newEvent({
        Type: 'break-glass.used',
        Environment: 'e1',
        Summary: 'break glass',
        Details: { DeploymentID: id },
      });
    await store.create(id, aDeploymentOf(`svc-${id}`), { notify: [event()] });
    // a second deployment of the same service is refused by the lock: its event is not kept
    await expectAsync(
      store.create(newId(), aDeploymentOf(`svc-${id}`), { notify: [event()] }),
    ).toBeRejected();
    expect((await eventsOf(id)).map((e) => e.Type)).toEqual(['break-glass.used']);
  });
});
