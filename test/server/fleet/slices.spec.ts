import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import {
  givenFleetEstate,
  scaleGroup,
  targetsHealthy,
  versionBehind,
  type FleetEstate,
} from './support/fleet-estate';

describe('blue/green slices (/services/{service}/slices)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  const slicesOf = (service: string) => `/services/${service}/slices?environment=${estate.environment}`;
  const toggleOf = (service: string) =>
    `/services/${service}/slices/toggle?environment=${estate.environment}`;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  it('shows the blue slice active with its version and health, and the green one empty', async () => {
    const res = await admin.get(slicesOf(estate.apiService));
    expect(res.status).toBe(200);
    const common = {
      EnvironmentName: estate.environment,
      ServiceName: estate.apiService,
      ServerRole: 'api',
      OwningCluster: estate.cluster,
    };
    expect(res.body).toEqual([
      {
        ...common,
        Name: 'blue',
        State: 'Active',
        Weight: 100,
        Version: '2.0.0',
        InstanceCount: 2,
        HealthyCount: 2,
      },
      {
        ...common,
        Name: 'green',
        State: 'Inactive',
        Weight: 0,
        Version: null,
        InstanceCount: 0,
        HealthyCount: 0,
      },
    ]);
    const active = await admin.get(`${slicesOf(estate.apiService)}&active=true`);
    expect(active.body.map((s: { Name: string }) => s.Name)).toEqual(['blue']);
  });

  it('has no slices for a service of a role without a fleet per slice, and 404 for a service not in the map', async () => {
    expect((await admin.get(slicesOf(estate.webService))).body).toEqual([]);
    expect((await admin.get(slicesOf('Unmapped'))).status).toBe(404);
    expect((await admin.put(toggleOf('Unmapped'), undefined, undefined)).status).toBe(404);
    expect((await admin.get(`/services/${estate.apiService}/slices?environment=nowhere`)).status).toBe(404);
  });

  it('refuses a toggle to a user without toggle-slices for the role', async () => {
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const res = await outsider.put(toggleOf(estate.apiService), undefined, undefined);
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('toggle-slices');
  });

  it('refuses a toggle with 423 while the environment is locked', async () => {
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Cut-over rehearsal' },
      0,
    );
    try {
      expect((await admin.put(toggleOf(estate.apiService), undefined, undefined)).status).toBe(423);
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
  });

  it('refuses to send traffic to an empty slice', async () => {
    const res = await admin.put(toggleOf(estate.apiService), undefined, undefined);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('green slice has no registered targets');
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');
  });

  it('refuses to send traffic to an unhealthy slice, then toggles once it is healthy', async () => {
    await sim.control('PUT', '/_sim/faults/unhealthy-versions', [
      { service: estate.apiService, version: '2.1.0' },
    ]);
    await scaleGroup(sim, estate.greenGroup, 1);
    await targetsHealthy(sim, estate.targetGroups.green, 1, 'unhealthy');
    const refused = await admin.put(toggleOf(estate.apiService), undefined, undefined);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('green slice is not healthy');
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.0.0');

    await sim.control('DELETE', '/_sim/faults');
    await targetsHealthy(sim, estate.targetGroups.green, 1);
    const member = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const res = await member.put(toggleOf(estate.apiService), undefined, undefined);
    expect(res.status).toBe(200);
    expect(
      res.body.map((s: { Name: string; State: string; Weight: number; Version: string | null }) => [
        s.Name,
        s.State,
        s.Weight,
        s.Version,
      ]),
    ).toEqual([
      ['blue', 'Inactive', 0, '2.0.0'],
      ['green', 'Active', 100, '2.1.0'],
    ]);
    expect(await versionBehind(sim, estate.listenerArn)).toBe('2.1.0');
    const servers = await admin.get(`/environments/${estate.environment}/servers`);
    expect(servers.body.ServerRoles[1].Slices).toEqual([
      { Name: 'blue', Weight: 0, State: 'Inactive' },
      { Name: 'green', Weight: 100, State: 'Active' },
    ]);
  });
});
