import { created, givenUser, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/secret-token-in-the-path';

/** The audit trail shows notification settings' webhook URLs as the settings do: in full to editors only. */
describe('the audit trail of notification settings', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let reader: ApiClient;
  let id: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    reader = await givenUser(admin);
    id = unique('alerts');
    await created(admin, '/config/notification-settings', {
      NotificationSettingsId: id,
      Value: { Webhooks: [{ Url: SLACK_URL, Secret: 'a-webhook-secret-of-some-length', Events: ['*'] }] },
    });
  });
  afterAll(() => tp.close());

  const entryOf = async (client: ApiClient) => {
    const res = await client.get(`/audit?Entity.Type=NotificationSettings&Entity.Key=${id}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(1);
    return res.body[0] as { AuditID: string; NewValue: { Value: { Webhooks: { Url: string }[] } } };
  };

  it('masks the URLs for a reader who may not edit the settings, in the list and in one entry', async () => {
    const entry = await entryOf(reader);
    expect(entry.NewValue.Value.Webhooks[0]!.Url).toBe('https://hooks.slack.com/services/***');
    expect(JSON.stringify(entry)).not.toContain('secret-token-in-the-path');
    const one = await reader.get(`/audit/${entry.AuditID}`);
    expect(JSON.stringify(one.body)).not.toContain('secret-token-in-the-path');
    expect(one.body.NewValue.Value.Webhooks[0].UrlMasked).toBeTrue();
  });

  it('shows them in full to an editor (admin everywhere)', async () => {
    expect((await entryOf(admin)).NewValue.Value.Webhooks[0]!.Url).toBe(SLACK_URL);
  });

  it('never holds the secret', async () => {
    expect(JSON.stringify(await entryOf(admin))).not.toContain('a-webhook-secret-of-some-length');
  });
});
