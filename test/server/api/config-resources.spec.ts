import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

describe('the config resources', () => {
  let tp: TestPortal;
  let admin: ApiClient;

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(() => tp.close());

  describe('clusters', () => {
    it('go through create, read, update, delete with versions', async () => {
      const body = aCluster({ shortName: 'ab' });
      const made = await admin.post('/config/clusters', body);
      expect(made.status).toBe(201);
      expect(made.body).toEqual({ ...body, Version: 1 });
      expect(made.headers.get('location')).toBe(`/api/v1/config/clusters/${body.ClusterName}`);
      const updated = await admin.put(
        `/config/clusters/${body.ClusterName}`,
        { ShortName: 'cd', GroupEmailAddress: 'team@example.com' },
        1,
      );
      expect(updated.body).toEqual({
        ClusterName: body.ClusterName,
        Value: { ShortName: 'cd', GroupEmailAddress: 'team@example.com' },
        Version: 2,
      });
      expect((await admin.get('/config/clusters')).body).toContain(updated.body);
      expect((await admin.delete(`/config/clusters/${body.ClusterName}`, 1)).status).toBe(409);
      expect((await admin.delete(`/config/clusters/${body.ClusterName}`, 2)).status).toBe(200);
      expect((await admin.get(`/config/clusters/${body.ClusterName}`)).status).toBe(404);
    });

    it('refuse a duplicate name with 409 and keep the first', async () => {
      const body = aCluster({ shortName: 'ab' });
      await created(admin, '/config/clusters', body);
      const again = await admin.post('/config/clusters', { ...body, Value: { ShortName: 'zz' } });
      expect(again.status).toBe(409);
      expect((await admin.get(`/config/clusters/${body.ClusterName}`)).body.Value.ShortName).toBe('ab');
    });

    it('refuse a short name that is not 2-4 lower-case letters', async () => {
      const res = await admin.post('/config/clusters', {
        ClusterName: unique('T'),
        Value: { ShortName: 'TOOLONG' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.Value.ShortName');
    });
  });

  describe('environments and their references', () => {
    let team: string;
    let type: string;
    let map: string;

    beforeAll(async () => {
      team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
      type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
      map = (
        await created(
          admin,
          '/config/deployment-maps',
          aDeploymentMap({ roles: [{ cluster: team, services: [] }] }),
        )
      ).DeploymentMapName;
    });

    it('refuse an environment whose type, cluster and map do not exist, naming each field', async () => {
      const res = await admin.post(
        '/config/environments',
        anEnvironment({ type: 'NoType', cluster: 'NoTeam', map }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'body.Value.EnvironmentType', message: 'EnvironmentType NoType does not exist' },
        { field: 'body.Value.OwningCluster', message: 'Cluster NoTeam does not exist' },
      ]);
      const noMap = await admin.post(
        '/config/environments',
        anEnvironment({ type, cluster: team, map: 'NoMap' }),
      );
      expect(noMap.body.errors).toEqual([
        { field: 'body.Value.DeploymentMap', message: 'DeploymentMap NoMap does not exist' },
      ]);
    });

    it('filter the list by environmentType and cluster', async () => {
      const otherType = (await created(admin, '/config/environment-types', anEnvironmentType()))
        .EnvironmentType;
      const a = await created(admin, '/config/environments', anEnvironment({ type, cluster: team, map }));
      const b = await created(
        admin,
        '/config/environments',
        anEnvironment({ type: otherType, cluster: team, map }),
      );
      const byType = await admin.get(`/config/environments?environmentType=${otherType}`);
      expect(byType.body).toEqual([b]);
      const byCluster = await admin.get(`/config/environments?cluster=${team}&environmentType=${type}`);
      expect(byCluster.body.map((e: { EnvironmentName: string }) => e.EnvironmentName)).toContain(
        a.EnvironmentName,
      );
      expect(byCluster.body.map((e: { EnvironmentName: string }) => e.EnvironmentName)).not.toContain(
        b.EnvironmentName,
      );
    });

    it('keep what an environment refers to from being deleted, naming the environment, until it moves away', async () => {
      const newType = (await created(admin, '/config/environment-types', anEnvironmentType()))
        .EnvironmentType;
      const env = await created(
        admin,
        '/config/environments',
        anEnvironment({ type: newType, cluster: team, map }),
      );
      const refused = await admin.delete(`/config/environment-types/${newType}`, 1);
      expect(refused.status).toBe(409);
      expect(refused.body.referrers).toEqual([`Environment:${env.EnvironmentName}`]);
      expect(refused.body.detail).toContain(`Environment:${env.EnvironmentName}`);
      const wrong = await admin.put(
        `/config/environments/${env.EnvironmentName}`,
        { ...env.Value, EnvironmentType: 'NoType' },
        1,
      );
      expect(wrong.body.errors).toEqual([
        { field: 'body.EnvironmentType', message: 'EnvironmentType NoType does not exist' },
      ]);
      const moved = await admin.put(
        `/config/environments/${env.EnvironmentName}`,
        { ...env.Value, EnvironmentType: type },
        1,
      );
      expect(moved.status).toBe(200);
      expect((await admin.delete(`/config/environment-types/${newType}`, 1)).status).toBe(200);
    });
  });

  describe('deployment maps', () => {
    it('need their services and clusters to exist, and hold them while they refer to them', async () => {
      const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
      const svc = await created(admin, '/config/services', aService({ cluster: team }));
      const bad = await admin.post(
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [svc.ServiceName, 'Ghost'] }] }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        {
          field: 'body.Value.DeploymentTarget.0.Services.1.ServiceName',
          message: 'Service Ghost does not exist',
        },
      ]);
      const map = await created(
        admin,
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [svc.ServiceName] }] }),
      );
      expect((await admin.delete(`/config/clusters/${team}`, 1)).body.referrers).toEqual([
        `DeploymentMap:${map.DeploymentMapName}`,
        `Service:${svc.ServiceName}`,
      ]);
      const emptied = await admin.put(
        `/config/deployment-maps/${map.DeploymentMapName}`,
        { DeploymentTarget: [] },
        1,
      );
      expect(emptied.status).toBe(200);
      expect((await admin.delete(`/config/service/${svc.ServiceName}`, 1)).status).toBe(200);
      expect((await admin.delete(`/config/clusters/${team}`, 1)).status).toBe(200);
    });

    it('refuse a deleted service', async () => {
      const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
      const svc = await created(admin, '/config/services', aService({ cluster: team }));
      await admin.delete(`/config/service/${svc.ServiceName}`, 1);
      const res = await admin.post(
        '/config/deployment-maps',
        aDeploymentMap({ roles: [{ cluster: team, services: [svc.ServiceName] }] }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toBe(`Service ${svc.ServiceName} is deleted`);
    });

    it('refuse capacities out of order and duplicate role names', async () => {
      const team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
      const body = aDeploymentMap({
        roles: [
          { role: 'web', cluster: team, services: [] },
          { role: 'web', cluster: team, services: [] },
        ],
      });
      body.Value.DeploymentTarget[0]!.AutoScalingSettings = {
        MinCapacity: 3,
        DesiredCapacity: 2,
        MaxCapacity: 4,
      };
      const res = await admin.post('/config/deployment-maps', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'body.Value.DeploymentTarget',
        'body.Value.DeploymentTarget.0.AutoScalingSettings.DesiredCapacity',
      ]);
    });
  });

  describe('accounts', () => {
    it('take the original integer account number and keep it as 12 digits', async () => {
      const res = await admin.post('/config/accounts', {
        AccountNumber: 123456789012,
        AccountName: unique('prod'),
      });
      expect(res.status).toBe(201);
      expect(res.body.AccountNumber).toBe('123456789012');
      expect(res.body.IncludeAMIs).toBe(false);
      const updated = await admin.put(
        '/config/accounts/123456789012',
        { AccountName: 'renamed', RoleArn: 'arn:aws:iam::123456789012:role/em' },
        1,
      );
      expect(updated.body).toEqual({
        AccountNumber: '123456789012',
        AccountName: 'renamed',
        IncludeAMIs: false,
        RoleArn: 'arn:aws:iam::123456789012:role/em',
        Version: 2,
      });
    });
    it('are not deleted while an environment type names them, by number or by name (409 naming the types, nothing deleted)', async () => {
      const number = '246813579024';
      const name = unique('acct');
      await created(admin, '/config/accounts', { AccountNumber: number, AccountName: name });
      const byNumber = anEnvironmentType();
      const byName = anEnvironmentType();
      await created(admin, '/config/environment-types', {
        ...byNumber,
        Value: { ...byNumber.Value, AWSAccountNumber: number },
      });
      await created(admin, '/config/environment-types', {
        ...byName,
        Value: { ...byName.Value, AWSAccountName: name },
      });
      const refused = await admin.delete(`/config/accounts/${number}`, 1);
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.detail).toContain(byNumber.EnvironmentType);
      expect([...refused.body.referrers].sort()).toEqual(
        [`EnvironmentType:${byNumber.EnvironmentType}`, `EnvironmentType:${byName.EnvironmentType}`].sort(),
      );
      expect((await admin.get(`/config/accounts/${number}`)).status).toBe(200);
      // once no type names it, it goes
      expect((await admin.delete(`/config/environment-types/${byNumber.EnvironmentType}`, 1)).status).toBe(
        200,
      );
      expect((await admin.delete(`/config/environment-types/${byName.EnvironmentType}`, 1)).status).toBe(200);
      expect((await admin.delete(`/config/accounts/${number}`, 1)).status).toBe(200);
      expect((await admin.get(`/config/accounts/${number}`)).status).toBe(404);
    });
  });

  describe('permissions', () => {
    it('store typed grants with scopes defaulting to all, and refuse unknown actions', async () => {
      const name = (await created(admin, '/groups', { GroupName: unique('grp') })).GroupName;
      const team = (await created(admin, '/config/clusters', aCluster({ name: 'A' }))).ClusterName;
      expect(team).toBe('A');
      const res = await admin.post('/config/permissions', {
        Name: name,
        Permissions: [{ Action: 'deploy', Clusters: ['A'] }],
      });
      expect(res.body).toEqual({
        Name: name,
        Permissions: [{ Action: 'deploy', Clusters: ['A'], EnvironmentTypes: 'all' }],
        Version: 1,
      });
      const bad = await admin.put(`/config/permissions/${name}`, [{ Action: 'launch-missiles' }], 1);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('body.0.Action');
      const ok = await admin.put(
        `/config/permissions/${name}`,
        [{ Action: 'admin', Clusters: 'all', EnvironmentTypes: 'all' }],
        1,
      );
      expect(ok.body.Version).withContext(JSON.stringify(ok.body)).toBe(2);
    });

    it('belong to an existing user or group and scope only to clusters and types that exist', async () => {
      const res = await admin.post('/config/permissions', {
        Name: 'nobody-at-all',
        Permissions: [{ Action: 'deploy', Clusters: ['NoTeam'], EnvironmentTypes: ['NoType'] }],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'body.Name', message: 'no user or group is named nobody-at-all' },
        { field: 'body.Permissions.0.Clusters.0', message: 'Cluster NoTeam does not exist' },
        { field: 'body.Permissions.0.EnvironmentTypes.0', message: 'EnvironmentType NoType does not exist' },
      ]);
      const group = (await created(admin, '/groups', { GroupName: unique('grp') })).GroupName;
      await created(admin, '/config/permissions', { Name: group, Permissions: [] });
      const update = await admin.put(
        `/config/permissions/${group}`,
        [{ Action: 'deploy', Clusters: ['NoTeam'] }],
        1,
      );
      expect(update.body.errors).toEqual([
        { field: 'body.0.Clusters.0', message: 'Cluster NoTeam does not exist' },
      ]);
    });
  });
});
