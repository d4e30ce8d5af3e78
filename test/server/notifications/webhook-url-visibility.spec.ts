import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import { verifySignature } from '../../../server/notifications/signature';
import { aCluster, created, givenUser, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { WebhookReceiver } from './webhook-receiver';

const SLACK_TOKEN_PATH = 'T0SLACKTEAM/B0SLACKHOOK/xoxSlackToken123';
const SLACK_URL = `https://hooks.slack.com/services/${SLACK_TOKEN_PATH}`;
const SECRET = 'whsec-of-the-visibility-specs';

interface Webhook {
  Url: string;
  Events: string[];
  Format: string;
  HasSecret: boolean;
  UrlMasked: boolean;
}

/** Who reads a webhook's URL in full (those who may edit the settings), and what everyone else reads. */
describe('webhook URLs, as each reader may see them', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  /** Signed in, with a grant that is not the settings' (`edit-environments`). */
  let dev: ApiClient;
  /** An admin of one cluster only: the settings are global, so not an editor of them. */
  let clusterAdmin: ApiClient;
  let receiver: WebhookReceiver;
  /** The receiver's URL with a second path segment, a token as Slack's is. */
  let tokenUrl: string;

  /** Settings with a Slack webhook and one to the receiver; answers their id. */
  const givenSettings = async (webhooks?: Record<string, unknown>[]) => {
    const id = unique('alerts');
    await created(admin, '/config/notification-settings', {
      NotificationSettingsId: id,
      Value: {
        Webhooks: webhooks ?? [
          { Url: SLACK_URL, Secret: SECRET, Events: ['deployment.*'], Format: 'slack' },
          { Url: tokenUrl, Secret: SECRET, Events: ['*'] },
        ],
      },
    });
    return id;
  };

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    dev = await givenUser(admin, { grants: [{ Action: 'edit-environments' }] });
    const team = (await created(admin, '/config/clusters', aCluster())).ClusterName as string;
    clusterAdmin = await givenUser(admin, { grants: [{ Action: 'admin', Clusters: [team] }] });
    receiver = await WebhookReceiver.start();
    tokenUrl = `${receiver.url}/k3yInThePath`;
  });
  afterAll(async () => {
    await receiver.close();
    await tp.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('shows a reader who may not edit the settings each URL masked past its first path segment, and says so', async () => {
    const id = await givenSettings();
    const masked: Webhook[] = [
      {
        Url: 'https://hooks.slack.com/services/***',
        Events: ['deployment.*'],
        Format: 'slack',
        HasSecret: true,
        UrlMasked: true,
      },
      { Url: `${receiver.url}/***`, Events: ['*'], Format: 'json', HasSecret: true, UrlMasked: true },
    ];
    for (const reader of [dev, clusterAdmin]) {
      const one = await reader.get(`/config/notification-settings/${id}`);
      expect(one.status).toBe(200);
      expect(one.body.Value.Webhooks).toEqual(masked);
      const list = await reader.get('/config/notification-settings');
      const listed = (list.body as { NotificationSettingsId: string; Value: { Webhooks: Webhook[] } }[]).find(
        (s) => s.NotificationSettingsId === id,
      );
      expect(listed?.Value.Webhooks).toEqual(masked);
      for (const reply of [one, list]) {
        expect(JSON.stringify(reply.body)).not.toContain(SLACK_TOKEN_PATH);
        expect(JSON.stringify(reply.body)).not.toContain('k3yInThePath');
      }
    }
  });

  it('shows an editor (admin on every cluster and environment type) the URLs in full', async () => {
    const id = await givenSettings();
    const one = await admin.get(`/config/notification-settings/${id}`);
    expect(one.body.Value.Webhooks.map((w: Webhook) => [w.Url, w.UrlMasked])).toEqual([
      [SLACK_URL, false],
      [tokenUrl, false],
    ]);
    const list = await admin.get('/config/notification-settings');
    expect(JSON.stringify(list.body)).toContain(SLACK_TOKEN_PATH);
  });

  it('keeps the stored URL and its secret when an editor sends the masked URL back, never storing the mask', async () => {
    const id = await givenSettings();
    const read = (await dev.get(`/config/notification-settings/${id}`)).body;
    // what a non-editor read, sent back by an admin with the events changed (UrlMasked and HasSecret ignored)
    const res = await admin.put(
      `/config/notification-settings/${id}`,
      { Webhooks: read.Value.Webhooks.map((w: Webhook) => ({ ...w, Events: ['environment.*'] })) },
      1,
    );
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body.Value.Webhooks.map((w: Webhook) => [w.Url, w.Events, w.HasSecret, w.UrlMasked])).toEqual([
      [SLACK_URL, ['environment.*'], true, false],
      [tokenUrl, ['environment.*'], true, false],
    ]);
    const items = await tp.portal.db.doc.send(
      new ScanCommand({ TableName: tableNames(tp.tablePrefix).config }),
    );
    const item = items.Items!.find((i) => i['Kind'] === 'NotificationSettings' && i['Key'] === id)!;
    expect(JSON.stringify(item)).not.toContain('***');

    // the test goes to the full URL, signed with the secret it had
    const sent = await admin.post(`/config/notification-settings/${id}/test`, {});
    expect(sent.status).toBe(200);
    const got = receiver.received.find((r) => r.path === '/hook/k3yInThePath');
    expect(got)
      .withContext(JSON.stringify(receiver.received.map((r) => r.path)))
      .toBeDefined();
    expect(
      verifySignature(
        String(got!.headers['x-em-signature']),
        got!.body,
        SECRET,
        Math.floor(Date.now() / 1000),
      ),
    ).toBeTrue();
  });

  it('refuses a masked URL that masks no stored webhook, or several, naming the field', async () => {
    const id = await givenSettings();
    const none = await admin.put(
      `/config/notification-settings/${id}`,
      { Webhooks: [{ Url: 'https://hooks.example.com/services/***', Secret: SECRET, Events: ['*'] }] },
      1,
    );
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([
      {
        field: 'body.Webhooks.0.Url',
        message: 'is masked, and masks no webhook of these settings: send the full URL',
      },
    ]);
    const create = await admin.post('/config/notification-settings', {
      NotificationSettingsId: unique('alerts'),
      Value: { Webhooks: [{ Url: 'https://hooks.slack.com/services/***', Secret: SECRET, Events: ['*'] }] },
    });
    expect(create.status).toBe(400);
    expect(create.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.Value.Webhooks.0.Url']);

    const two = await givenSettings([
      { Url: `${SLACK_URL}A`, Secret: SECRET, Events: ['*'], Format: 'slack' },
      { Url: `${SLACK_URL}B`, Secret: SECRET, Events: ['*'], Format: 'slack' },
    ]);
    const ambiguous = await admin.put(
      `/config/notification-settings/${two}`,
      { Webhooks: [{ Url: 'https://hooks.slack.com/services/***', Events: ['*'], Format: 'slack' }] },
      1,
    );
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors).toEqual([
      {
        field: 'body.Webhooks.0.Url',
        message: 'is masked, and masks 2 webhooks of these settings: send the full URL',
      },
    ]);
    // a masked URL sent beside the full one it masks is the same webhook twice
    const twice = await admin.put(
      `/config/notification-settings/${id}`,
      {
        Webhooks: [
          { Url: SLACK_URL, Events: ['*'], Format: 'slack' },
          { Url: 'https://hooks.slack.com/services/***', Events: ['*'], Format: 'slack' },
        ],
      },
      1,
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ field: 'body.Webhooks.1.Url', message: 'is listed twice' }]);
    // nothing of that was stored
    const after = (await admin.get(`/config/notification-settings/${id}`)).body;
    expect(after.Version).toBe(1);
    expect(after.Value.Webhooks.map((w: Webhook) => w.Url)).toEqual([SLACK_URL, tokenUrl]);
  });

  it('refuses a change from a reader who may not edit, even one sending back what it read', async () => {
    const id = await givenSettings();
    const read = (await clusterAdmin.get(`/config/notification-settings/${id}`)).body;
    const res = await clusterAdmin.put(`/config/notification-settings/${id}`, read.Value, 1);
    expect(res.status).toBe(403);
    expect((await admin.get(`/config/notification-settings/${id}`)).body.Version).toBe(1);
  });

  it('masks the delivery log for a reader who may not edit the settings, not for an editor', async () => {
    const id = await givenSettings([{ Url: tokenUrl, Secret: SECRET, Events: ['*'] }]);
    expect((await admin.post(`/config/notification-settings/${id}/test`, {})).status).toBe(200);
    const theirs = await dev.get(`/config/notification-settings/${id}/deliveries`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual([
      jasmine.objectContaining({ Url: `${receiver.url}/***`, UrlMasked: true, Outcome: 'delivered' }),
    ]);
    expect(JSON.stringify(theirs.body)).not.toContain('k3yInThePath');
    const editors = await admin.get(`/config/notification-settings/${id}/deliveries`);
    expect(editors.body).toEqual([jasmine.objectContaining({ Url: tokenUrl, UrlMasked: false })]);
  });

  it('shows no webhook URL in an export: non-admins may not export, and the settings are no export resource', async () => {
    await givenSettings();
    for (const reader of [dev, clusterAdmin]) {
      expect((await reader.get('/config/export/environments')).status).toBe(403);
    }
    for (const resource of ['notification-settings', 'notificationsettings']) {
      const res = await admin.get(`/config/export/${resource}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain(SLACK_TOKEN_PATH);
    }
  });
});
