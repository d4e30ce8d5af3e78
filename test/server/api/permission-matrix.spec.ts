import type { Action } from '@shared/auth/permission';
import {
  aCluster,
  aDeploymentMap,
  anEnvironment,
  anEnvironmentType,
  aService,
  created,
  givenUser,
  unique,
} from '../../fixtures/builders';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';

type Persona = 'anonymous' | 'plain user' | 'wrong cluster' | 'right cluster' | 'admin';

interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly version?: number;
}

interface Case {
  readonly name: string;
  /** `team` endpoints need a grant scoped to the team's cluster; `global` ones need admin everywhere; `self` any signed-in user. */
  readonly scope: 'team' | 'global' | 'self';
  readonly success: number;
  setup(): Promise<Attempt>;
}

const teamActions: Action[] = [
  'deploy',
  'toggle-slices',
  'edit-catalogue',
  'edit-environments',
  'lock-environments',
  'operate-asgs',
];

describe('the permission matrix of every mutating endpoint', () => {
  let tp: TestPortal;
  let admin: ApiClient;
  let team: string;
  let type: string;
  const clients = new Map<Persona, ApiClient>();

  beforeAll(async () => {
    tp = await startTestPortal();
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    team = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    const other = (await created(admin, '/config/clusters', aCluster())).ClusterName;
    type = (await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType;
    clients.set('anonymous', new ApiClient(tp.baseUrl));
    clients.set('plain user', await givenUser(admin));
    clients.set(
      'wrong cluster',
      await givenUser(admin, {
        grants: [...teamActions, 'admin' as const].map((Action) => ({ Action, Clusters: [other] })),
      }),
    );
    clients.set(
      'right cluster',
      await givenUser(admin, { grants: teamActions.map((Action) => ({ Action, Clusters: [team] })) }),
    );
    clients.set('admin', admin);
  });
  afterAll(() => tp.close());

  const group = async (): Promise<string> =>
    (await created(admin, '/groups', { GroupName: unique('g') })).GroupName;
  const service = () => created(admin, '/config/services', aService({ cluster: team }));
  const map = async () =>
    created(admin, '/config/deployment-maps', aDeploymentMap({ roles: [{ cluster: team, services: [] }] }));
  const environment = async () =>
    created(
      admin,
      '/config/environments',
      anEnvironment({ type, cluster: team, map: (await map()).DeploymentMapName }),
    );

  const cases: Case[] = [
    {
      name: 'POST /config/services',
      scope: 'team',
      success: 201,
      setup: async () => ({ method: 'POST', path: '/config/services', body: aService({ cluster: team }) }),
    },
    {
      name: 'PUT /config/services/{name}/{cluster}',
      scope: 'team',
      success: 200,
      setup: async () => {
        const s = await service();
        return {
          method: 'PUT',
          path: `/config/services/${s.ServiceName}/${team}`,
          body: { ...s.Value, Description: 'x' },
          version: 1,
        };
      },
    },
    {
      name: 'DELETE /config/service/{name}',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/service/${(await service()).ServiceName}`,
        version: 1,
      }),
    },
    {
      name: 'DELETE /config/services/{name}/{cluster}',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/services/${(await service()).ServiceName}/${team}`,
        version: 1,
      }),
    },
    {
      name: 'POST /config/environments',
      scope: 'team',
      success: 201,
      setup: async () => ({
        method: 'POST',
        path: '/config/environments',
        body: anEnvironment({ type, cluster: team, map: (await map()).DeploymentMapName }),
      }),
    },
    {
      name: 'PUT /config/environments/{name}',
      scope: 'team',
      success: 200,
      setup: async () => {
        const e = await environment();
        return {
          method: 'PUT',
          path: `/config/environments/${e.EnvironmentName}`,
          body: { ...e.Value, Description: 'x' },
          version: 1,
        };
      },
    },
    {
      name: 'DELETE /config/environments/{name}',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/environments/${(await environment()).EnvironmentName}`,
        version: 1,
      }),
    },
    {
      name: 'POST /config/deployment-maps',
      scope: 'team',
      success: 201,
      setup: async () => ({
        method: 'POST',
        path: '/config/deployment-maps',
        body: aDeploymentMap({ roles: [{ cluster: team, services: [] }] }),
      }),
    },
    {
      name: 'PUT /config/deployment-maps/{name}',
      scope: 'team',
      success: 200,
      setup: async () => {
        const m = await map();
        return {
          method: 'PUT',
          path: `/config/deployment-maps/${m.DeploymentMapName}`,
          body: { ...m.Value, Description: 'x' },
          version: 1,
        };
      },
    },
    {
      name: 'DELETE /config/deployment-maps/{name}',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/deployment-maps/${(await map()).DeploymentMapName}`,
        version: 1,
      }),
    },
    {
      name: 'PUT /environments/{name}/deploy-lock',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/environments/${(await environment()).EnvironmentName}/deploy-lock`,
        body: { DeploymentsLocked: true, Reason: 'Release freeze' },
        version: 0,
      }),
    },
    {
      name: 'PUT /environments/{name}/maintenance',
      scope: 'team',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/environments/${(await environment()).EnvironmentName}/maintenance`,
        body: { InMaintenance: true },
        version: 0,
      }),
    },
    {
      name: 'POST /config/clusters',
      scope: 'global',
      success: 201,
      setup: async () => ({ method: 'POST', path: '/config/clusters', body: aCluster() }),
    },
    {
      name: 'PUT /config/clusters/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/config/clusters/${(await created(admin, '/config/clusters', aCluster())).ClusterName}`,
        body: { ShortName: 'ab' },
        version: 1,
      }),
    },
    {
      name: 'DELETE /config/clusters/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/clusters/${(await created(admin, '/config/clusters', aCluster())).ClusterName}`,
        version: 1,
      }),
    },
    {
      name: 'POST /config/environment-types',
      scope: 'global',
      success: 201,
      setup: async () => ({ method: 'POST', path: '/config/environment-types', body: anEnvironmentType() }),
    },
    {
      name: 'PUT /config/environment-types/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/config/environment-types/${(await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType}`,
        body: { Description: 'x' },
        version: 1,
      }),
    },
    {
      name: 'DELETE /config/environment-types/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/environment-types/${(await created(admin, '/config/environment-types', anEnvironmentType())).EnvironmentType}`,
        version: 1,
      }),
    },
    {
      name: 'POST /config/accounts',
      scope: 'global',
      success: 201,
      setup: async () => ({
        method: 'POST',
        path: '/config/accounts',
        body: {
          AccountNumber: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
          AccountName: unique('acct'),
        },
      }),
    },
    {
      name: 'PUT /config/accounts/{accountNumber}',
      scope: 'global',
      success: 200,
      setup: async () => {
        const a = await created(admin, '/config/accounts', {
          AccountNumber: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
          AccountName: unique('acct'),
        });
        return {
          method: 'PUT',
          path: `/config/accounts/${a.AccountNumber}`,
          body: { AccountName: 'renamed' },
          version: 1,
        };
      },
    },
    {
      name: 'DELETE /config/accounts/{accountNumber}',
      scope: 'global',
      success: 200,
      setup: async () => {
        const a = await created(admin, '/config/accounts', {
          AccountNumber: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
          AccountName: unique('acct'),
        });
        return { method: 'DELETE', path: `/config/accounts/${a.AccountNumber}`, version: 1 };
      },
    },
    {
      name: 'POST /config/permissions',
      scope: 'global',
      success: 201,
      setup: async () => ({
        method: 'POST',
        path: '/config/permissions',
        body: { Name: await group(), Permissions: [] },
      }),
    },
    {
      name: 'PUT /config/permissions/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/config/permissions/${(await created(admin, '/config/permissions', { Name: await group(), Permissions: [] })).Name}`,
        body: [{ Action: 'deploy' }],
        version: 1,
      }),
    },
    {
      name: 'DELETE /config/permissions/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/config/permissions/${(await created(admin, '/config/permissions', { Name: await group(), Permissions: [] })).Name}`,
        version: 1,
      }),
    },
    {
      name: 'PUT /config/import/{resource}',
      scope: 'global',
      success: 200,
      setup: async () => ({ method: 'PUT', path: '/config/import/clusters?mode=merge', body: [aCluster()] }),
    },
    {
      name: 'GET /config/export/{resource}',
      scope: 'global',
      success: 200,
      setup: async () => ({ method: 'GET', path: '/config/export/clusters' }),
    },
    {
      name: 'POST /users',
      scope: 'global',
      success: 201,
      setup: async () => ({
        method: 'POST',
        path: '/users',
        body: { Username: unique('u'), Password: 'a-long-test-password' },
      }),
    },
    {
      name: 'PUT /users/{name}',
      scope: 'global',
      success: 200,
      setup: async () => {
        const u = await created(admin, '/users', { Username: unique('u'), Password: 'a-long-test-password' });
        return {
          method: 'PUT',
          path: `/users/${u.Username}`,
          body: { Groups: [], Disabled: true },
          version: 1,
        };
      },
    },
    {
      name: 'PUT /users/{name}/password',
      scope: 'global',
      success: 200,
      setup: async () => {
        const u = await created(admin, '/users', { Username: unique('u'), Password: 'a-long-test-password' });
        return {
          method: 'PUT',
          path: `/users/${u.Username}/password`,
          body: { Password: 'another-long-password' },
          version: 1,
        };
      },
    },
    {
      name: 'POST /groups',
      scope: 'global',
      success: 201,
      setup: async () => ({ method: 'POST', path: '/groups', body: { GroupName: unique('g') } }),
    },
    {
      name: 'PUT /groups/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'PUT',
        path: `/groups/${(await created(admin, '/groups', { GroupName: unique('g') })).GroupName}`,
        body: { Description: 'On call' },
        version: 1,
      }),
    },
    {
      name: 'DELETE /groups/{name}',
      scope: 'global',
      success: 200,
      setup: async () => ({
        method: 'DELETE',
        path: `/groups/${(await created(admin, '/groups', { GroupName: unique('g') })).GroupName}`,
        version: 1,
      }),
    },
    {
      name: 'POST /user/tokens',
      scope: 'self',
      success: 201,
      setup: async () => ({ method: 'POST', path: '/user/tokens', body: { name: 'ci' } }),
    },
  ];

  const expected = (c: Case, persona: Persona): number => {
    if (persona === 'anonymous') return 401;
    if (persona === 'admin' || c.scope === 'self') return c.success;
    if (persona === 'right cluster' && c.scope === 'team') return c.success;
    return 403;
  };

  for (const c of cases) {
    it(`${c.name}: anonymous 401, plain 403, wrong cluster 403, right cluster ${c.scope === 'team' ? 'allowed' : '403'}, admin allowed`, async () => {
      const seen: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const persona of [
        'anonymous',
        'plain user',
        'wrong cluster',
        'right cluster',
        'admin',
      ] as Persona[]) {
        const attempt = await c.setup();
        const headers =
          attempt.version === undefined ? undefined : { 'expected-version': String(attempt.version) };
        const res = await clients
          .get(persona)!
          .call(attempt.method, attempt.path, { body: attempt.body, headers });
        seen[persona] = res.status;
        want[persona] = expected(c, persona);
      }
      expect(seen).toEqual(want);
    });
  }
});
