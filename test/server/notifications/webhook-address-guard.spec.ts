import { DynamoDbNotificationOutbox } from '../../../server/adapters/dynamodb/dynamodb-notification-outbox';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { HttpWebhookSender, type Resolve } from '../../../server/adapters/webhooks/http-webhook-sender';
import { createLogger } from '../../../server/logger';
import { NotificationDispatcher } from '../../../server/notifications/notification-dispatcher';
import { WebhookAddressPolicy } from '../../../server/notifications/webhook-address-policy';
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

const SECRET = 'whsec-of-the-address-guard-specs';
const ALLOWANCE = 'webhooks may reach internal addresses only at hosts listed in EM_WEBHOOK_ALLOWED_HOSTS';

/** The guard against server-side request forgery: where webhooks may not be sent, at write and at send. */
describe('the webhook address guard', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  /** A dispatcher of the spec's on the portal's outbox, sending as `sender` does, on the clock `now`. */
  const dispatcherOf = (tp: TestPortal, sender: HttpWebhookSender, now: () => number) =>
    new NotificationDispatcher(
      new DynamoDbNotificationOutbox(tp.portal.db, tableNames(tp.tablePrefix)),
      tp.portal.store,
      sender,
      {
        owner: unique('dispatcher'),
        pollMs: 10,
        leaseMs: 60_000,
        timeoutMs: 500,
        retry: { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60_000 },
        clock: { now },
      },
      createLogger('silent'),
    );

  /** Settings with one webhook at `url` and an environment naming them; answers both. */
  const givenSettings = async (admin: ApiClient, url: string) => {
    const id = unique('alerts');
    await created(admin, '/config/notification-settings', {
      NotificationSettingsId: id,
      Value: { Webhooks: [{ Url: url, Secret: SECRET, Events: ['*'] }] },
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
    return { id, environment: env.EnvironmentName as string };
  };

  /** An event to the environment's webhooks (its deploy lock). */
  const lock = async (admin: ApiClient, environment: string) => {
    const res = await admin.put(`/environments/${environment}/deploy-lock`, { DeploymentsLocked: true }, 0);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
  };

  describe('in a portal that allows no internal webhook host (the default)', () => {
    let tp: TestPortal;
    let admin: ApiClient;
    beforeAll(async () => {
      tp = await startTestPortal({ webhookAllowedHosts: '' });
      admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    });
    afterAll(async () => {
      await tp.close();
    });

    for (const bad of [
      { url: 'http://169.254.169.254/latest/meta-data/', address: '169.254.169.254', range: 'link-local' },
      { url: 'http://127.0.0.1:9/hook', address: '127.0.0.1', range: 'loopback' },
      // the same loopback written another way: the URL's own reading of it is checked
      { url: 'http://0x7f.1/hook', address: '127.0.0.1', range: 'loopback' },
      { url: 'https://10.20.30.40/hook', address: '10.20.30.40', range: 'private' },
      { url: 'http://172.16.0.1/hook', address: '172.16.0.1', range: 'private' },
      { url: 'http://192.168.1.1/hook', address: '192.168.1.1', range: 'private' },
      { url: 'http://0.0.0.0:8080/', address: '0.0.0.0', range: 'unspecified' },
      { url: 'http://224.0.0.251/', address: '224.0.0.251', range: 'multicast' },
    ]) {
      it(`refuses at write time ${bad.url}, a ${bad.range} address, naming body.Value.Webhooks.0.Url`, async () => {
        const id = unique('alerts');
        const res = await admin.post('/config/notification-settings', {
          NotificationSettingsId: id,
          Value: { Webhooks: [{ Url: bad.url, Secret: SECRET, Events: ['*'] }] },
        });
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(400);
        expect(res.body.errors).toEqual([
          {
            field: 'body.Value.Webhooks.0.Url',
            message: `is a ${bad.range} address (${bad.address}); ${ALLOWANCE}`,
          },
        ]);
        expect((await admin.get(`/config/notification-settings/${id}`)).status).toBe(404);
      });
    }

    it('refuses an update to an internal address, naming body.Webhooks.N.Url, and keeps the settings', async () => {
      const id = unique('alerts');
      await created(admin, '/config/notification-settings', {
        NotificationSettingsId: id,
        Value: { Webhooks: [{ Url: 'https://hooks.example.com/a', Secret: SECRET, Events: ['*'] }] },
      });
      const res = await admin.put(
        `/config/notification-settings/${id}`,
        {
          Webhooks: [
            { Url: 'https://hooks.example.com/a', Events: ['*'] },
            { Url: 'http://169.254.169.254/latest/api/token', Secret: SECRET, Events: ['*'] },
          ],
        },
        1,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.Webhooks.1.Url']);
      expect((await admin.get(`/config/notification-settings/${id}`)).body.Version).toBe(1);
    });

    it('refuses at send a name that resolves to loopback (localhost): failed at once, nothing sent, not tried again', async () => {
      // a host name is not resolved when it is written: it passes, and is checked each time it is sent to
      const url = `http://localhost:${receiver.port}/hook`;
      const { id, environment } = await givenSettings(admin, url);

      const test = await admin.post(`/config/notification-settings/${id}/test`, {});
      expect(test.status).toBe(200);
      expect(test.body.Results).toEqual([
        jasmine.objectContaining({ Url: url, Outcome: 'failed', Attempt: 1 }),
      ]);
      expect(test.body.Results[0].Error).toMatch(
        /^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address; webhooks may reach/,
      );
      expect(test.body.Results[0].HttpStatus).toBeUndefined();

      // from the outbox: one attempt, failed, and the event is done with
      await lock(admin, environment);
      let ahead = 0;
      const d = dispatcherOf(
        tp,
        new HttpWebhookSender(new WebhookAddressPolicy([])),
        () => Date.now() + ahead,
      );
      expect(await d.runOnce()).toBe(1);
      ahead += 3_600_000;
      expect(await d.runOnce()).toBe(0);
      const log = (await admin.get(`/config/notification-settings/${id}/deliveries`)).body;
      const locked = log.filter((a: { EventType: string }) => a.EventType === 'environment.locked');
      expect(locked).toEqual([
        jasmine.objectContaining({
          Outcome: 'failed',
          Attempt: 1,
          Error: jasmine.stringMatching(/^refused: /),
        }),
      ]);
      expect(locked[0].NextAttemptAt).toBeUndefined();
      expect(receiver.received.length).toBe(0);
    });
  });

  describe('in a portal that allows its loopback receivers (the test portal)', () => {
    let tp: TestPortal;
    let admin: ApiClient;
    beforeAll(async () => {
      tp = await startTestPortal();
      admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    });
    afterAll(async () => {
      await tp.close();
    });

    it('delivers to an allowed literal 127.0.0.1, and refuses it at send once it is no longer allowed', async () => {
      const { id, environment } = await givenSettings(admin, receiver.url);
      const test = await admin.post(`/config/notification-settings/${id}/test`, {});
      expect(test.body.Results).toEqual([
        jasmine.objectContaining({ Outcome: 'delivered', HttpStatus: 200 }),
      ]);
      expect(receiver.received.length).toBe(1);

      // a process whose allow-list lacks the host (the settings stored before it changed)
      await lock(admin, environment);
      let ahead = 0;
      const d = dispatcherOf(
        tp,
        new HttpWebhookSender(new WebhookAddressPolicy([])),
        () => Date.now() + ahead,
      );
      expect(await d.runOnce()).toBe(1);
      ahead += 3_600_000;
      expect(await d.runOnce()).toBe(0);
      expect(receiver.received.length).toBe(1);
      const [attempt] = (await admin.get(`/config/notification-settings/${id}/deliveries`)).body;
      expect(attempt).toEqual(
        jasmine.objectContaining({
          EventType: 'environment.locked',
          Outcome: 'failed',
          Error: `refused: 127.0.0.1 is a loopback address; ${ALLOWANCE}`,
        }),
      );
    });
  });

  describe('the sender', () => {
    const post = (sender: HttpWebhookSender, url: string) =>
      sender.post(url, '{"Type":"test"}', { 'content-type': 'application/json' }, 1000);

    it('connects to the address it checked, once resolved, with the URL host as Host', async () => {
      const asked: string[] = [];
      // a name no DNS resolves: only the address checked can have been used
      const resolve: Resolve = (host) => {
        asked.push(host);
        return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
      };
      const sender = new HttpWebhookSender(new WebhookAddressPolicy(['hooks.example.invalid']), resolve);
      const reply = await post(sender, `http://hooks.example.invalid:${receiver.port}/hook/x`);
      expect(reply).toEqual(jasmine.objectContaining({ status: 200 }));
      expect(asked).toEqual(['hooks.example.invalid']);
      expect(receiver.received.map((r) => [r.path, r.headers.host])).toEqual([
        ['/hook/x', `hooks.example.invalid:${receiver.port}`],
      ]);
    });

    it('refuses a name when any address it resolves to is internal, sending nothing', async () => {
      const resolve: Resolve = () =>
        Promise.resolve([
          { address: '203.0.113.7', family: 4 },
          { address: '10.0.0.8', family: 4 },
        ]);
      const reply = await post(
        new HttpWebhookSender(new WebhookAddressPolicy([]), resolve),
        `http://rebinding.example.invalid:${receiver.port}/hook`,
      );
      expect(reply).toEqual(
        jasmine.objectContaining({
          refused: true,
          error: `refused: rebinding.example.invalid resolves to 10.0.0.8, which is a private address; ${ALLOWANCE}`,
        }),
      );
      expect(reply.status).toBeUndefined();
      expect(receiver.received.length).toBe(0);
    });

    it('refuses 169.254.169.254 (the metadata service) and an IPv4-mapped loopback without connecting', async () => {
      const sender = new HttpWebhookSender(new WebhookAddressPolicy(['127.0.0.1']), () =>
        Promise.resolve([{ address: '::ffff:127.0.0.1', family: 6 }]),
      );
      const metadata = await post(sender, 'http://169.254.169.254/latest/meta-data/');
      expect(metadata).toEqual(
        jasmine.objectContaining({
          refused: true,
          error: jasmine.stringMatching(/169\.254\.169\.254 is a link-local/),
        }),
      );
      const mapped = await post(sender, `http://mapped.example.invalid:${receiver.port}/hook`);
      expect(mapped).toEqual(
        jasmine.objectContaining({
          refused: true,
          error: jasmine.stringMatching(/::ffff:127\.0\.0\.1, which is a loopback/),
        }),
      );
      expect(receiver.received.length).toBe(0);
    });

    it('sends to a host on the allow-list even where it resolves to loopback (localhost)', async () => {
      const reply = await post(
        new HttpWebhookSender(new WebhookAddressPolicy(['LocalHost'])),
        `http://localhost:${receiver.port}/hook`,
      );
      expect(reply).toEqual(jasmine.objectContaining({ status: 200 }));
      expect(receiver.received.length).toBe(1);
    });
  });
});
