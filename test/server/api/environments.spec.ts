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

  const freeze = 'Release freeze for the data-centre move';

  it('locks deployments with a versioned, audited change that records who, when and why', async () => {
    const name = await newEnvironment();
    const before = Date.now();
    const locked = await admin.put(
      `/environments/${name}/deploy-lock`,
      { DeploymentsLocked: true, Reason: `  ${freeze} ` },
      0,
    );
    expect(locked.status).withContext(JSON.stringify(locked.body)).toBe(200);
    expect(locked.body.Value).toEqual(
      jasmine.objectContaining({ DeploymentsLocked: true, LockReason: freeze, LockedBy: 'admin' }),
    );
    const lockedAt = Date.parse(locked.body.Value.LockedAt);
    expect(lockedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(lockedAt).toBeLessThanOrEqual(Date.now());
    expect(locked.body.Version).toBe(1);
    expect(locked.headers.get('etag')).toBe('"1"');
    const lock = {
      DeploymentsLocked: true,
      LockReason: freeze,
      LockedBy: 'admin',
      LockedAt: locked.body.Value.LockedAt,
    };
    expect((await admin.get(`/environments/${name}/deploy-lock`)).body).toEqual(lock);
    expect((await admin.get(`/environments/${name}`)).body.Value).toEqual(jasmine.objectContaining(lock));
    expect(
      (await admin.get('/environments')).body.find(
        (e: { EnvironmentName: string }) => e.EnvironmentName === name,
      ).Value,
    ).toEqual(jasmine.objectContaining(lock));
    const stale = await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: false }, 0);
    expect(stale.status).toBe(409);
    const audit = await admin.get(`/audit?Entity.Type=EnvironmentOps&Entity.Key=${name}`);
    expect(audit.body.length).toBe(1);
    expect(audit.body[0].NewValue).toEqual({ ...lock, InMaintenance: false });
  });

  it('unlocks with the v1 body alone, forgetting who locked it, when and why', async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true, Reason: freeze }, 0);
    const unlocked = await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: false }, 1);
    expect(unlocked.status).withContext(JSON.stringify(unlocked.body)).toBe(200);
    const open = { DeploymentsLocked: false, InMaintenance: false };
    expect(unlocked.body.Value).toEqual({
      EnvironmentType: type,
      OwningCluster: team,
      DeploymentMap: map,
      ...open,
    });
    expect(unlocked.body.Version).toBe(2);
    expect((await admin.get(`/environments/${name}/deploy-lock`)).body).toEqual({ DeploymentsLocked: false });
    expect((await admin.get(`/environments/${name}`)).body.Value).not.toEqual(
      jasmine.objectContaining({ LockReason: jasmine.anything() }),
    );
    const audit = await admin.get(`/audit?Entity.Type=EnvironmentOps&Entity.Key=${name}`);
    expect(audit.body.map((e: { NewValue: unknown }) => e.NewValue)).toContain(open);
  });

  it("locks with the original's body (no reason) and refuses a reason over 200 characters, writing nothing", async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/maintenance`, { InMaintenance: true }, 0);
    const tooLong = await admin.put(
      `/environments/${name}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'x'.repeat(201) },
      1,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      { field: 'body.Reason', message: 'must be at most 200 characters' },
    ]);
    const env = await admin.get(`/environments/${name}`);
    expect(env.body.Version).toBe(1);
    expect(env.body.Value.DeploymentsLocked).toBe(false);
    expect((await admin.get(`/audit?Entity.Type=EnvironmentOps&Entity.Key=${name}`)).body.length).toBe(1);

    const v1 = await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true }, 1);
    expect(v1.status).toBe(200);
    expect(v1.body.Value).toEqual(
      jasmine.objectContaining({ DeploymentsLocked: true, LockedBy: 'admin', LockedAt: jasmine.any(String) }),
    );
    expect(v1.body.Value.LockReason).toBeUndefined();
  });

  it('puts an environment in maintenance without touching its lock', async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true, Reason: freeze }, 0);
    const res = await admin.put(`/environments/${name}/maintenance`, { InMaintenance: true }, 1);
    expect(res.body.Value).toEqual(
      jasmine.objectContaining({
        DeploymentsLocked: true,
        LockReason: freeze,
        LockedBy: 'admin',
        InMaintenance: true,
      }),
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
      username: `alice-${name}`,
      grants: [{ Action: 'lock-environments', Clusters: [team], EnvironmentTypes: [type] }],
    });
    const refused = await wrongType.put(
      `/environments/${name}/deploy-lock`,
      { DeploymentsLocked: true, Reason: freeze },
      0,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain(`environment type ${type}`);
    const locked = await right.put(
      `/environments/${name}/deploy-lock`,
      { DeploymentsLocked: true, Reason: freeze },
      0,
    );
    expect(locked.status).toBe(200);
    expect(locked.body.Value.LockedBy).toBe(`alice-${name}`);
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

  it("answers for any action name of the original's free-form ProtectedActions, and refuses a malformed one", async () => {
    // a type as the original wrote it: its own action names beside ours
    const original = (
      await created(admin, '/config/environment-types', {
        EnvironmentType: unique('Type'),
        Value: { ProtectedActions: ['BULK_PATCH_AMI', 'SCHEDULE_ENVIRONMENT', 'deploy'] },
      })
    ).EnvironmentType as string;
    const stored = await admin.get(`/config/environment-types/${original}`);
    expect(stored.body.Value.ProtectedActions).toEqual(['BULK_PATCH_AMI', 'SCHEDULE_ENVIRONMENT', 'deploy']);
    const name = (
      await created(admin, '/config/environments', anEnvironment({ type: original, cluster: team, map }))
    ).EnvironmentName as string;
    const ask = async (action: string) =>
      (await admin.get(`/environments/${name}/protected?action=${encodeURIComponent(action)}`)).body;
    expect(await ask('BULK_PATCH_AMI')).toEqual({ isProtected: true });
    expect(await ask('SCHEDULE_ENVIRONMENT')).toEqual({ isProtected: true });
    expect(await ask('deploy')).toEqual({ isProtected: true });
    expect(await ask('TOGGLE_SERVICE_STATUS')).toEqual({ isProtected: false });
    const bad = await admin.get(`/environments/${name}/protected?action=${encodeURIComponent('drop table')}`);
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors[0].field).toBe('query.action');
    const badType = await admin.post('/config/environment-types', {
      EnvironmentType: unique('Type'),
      Value: { ProtectedActions: ['not an action'] },
    });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].field).toContain('ProtectedActions');
  });

  it('gives 404 for an environment that does not exist', async () => {
    expect((await admin.get('/environments/nowhere')).status).toBe(404);
    expect(
      (await admin.put('/environments/nowhere/deploy-lock', { DeploymentsLocked: true, Reason: freeze }, 0))
        .status,
    ).toBe(404);
  });

  it('forgets the operations state when the environment is deleted', async () => {
    const name = await newEnvironment();
    await admin.put(`/environments/${name}/deploy-lock`, { DeploymentsLocked: true, Reason: freeze }, 0);
    expect((await admin.delete(`/config/environments/${name}`, 1)).status).toBe(200);
    await created(admin, '/config/environments', anEnvironment({ name, type, cluster: team, map }));
    expect((await admin.get(`/environments/${name}`)).body.Value.DeploymentsLocked).toBe(false);
  });
});
