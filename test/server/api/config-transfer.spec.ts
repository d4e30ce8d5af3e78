import { aCluster, aService, created, freshPort } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { tableCounts } from '../../support/table-counts';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('import and export (/config/import, /config/export)', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;

  beforeEach(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
  });
  afterEach(() => tp.close());

  it('round-trips: an export imported into another portal gives the same records', async () => {
    for (let i = 0; i < 4; i++) await created(admin, '/config/services', aService({ cluster: team }));
    const exported = (await admin.get('/config/export/services')).body;
    const clusters = (await admin.get('/config/export/clusters')).body;
    expect(exported.length).toBe(4);

    const other = await startTestPortal();
    try {
      const otherAdmin = await new ApiClient(other.baseUrl).signIn('admin', ADMIN_PASSWORD);
      expect((await otherAdmin.put('/config/import/clusters?mode=merge', clusters, undefined)).status).toBe(
        200,
      );
      const res = await otherAdmin.put('/config/import/services?mode=merge', exported, undefined);
      expect(res.status).toBe(200);
      expect(res.body.created.length).toBe(4);
      expect((await otherAdmin.get('/config/export/services')).body).toEqual(exported);
      const audit = await otherAdmin.get('/audit?Entity.Type=Service');
      expect(audit.body.length).toBe(4);
      expect(audit.body.every((e: { Source: string }) => e.Source === 'import')).toBeTrue();
    } finally {
      await other.close();
    }
  });

  it('merges: creates the new, updates the changed with a new version, leaves the same alone', async () => {
    const a = await created(admin, '/config/services', aService({ cluster: team }));
    const b = await created(admin, '/config/services', aService({ cluster: team }));
    const c = aService({ cluster: team });
    const changedB = { ...b, Value: { ...b.Value, Description: 'imported' } };
    const res = await admin.put('/config/import/services?mode=merge', [a, changedB, c], undefined);
    expect(res.body).toEqual({
      created: [c.ServiceName],
      updated: [b.ServiceName],
      unchanged: [a.ServiceName],
      deleted: [],
    });
    expect((await admin.get(`/config/service/${b.ServiceName}`)).body).toEqual({ ...changedB, Version: 2 });
  });

  it('replaces: also deletes what the import lacks (softly, for services)', async () => {
    const a = await created(admin, '/config/services', aService({ cluster: team }));
    const b = await created(admin, '/config/services', aService({ cluster: team }));
    const res = await admin.put('/config/import/services?mode=replace', [a], undefined);
    expect(res.body.deleted).toEqual([b.ServiceName]);
    expect((await admin.get(`/config/service/${b.ServiceName}`)).status).toBe(404);
    const thief = await admin.post(
      '/config/services',
      aService({ cluster: team, bluePort: b.Value.BluePort }),
    );
    expect(thief.status).toBe(409);
  });

  it('refuses a bad import whole, naming the items, and writes nothing', async () => {
    await created(admin, '/config/services', aService({ cluster: team }));
    const before = await tableCounts(tp);
    const port = freshPort();
    const items = [
      aService({ cluster: team }),
      aService({ cluster: 'NoSuchTeam' }),
      aService({ cluster: team, bluePort: port }),
      aService({ cluster: team, greenPort: port }),
    ];
    const res = await admin.put('/config/import/services?mode=merge', items, undefined);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body.1.OwningCluster', message: 'Cluster NoSuchTeam does not exist' },
      {
        field: 'body.3.Value.GreenPort',
        message: `port ${port} is already taken by service ${items[2]!.ServiceName}`,
      },
    ]);
    const invalid = await admin.put(
      '/config/import/services?mode=merge',
      [items[0], { ServiceName: 'x' }],
      undefined,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.1.OwningCluster',
      'body.1.Value',
    ]);
    const duplicate = await admin.put('/config/import/services?mode=merge', [items[0], items[0]], undefined);
    expect(duplicate.status).toBe(400);
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('refuses a replace that would delete something still referenced', async () => {
    const other = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    await created(admin, '/config/services', aService({ cluster: other }));
    const before = await tableCounts(tp);
    const res = await admin.put(
      '/config/import/clusters?mode=replace',
      [aCluster({ name: team })],
      undefined,
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(`replace would delete Cluster ${other}`);
    expect(await tableCounts(tp)).toEqual(before);
  });

  it('names the resources it knows when given another', async () => {
    const res = await admin.get('/config/export/lbsettings');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('params.resource');
    expect(res.body.errors[0].message).toContain('services');
  });
});
