import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableNames } from '../../../server/adapters/dynamodb/tables';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  created,
  givenUser,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

const SECRET = 'whsec-never-shown-0123456789';

/** A settings create body with one webhook. */
const settings = (webhook: Record<string, unknown> = {}, id = unique('alerts')) => ({
  NotificationSettingsId: id,
  Version: 0,
  Value: {
    NotificationEmail: ['team@example.com'],
    ChatChannel: ['#team'],
    Webhooks: [{ Url: 'http://127.0.0.1:9/hook', Secret: SECRET, Events: ['*'], Format: 'json', ...webhook }],
  },
});

describe('notification settings (/config/notification-settings)', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let type: string;
  let map: string;
  /** Everything the portal wrote on stdout (its JSON log lines) while the specs ran. */
  let logged = '';
  let level: string | undefined;
  let write: typeof process.stdout.write;

  beforeAll(async () => {
    level = process.env['EM_TEST_LOG_LEVEL'];
    process.env['EM_TEST_LOG_LEVEL'] = 'debug';
    write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      const text = String(chunk);
      // the portal's JSON lines are kept to look at, not shown; the runner's output goes through
      if (text.startsWith('{"time"')) {
        logged += text;
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    map = (await created(admin, '/config/deployment-maps', aDeploymentMap({ roles: [] }))).DeploymentMapName;
  });
  afterAll(async () => {
    process.stdout.write = write;
    if (level === undefined) delete process.env['EM_TEST_LOG_LEVEL'];
    else process.env['EM_TEST_LOG_LEVEL'] = level;
    await tp.close();
  });

  it("creates the original's record with webhooks, and never shows a webhook's secret (only that one is set)", async () => {
    const body = settings();
    const res = await admin.post('/config/notification-settings', body);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    const view = {
      NotificationSettingsId: body.NotificationSettingsId,
      Value: {
        NotificationEmail: ['team@example.com'],
        ChatChannel: ['#team'],
        Webhooks: [
          {
            Url: 'http://127.0.0.1:9/hook',
            Events: ['*'],
            Format: 'json',
            HasSecret: true,
            UrlMasked: false,
          },
        ],
      },
      Version: 1,
    };
    expect(res.body).toEqual(view);
    expect((await admin.get(`/config/notification-settings/${body.NotificationSettingsId}`)).body).toEqual(
      view,
    );
    const list = await admin.get('/config/notification-settings');
    expect(list.body).toContain(view);
    const audit = await admin.get(
      `/audit?Entity.Type=NotificationSettings&Entity.Key=${body.NotificationSettingsId}`,
    );
    expect(audit.body.length).toBe(1);
    for (const reply of [res, list, audit]) expect(JSON.stringify(reply.body)).not.toContain(SECRET);
  });

  it('keeps the secret of a webhook sent back without one, and needs one for a new URL', async () => {
    const body = settings();
    const id = body.NotificationSettingsId;
    await created(admin, '/config/notification-settings', body);
    const read = (await admin.get(`/config/notification-settings/${id}`)).body;
    // what was read, sent back with another event list: the secret stays
    const kept = await admin.put(
      `/config/notification-settings/${id}`,
      { ...read.Value, Webhooks: [{ ...read.Value.Webhooks[0], Events: ['deployment.*'] }] },
      1,
    );
    expect(kept.status).withContext(JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.Value.Webhooks).toEqual([
      {
        Url: 'http://127.0.0.1:9/hook',
        Events: ['deployment.*'],
        Format: 'json',
        HasSecret: true,
        UrlMasked: false,
      },
    ]);
    const refused = await admin.put(
      `/config/notification-settings/${id}`,
      { Webhooks: [{ Url: 'https://hooks.example.com/new', Events: ['*'] }] },
      2,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'body.Webhooks.0.Secret', message: 'is required for a new webhook URL' },
    ]);
    // an update is versioned as every /config record
    expect((await admin.put(`/config/notification-settings/${id}`, { Webhooks: [] }, 1)).status).toBe(409);
    expect((await admin.get(`/config/notification-settings/${id}`)).body.Version).toBe(2);
  });

  for (const bad of [
    { webhook: { Url: 'not a url' }, field: 'body.Value.Webhooks.0.Url' },
    { webhook: { Url: 'ftp://files.example.com/x' }, field: 'body.Value.Webhooks.0.Url' },
    { webhook: { Events: ['deployment.exploded'] }, field: 'body.Value.Webhooks.0.Events.0' },
    { webhook: { Events: [] }, field: 'body.Value.Webhooks.0.Events' },
    { webhook: { Format: 'teams' }, field: 'body.Value.Webhooks.0.Format' },
    { webhook: { Secret: 'short' }, field: 'body.Value.Webhooks.0.Secret' },
    { webhook: { Secret: undefined }, field: 'body.Value.Webhooks.0.Secret' },
  ]) {
    it(`refuses ${JSON.stringify(bad.webhook)} with a 400 naming ${bad.field}, storing nothing`, async () => {
      const body = settings(bad.webhook);
      const res = await admin.post('/config/notification-settings', body);
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(bad.field);
      expect((await admin.get(`/config/notification-settings/${body.NotificationSettingsId}`)).status).toBe(
        404,
      );
    });
  }

  it('refuses a webhook URL listed twice', async () => {
    const body = settings();
    body.Value.Webhooks.push({ ...body.Value.Webhooks[0]! });
    const res = await admin.post('/config/notification-settings', body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.Value.Webhooks.1.Url', message: 'is listed twice' }]);
  });

  it("refuses an environment naming settings that do not exist, and settings' delete while one names them", async () => {
    const missing = await admin.post(
      '/config/environments',
      (() => {
        const env = anEnvironment({ type, cluster: team, map });
        return { ...env, Value: { ...env.Value, NotificationSettingsId: 'no-such-settings' } };
      })(),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.Value.NotificationSettingsId',
    ]);

    const id = (await created(admin, '/config/notification-settings', settings())).NotificationSettingsId;
    const env = anEnvironment({ type, cluster: team, map });
    await created(admin, '/config/environments', {
      ...env,
      Value: { ...env.Value, NotificationSettingsId: id },
    });
    const refused = await admin.delete(`/config/notification-settings/${id}`, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.referrers).toEqual([`Environment:${env.EnvironmentName}`]);
    await admin.delete(`/config/environments/${env.EnvironmentName}`, 1);
    expect((await admin.delete(`/config/notification-settings/${id}`, 1)).status).toBe(200);
  });

  it('lets only admins change settings or send a test', async () => {
    const dev = await givenUser(admin, { grants: [{ Action: 'edit-environments' }] });
    expect((await dev.post('/config/notification-settings', settings())).status).toBe(403);
    const id = (await created(admin, '/config/notification-settings', settings())).NotificationSettingsId;
    expect((await dev.post(`/config/notification-settings/${id}/test`, {})).status).toBe(403);
    expect((await dev.get(`/config/notification-settings/${id}`)).status).toBe(200);
  });

  it('never writes a secret to the log or keeps it in the value or audit it stores', async () => {
    const id = (await created(admin, '/config/notification-settings', settings())).NotificationSettingsId;
    await admin.post(`/config/notification-settings/${id}/test`, {});
    expect(logged).toContain('"msg"');
    expect(logged).not.toContain(SECRET);
    const prefix = tableNames(tp.tablePrefix);
    const audit = await tp.portal.db.doc.send(new ScanCommand({ TableName: prefix.audit }));
    expect(JSON.stringify(audit.Items)).not.toContain(SECRET);
    const config = await tp.portal.db.doc.send(new ScanCommand({ TableName: prefix.config }));
    const item = config.Items!.find((i) => i['Kind'] === 'NotificationSettings' && i['Key'] === id)!;
    expect(JSON.stringify(item['Value'])).not.toContain(SECRET);
    // kept apart, to sign with: it cannot be a hash
    expect(item['Secret']).toContain(SECRET);
  });
});
