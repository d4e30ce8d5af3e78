import { aCluster, aService, created, givenUser } from '../../fixtures/builders';
import { ApiClient, type ApiReply } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('the audit trail (/audit)', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
  });
  afterAll(() => tp.close());

  it('records each change with its old and new value, user, request id and version', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const newValue = { ...svc.Value, Description: 'second' };
    const put = await admin.put(`/config/services/${svc.ServiceName}/${team}`, newValue, 1, {
      headers: { 'x-request-id': 'req-audit-0001' },
    });
    await admin.delete(`/config/service/${svc.ServiceName}`, 2);
    const res = await admin.get(`/audit?Entity.Type=Service&Entity.Key=${svc.ServiceName}`);
    expect(res.status).toBe(200);
    expect(res.body.map((e: { ChangeType: string }) => e.ChangeType)).toEqual([
      'Deleted',
      'Updated',
      'Created',
    ]);
    const [deleted, updated, createdEntry] = res.body;
    const { Version: _v, ...original } = svc;
    expect(createdEntry.OldValue).toBeNull();
    expect(createdEntry.NewValue).toEqual(original);
    expect(updated.OldValue).toEqual(original);
    expect(updated.NewValue).toEqual({ ...original, Value: newValue });
    expect(updated.ChangedBy).toBe('admin');
    expect(updated.TransactionID).toBe('req-audit-0001');
    expect(put.headers.get('x-request-id')).toBe('req-audit-0001');
    expect(updated.Entity).toEqual({ Type: 'Service', Key: svc.ServiceName, Version: 2 });
    expect(deleted.NewValue).toBeNull();
    expect(deleted.OldValue).toEqual({ ...original, Value: newValue });
    const one = await admin.get(`/audit/${updated.AuditID}`);
    expect(one.body).toEqual(updated);
  });

  it('writes no entry for a refused change', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    await admin.put(`/config/services/${svc.ServiceName}/${team}`, { ...svc.Value, BluePort: 1 }, 1);
    await admin.put(`/config/services/${svc.ServiceName}/${team}`, svc.Value, 7);
    const res = await admin.get(`/audit?Entity.Type=Service&Entity.Key=${svc.ServiceName}`);
    expect(res.body.length).toBe(1);
  });

  it('filters by change type and entity type', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    await admin.delete(`/config/service/${svc.ServiceName}`, 1);
    const deletions = await admin.get('/audit?ChangeType=Deleted&Entity.Type=Service');
    expect(deletions.body.length).toBeGreaterThan(0);
    expect(
      deletions.body.every(
        (e: { ChangeType: string; Entity: { Type: string } }) =>
          e.ChangeType === 'Deleted' && e.Entity.Type === 'Service',
      ),
    ).toBeTrue();
  });

  it('filters by the user who made the change, in a query that still pages', async () => {
    const editor = await givenUser(admin, {
      grants: [{ Action: 'edit-catalogue', Clusters: [team], EnvironmentTypes: 'all' }],
    });
    const editorName = (await editor.get('/me')).body.username as string;
    const mine: string[] = [];
    for (let i = 0; i < 3; i++)
      mine.push((await created(editor, '/config/services', aService({ cluster: team }))).ServiceName);
    const theirs = (await created(admin, '/config/services', aService({ cluster: team }))).ServiceName;

    const all = await admin.get(`/audit?ChangedBy=${editorName}&Entity.Type=Service`);
    expect(all.status).toBe(200);
    expect(all.body.map((e: { Entity: { Key: string } }) => e.Entity.Key)).toEqual([...mine].reverse());
    expect(all.body.every((e: { ChangedBy: string }) => e.ChangedBy === editorName)).toBeTrue();
    expect(JSON.stringify(all.body)).not.toContain(theirs);

    const first = await admin.get(`/audit?ChangedBy=${editorName}&per_page=2`);
    expect(first.body.length).toBe(2);
    const link = first.headers.get('link')!;
    expect(link).toContain(`ChangedBy=${editorName}`);
    const rest = await admin.get(/<\/api\/v1([^>]+)>; rel="next"/.exec(link)![1]!);
    const keys = [...first.body, ...rest.body].map((e: { Entity: { Key: string } }) => e.Entity.Key);
    expect(keys.filter((k) => mine.includes(k))).toEqual([...mine].reverse());
    expect(
      [...first.body, ...rest.body].every((e: { ChangedBy: string }) => e.ChangedBy === editorName),
    ).toBeTrue();

    const nobody = await admin.get('/audit?ChangedBy=nobody-made-this');
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual([]);
  });

  it('refuses a user name that is not a name, naming query.ChangedBy', async () => {
    const res = await admin.get(`/audit?ChangedBy=${encodeURIComponent('admin OR 1=1')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.ChangedBy']);
  });

  it('describes the ChangedBy filter in the generated OpenAPI document', async () => {
    const doc = (await admin.get('/openapi.json')).body;
    const names = doc.paths['/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toContain('ChangedBy');
  });

  it('pages newest first with a cursor in the Link header, without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await created(admin, '/config/services', aService({ cluster: team }));
    const all = (await admin.get('/audit?per_page=1000')).body.map((e: { AuditID: string }) => e.AuditID);
    const seen: string[] = [];
    let path: string | undefined = '/audit?per_page=3';
    let pages = 0;
    while (path) {
      const res: ApiReply<any> = await admin.get(path);
      expect(res.body.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.map((e: { AuditID: string }) => e.AuditID));
      const link: string | null = res.headers.get('link');
      path = link ? /<\/api\/v1([^>]+)>; rel="next"/.exec(link)![1] : undefined;
      pages += 1;
      if (pages > 50) break;
    }
    expect(seen).toEqual(all);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(pages).toBeGreaterThan(2);
  });

  it('keeps to since and until', async () => {
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const after = await admin.get(`/audit?since=${encodeURIComponent(before)}&Entity.Type=Service`);
    expect(after.body.map((e: { Entity: { Key: string } }) => e.Entity.Key)).toEqual([svc.ServiceName]);
    const until = await admin.get(
      `/audit?until=${encodeURIComponent(before)}&Entity.Type=Service&Entity.Key=${svc.ServiceName}`,
    );
    expect(until.body).toEqual([]);
    const inverted = await admin.get(
      `/audit?since=${encodeURIComponent(new Date().toISOString())}&until=${encodeURIComponent(before)}`,
    );
    expect(inverted.status).toBe(400);
  });

  it('gives 404 for an unknown entry', async () => {
    expect((await admin.get('/audit/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });
});
