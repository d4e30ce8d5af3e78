import { aCluster, aDeploymentMap, aService, created, freshPort, unique } from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('the service catalogue (/config/services)', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
  });
  afterAll(() => tp.close());

  it('creates a service with version 1, a Location and an ETag, and reads it back', async () => {
    const body = aService({ cluster: team, tags: ['payments'] });
    const res = await admin.post('/config/services', body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...body, Version: 1 });
    expect(res.headers.get('location')).toBe(`/api/v1/config/service/${body.ServiceName}`);
    expect(res.headers.get('etag')).toBe('"1"');
    const read = await admin.get(`/config/service/${body.ServiceName}`);
    expect(read.body).toEqual({ ...body, Version: 1 });
    const byCluster = await admin.get(`/config/services/${body.ServiceName}/${team}`);
    expect(byCluster.status).toBe(200);
  });

  it('lists services, filtered by cluster', async () => {
    const other = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const mine = await created(admin, '/config/services', aService({ cluster: other }));
    const all = await admin.get('/config/services');
    const filtered = await admin.get(`/config/services?cluster=${other}`);
    expect(all.body.map((s: { ServiceName: string }) => s.ServiceName)).toContain(mine.ServiceName);
    expect(filtered.body).toEqual([mine]);
  });

  it('updates with the expected version and refuses a stale one with 409', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const value = { ...svc.Value, Description: 'changed' };
    const ok = await admin.put(`/config/services/${svc.ServiceName}/${team}`, value, 1);
    expect(ok.status).toBe(200);
    expect(ok.body.Version).toBe(2);
    expect(ok.body.Value.Description).toBe('changed');
    const stale = await admin.put(
      `/config/services/${svc.ServiceName}/${team}`,
      { ...value, Description: 'lost' },
      1,
    );
    expect(stale.status).toBe(409);
    expect(stale.contentType).toContain('application/problem+json');
    expect(stale.body.detail).toContain('current version is 2');
    expect((await admin.get(`/config/service/${svc.ServiceName}`)).body.Value.Description).toBe('changed');
  });

  it('accepts If-Match with the ETag it returned', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const res = await admin.put(
      `/config/services/${svc.ServiceName}/${team}`,
      { ...svc.Value, Description: 'x' },
      undefined,
      {
        headers: { 'if-match': '"1"' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
  });

  it('answers 428 to a change without a version', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const res = await admin.put(`/config/services/${svc.ServiceName}/${team}`, svc.Value, undefined);
    expect(res.status).toBe(428);
    expect((await admin.get(`/config/service/${svc.ServiceName}`)).body.Version).toBe(1);
  });

  it('names the fields of an update body from that body', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const res = await admin.put(
      `/config/services/${svc.ServiceName}/${team}`,
      { ...svc.Value, BluePort: 'x' },
      1,
    );
    expect(res.body.errors).toEqual([{ field: 'body.BluePort', message: jasmine.any(String) }]);
  });

  it('refuses a port another service holds, naming the port and the owner', async () => {
    const port = freshPort();
    const first = await created(admin, '/config/services', aService({ cluster: team, bluePort: port }));
    const res = await admin.post('/config/services', aService({ cluster: team, greenPort: port }));
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(`port ${port} is already taken by service ${first.ServiceName}`);
    expect(res.body.errors).toEqual([
      {
        field: 'body.Value.GreenPort',
        message: jasmine.stringContaining(`is already taken by service ${first.ServiceName}`),
      },
    ]);
    const other = await created(admin, '/config/services', aService({ cluster: team }));
    const update = await admin.put(
      `/config/services/${other.ServiceName}/${team}`,
      { ...other.Value, BluePort: port },
      1,
    );
    expect(update.status).toBe(409);
    expect(update.body.errors).toEqual([
      {
        field: 'body.BluePort',
        message: jasmine.stringContaining(`is already taken by service ${first.ServiceName}`),
      },
    ]);
  });

  it('lets exactly one of two concurrent creates claim a port', async () => {
    const port = freshPort();
    const a = aService({ cluster: team, bluePort: port });
    const b = aService({ cluster: team, bluePort: port });
    const results = await Promise.all([admin.post('/config/services', a), admin.post('/config/services', b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const names = (await admin.get('/config/services')).body.map(
      (s: { ServiceName: string }) => s.ServiceName,
    );
    expect(names.filter((n: string) => n === a.ServiceName || n === b.ServiceName).length).toBe(1);
  });

  it('soft-deletes: the service disappears, its ports stay reserved and its name can be restored with them', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const del = await admin.delete(`/config/service/${svc.ServiceName}`, 1);
    expect(del.status).toBe(200);
    expect((await admin.get(`/config/service/${svc.ServiceName}`)).status).toBe(404);
    const listed = await admin.get('/config/services?include_deleted=true');
    expect(listed.body.find((s: { ServiceName: string }) => s.ServiceName === svc.ServiceName)).toEqual({
      ...svc,
      Version: 2,
      Deleted: true,
    });
    const thief = await admin.post(
      '/config/services',
      aService({ cluster: team, bluePort: svc.Value.BluePort }),
    );
    expect(thief.status).toBe(409);
    const restored = await admin.post('/config/services', { ...svc, Version: undefined });
    expect(restored.status).toBe(201);
    expect(restored.body.Version).toBe(3);
  });

  it('refuses a service whose cluster does not exist, naming the field', async () => {
    const res = await admin.post('/config/services', aService({ cluster: 'NoSuchTeam' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body.OwningCluster', message: 'Cluster NoSuchTeam does not exist' },
    ]);
    expect((await admin.get('/config/services?cluster=NoSuchTeam')).body).toEqual([]);
  });

  it("refuses the name of the toggle tokens' paths (in any case), naming the field, and stores nothing", async () => {
    for (const name of ['tokens', 'Tokens']) {
      const res = await admin.post('/config/services', aService({ cluster: team, name }));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.ServiceName']);
      expect((await admin.get(`/config/services/${name}`)).status).toBe(404);
    }
  });

  it('refuses to delete a service that a deployment map hosts, naming the map', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    const map = await created(
      admin,
      '/config/deployment-maps',
      aDeploymentMap({ roles: [{ cluster: team, services: [svc.ServiceName] }] }),
    );
    const res = await admin.delete(`/config/service/${svc.ServiceName}`, 1);
    expect(res.status).toBe(409);
    expect(res.body.referrers).toEqual([`DeploymentMap:${map.DeploymentMapName}`]);
    expect((await admin.get(`/config/service/${svc.ServiceName}`)).status).toBe(200);
  });

  it('is seen at once by another portal process on the same tables, through its list cache', async () => {
    const second = await startTestPortal({ tablePrefix: tp.tablePrefix });
    try {
      const other = await new ApiClient(second.baseUrl).signIn('admin', ADMIN_PASSWORD);
      const names = async (c: ApiClient) =>
        (await c.get('/config/services')).body.map((s: { ServiceName: string }) => s.ServiceName);
      const before = await names(other);
      const svc = await created(admin, '/config/services', aService({ cluster: team }));
      expect(await names(other)).toEqual([...before, svc.ServiceName].sort());
      await other.put(
        `/config/services/${svc.ServiceName}/${team}`,
        { ...svc.Value, Description: 'from the other' },
        1,
      );
      const seen = (await admin.get('/config/services')).body.find(
        (s: { ServiceName: string }) => s.ServiceName === svc.ServiceName,
      );
      expect(seen.Value.Description).toBe('from the other');
      await other.delete(`/config/service/${svc.ServiceName}`, 2);
      expect(await names(admin)).not.toContain(svc.ServiceName);
    } finally {
      await second.close();
    }
  });

  it('gives 404 for a service under the wrong cluster', async () => {
    const svc = await created(admin, '/config/services', aService({ cluster: team }));
    expect((await admin.get(`/config/services/${svc.ServiceName}/${unique('Other')}`)).status).toBe(404);
  });
});
