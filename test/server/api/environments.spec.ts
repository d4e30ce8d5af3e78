import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  created,
  givenUser,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('environment operations state (/environments)', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let type: string;
  let map: string;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    type = (
      await created(admin, '/config/environment-types', anEnvironmentType({ protectedActions: ['deploy'] }))
    ).EnvironmentType;
    map = (await created(admin, '/config/deployment-maps', aDeploymentMap({ roles: [] }))).DeploymentMapName;
  });
  afterAll(() => tp.close());

  const newEnvironment = async () =>
    (await created(admin, '/config/environments', anEnvironment({ type, cluster: team, map })))
      .EnvironmentName as string;

  it('lists environments unlocked and out of maintenance at version 0 until first changed', async () => {
    const name = await newEnvironment();
    const list = await admin.get('/environments');
    expect(list.body).toContain({
      EnvironmentName: name,
      Value: {
        EnvironmentType: type,
        OwningCluster: team,
        DeploymentMap: map,
        DeploymentsLocked: false,
        InMaintenance: false,
      },
      Version: 0,
    });
    expect((await admin.get(`/environments/${name}/deploy-lock`)).body).toEqual({ DeploymentsLocked: false });
    expect((await admin.get(`/environments/${name}/maintenance`)).body).toEqual({ InMaintenance: false });
  });

  it('locks deployments with a versioned, audited change', async () => {
    const name = await newEnvironment();
    const locked = await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 0);
    expect(locked.status).toBe(200);
    expect(locked.body.Value.DeploymentsLocked).toBe(true);
    expect(locked.body.Version).toBe(1);
    expect(locked.headers.get('etag')).toBe('"1"');
    expect((await admin.get(`/environments/${name}/deploy-lock`)).body).toEqual({ DeploymentsLocked: true });
    const stale = await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: false }, 0);
    expect(stale.status).toBe(409);
    const audit = await admin.get(`/audit?Entity.Type=EnvironmentOps&Entity.Key=${name}`);
    expect(audit.body.length).toBe(1);
    expect(audit.body[0].NewValue).toEqual({ DeploymentsLocked: true, InMaintenance: false });
  });

  it('puts an environment in maintenance without touching its lock', async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 0);
    const res = await admin.put(`/environments/${name}/maintenance`, { InMaintenance: true }, 1);
    expect(res.body.Value).toEqual(
      jasmine.objectContaining({ DeploymentsLocked: true, InMaintenance: true }),
    );
    expect(res.body.Version).toBe(2);
  });

  it('lets a team member with lock-environments for the cluster and type lock, and refuses others', async () => {
    const name = await newEnvironment();
    const other = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    const wrongType = await givenUser(admin, {
      grants: [{ Action: 'lock-environments', Clusters: [team], EnvironmentTypes: [other] }],
    });
    const right = await givenUser(admin, {
      grants: [{ Action: 'lock-environments', Clusters: [team], EnvironmentTypes: [type] }],
    });
    const refused = await wrongType.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 0);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain(`environment type ${type}`);
    expect(
      (await right.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 0)).status,
    ).toBe(200);
  });

  it("tells whether the environment's type protects an action", async () => {
    const name = await newEnvironment();
    expect((await admin.get(`/environments/${name}/protected?action=deploy`)).body).toEqual({
      isProtected: true,
    });
    expect((await admin.get(`/environments/${name}/protected?action=toggle-slices`)).body).toEqual({
      isProtected: false,
    });
  });

  it('gives 404 for an environment that does not exist', async () => {
    expect((await admin.get('/environments/nowhere')).status).toBe(404);
    expect(
      (await admin.put('/environments/nowhere/deploy-lock', { DeploymentsLocked: true }, 0)).status,
    ).toBe(404);
  });

  it('forgets the operations state when the environment is deleted', async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 0);
    expect((await admin.delete(`/config/environments/${name}`, 1)).status).toBe(200);
    await created(admin, '/config/environments', anEnvironment({ name, type, cluster: team, map }));
    expect((await admin.get(`/environments/${name}`)).body.Value.DeploymentsLocked).toBe(false);
  });
});
