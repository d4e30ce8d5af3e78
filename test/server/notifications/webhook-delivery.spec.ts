import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbNotificationOutbox } from '../../../server/adapters/dynamodb/dynamodb-notification-outbox';
import { outboxKey } from '../../../server/adapters/dynamodb/outbox-item';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { HttpWebhookSender } from '../../../server/adapters/webhooks/http-webhook-sender';
import { createLogger } from '../../../server/logger';
import { NotificationDispatcher } from '../../../server/notifications/notification-dispatcher';
import { verifySignature } from '../../../server/notifications/signature';
import { WebhookAddressPolicy } from '../../../server/notifications/webhook-address-policy';
import { NotificationEvent } from '@shared/notifications/notification-event';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  created,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { WebhookReceiver } from './webhook-receiver';

const SECRET = 'whsec-for-the-loopback-receiver';
const BACKOFF_MS = 1000;
const TIMEOUT_MS = 300;

/** Delivery from the outbox to real HTTP receivers on loopback, the dispatcher driven on a clock of the spec's. */
describe('webhook delivery', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let receiver: WebhookReceiver;
  /** The dispatchers' clock: real time plus what the spec has moved it on. */
  let ahead = 0;
  const now = () => Date.now() + ahead;
  let environment: string;

  const dispatcher = (maxAttempts = 4) =>
    new NotificationDispatcher(
      new DynamoDbNotificationOutbox(tp.portal.db, tableNames(tp.tablePrefix)),
      tp.portal.store,
      new HttpWebhookSender(new WebhookAddressPolicy(['127.0.0.1'])),
      {
        owner: unique('dispatcher'),
        pollMs: 10,
        leaseMs: 60_000,
        timeoutMs: TIMEOUT_MS,
        retry: { maxAttempts, backoffMs: BACKOFF_MS, maxBackoffMs: 60_000 },
        clock: { now },
      },
      createLogger('silent'),
    );

  /** Settings with the webhooks given and an environment that names them; answers the settings' id. */
  const givenSettings = async (webhooks: Record<string, unknown>[]) => {
    const id = unique('alerts');
    await created(admin, '/config/notification-settings', {
      NotificationSettingsId: id,
      Value: { Webhooks: webhooks.map((w) => ({ Url: receiver.url, Secret: SECRET, Events: ['*'], ...w })) },
    });
    const team = (await created(admin, '/config/clusters', aCluster())).ClusterName as string;
    const type = (await created(admin, '/config/environment-types', anEnvironmentType()))
      .EnvironmentType as string;
    const map = (await created(admin, '/config/deployment-maps', aDeploymentMap({ roles: [] })))
      .DeploymentMapName as string;
    const env = anEnvironment({ type, cluster: team, map });
    await created(admin, '/config/environments', {
      ...env,
      Value: { ...env.Value, NotificationSettingsId: id },
    });
    environment = env.EnvironmentName;
    return id;
  };
  const lock = async (locked: boolean, version: number) => {
    const res = await admin.put(
      `/environments/${environment}/deploy-lock`,
      { DeploymentsLocked: locked, Reason: 'release freeze' },
      version,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  };

  beforeEach(async () => {
    ahead = 0;
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
    await tp.close();
  });

  it('retries a webhook that fails, then delivers once when it recovers, signed with a timestamp', async () => {
    const id = await givenSettings([{ Events: ['environment.*'] }]);
    await lock(true, 0);
    receiver.script = [500];
    const d = dispatcher();

    expect(await d.runOnce()).toBe(1);
    expect(receiver.received.length).toBe(1);
    // not due again before its backoff
    await d.runOnce();
    expect(receiver.received.length).toBe(1);
    ahead += BACKOFF_MS + 1;
    await d.runOnce();
    const deliveredAt = Math.floor(now() / 1000);
    expect(receiver.received.length).toBe(2);
    ahead += 600_000;
    expect(await d.runOnce()).toBe(0);
    expect(receiver.received.length).toBe(2);

    const [first, second] = receiver.received;
    expect(second!.headers['x-em-delivery']).toBe(first!.headers['x-em-delivery']);
    expect(second!.headers['x-em-event']).toBe('environment.locked');
    const header = String(second!.headers['x-em-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const sentAt = Number(/^t=(\d+)/.exec(header)![1]);
    expect(Math.abs(sentAt - deliveredAt)).toBeLessThanOrEqual(1);
    expect(verifySignature(header, second!.body, SECRET, deliveredAt)).toBeTrue();
    // the timestamp is signed: the same body with another time does not verify, nor another secret
    expect(
      verifySignature(header.replace(/^t=\d+/, `t=${sentAt + 1}`), second!.body, SECRET, sentAt),
    ).toBeFalse();
    expect(verifySignature(header, second!.body, 'another-secret-altogether', sentAt)).toBeFalse();
    // and a replay long after is refused by its age
    expect(verifySignature(header, second!.body, SECRET, sentAt + 3600)).toBeFalse();

    const event = NotificationEvent.parse(JSON.parse(second!.body));
    expect(event).toEqual(
      jasmine.objectContaining({
        Type: 'environment.locked',
        Environment: environment,
        By: 'admin',
        Details: { Reason: 'release freeze' },
      }),
    );

    // done: out of the due index, to expire with its log
    const { Item } = await tp.portal.db.doc.send(
      new GetCommand({ TableName: tableNames(tp.tablePrefix).notifications, Key: outboxKey(event.Id) }),
    );
    expect(Item?.['Pending']).toBeUndefined();
    expect(Item?.['ExpiresAt']).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

    const log = await admin.get(`/config/notification-settings/${id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body).toEqual([
      jasmine.objectContaining({ Outcome: 'delivered', HttpStatus: 200, Attempt: 2, EventId: event.Id }),
      jasmine.objectContaining({
        Outcome: 'retrying',
        HttpStatus: 500,
        Attempt: 1,
        Error: 'answered HTTP 500',
        NextAttemptAt: jasmine.any(String),
        Url: receiver.url,
      }),
    ]);
  });

  it('gives up after the last attempt, each logged', async () => {
    const id = await givenSettings([{}]);
    await lock(true, 0);
    receiver.otherwise = 503;
    const d = dispatcher(3);
    for (let i = 0; i < 6; i++) {
      await d.runOnce();
      ahead += 60_000;
    }
    expect(receiver.received.length).toBe(3);
    const log = (await admin.get(`/config/notification-settings/${id}/deliveries`)).body;
    expect(log.map((a: { Outcome: string }) => a.Outcome)).toEqual(['failed', 'retrying', 'retrying']);
  });

  it('times out a slow webhook and tries it again later', async () => {
    const id = await givenSettings([{}]);
    await lock(true, 0);
    receiver.delayMs = TIMEOUT_MS * 5;
    await dispatcher().runOnce();
    const [attempt] = (await admin.get(`/config/notification-settings/${id}/deliveries`)).body;
    expect(attempt).toEqual(
      jasmine.objectContaining({ Outcome: 'retrying', Error: `no answer within ${TIMEOUT_MS} ms` }),
    );
    expect(attempt.HttpStatus).toBeUndefined();
  });

  it('sends each webhook only the events it subscribes to, Slack ones as {text}', async () => {
    await givenSettings([{ Events: ['environment.unlocked'], Format: 'slack' }]);
    await lock(true, 0);
    await lock(false, 1);
    await dispatcher().runOnce();
    expect(receiver.received.length).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toEqual({
      text: `[${environment}] Deployments to ${environment} were unlocked by admin`,
    });
    expect(
      verifySignature(
        String(receiver.received[0]!.headers['x-em-signature']),
        receiver.received[0]!.body,
        SECRET,
        Math.floor(now() / 1000),
      ),
    ).toBeTrue();
  });

  it('delivers from one portal process at a time: the one holding the lease', async () => {
    await givenSettings([{}]);
    await lock(true, 0);
    const [a, b] = [dispatcher(), dispatcher()];
    expect(await a.runOnce()).toBe(1);
    await lock(false, 1);
    expect(await b.runOnce()).toBe(0);
    expect(await a.runOnce()).toBe(1);
    expect(receiver.received.map((r) => r.headers['x-em-event'])).toEqual([
      'environment.locked',
      'environment.unlocked',
    ]);
  });

  it('renews its lease once half of it is spent, not on every pass', async () => {
    await givenSettings([{}]);
    const outbox = new DynamoDbNotificationOutbox(tp.portal.db, tableNames(tp.tablePrefix));
    const leases = spyOn(outbox, 'lease').and.callThrough();
    const options = {
      owner: unique('dispatcher'),
      pollMs: 10,
      leaseMs: 60_000,
      timeoutMs: TIMEOUT_MS,
      retry: { maxAttempts: 4, backoffMs: BACKOFF_MS, maxBackoffMs: 60_000 },
      clock: { now },
    };
    const sender = new HttpWebhookSender(new WebhookAddressPolicy(['127.0.0.1']));
    const a = new NotificationDispatcher(outbox, tp.portal.store, sender, options, createLogger('silent'));
    await lock(true, 0);
    expect(await a.runOnce()).toBe(1);
    for (let i = 0; i < 5; i++) await a.runOnce();
    expect(leases).toHaveBeenCalledTimes(1);
    // another process cannot take it meanwhile
    const b = new NotificationDispatcher(
      new DynamoDbNotificationOutbox(tp.portal.db, tableNames(tp.tablePrefix)),
      tp.portal.store,
      sender,
      { ...options, owner: unique('dispatcher') },
      createLogger('silent'),
    );
    await lock(false, 1);
    expect(await b.runOnce()).toBe(0);
    ahead += 31_000; // past half of the lease: the next pass renews it, and delivers
    expect(await a.runOnce()).toBe(1);
    expect(leases).toHaveBeenCalledTimes(2);
    expect(receiver.received.map((r) => r.headers['x-em-event'])).toEqual([
      'environment.locked',
      'environment.unlocked',
    ]);
  });

  it('writes no event for a lock refused as stale', async () => {
    await givenSettings([{}]);
    await lock(true, 0);
    const stale = await admin.put(
      `/environments/${environment}/deploy-lock`,
      { DeploymentsLocked: false },
      0,
    );
    expect(stale.status).toBe(409);
    ahead += 1;
    await dispatcher().runOnce();
    expect(receiver.received.map((r) => r.headers['x-em-event'])).toEqual(['environment.locked']);
  });

  it('sends a test at once from POST .../test, with what each webhook answered', async () => {
    const id = await givenSettings([{ Events: ['deployment.failed'] }]);
    receiver.script = [204];
    const res = await admin.post(`/config/notification-settings/${id}/test`, {});
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body.Results).toEqual([
      jasmine.objectContaining({
        Url: receiver.url,
        Outcome: 'delivered',
        HttpStatus: 204,
        EventType: 'test',
      }),
    ]);
    expect(receiver.received.length).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toEqual(
      jasmine.objectContaining({ Type: 'test', SettingsId: id, By: 'admin' }),
    );
    const log = (await admin.get(`/config/notification-settings/${id}/deliveries`)).body;
    expect(log[0]).toEqual(jasmine.objectContaining({ EventId: res.body.EventId, Outcome: 'delivered' }));
    expect((await admin.post('/config/notification-settings/no-such/test', {})).status).toBe(404);
  });
});
