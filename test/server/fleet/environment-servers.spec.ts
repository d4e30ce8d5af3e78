import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

describe('the running fleet of an environment (/environments/{name}/servers, /services)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;

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

  it("answers the original's object: each ASG in Value, then each server role with its ASGs and slice weights", async () => {
    const res = await admin.get(`/environments/${estate.environment}/servers`);
    expect(res.status).toBe(200);
    expect(res.body.EnvironmentName).toBe(estate.environment);
    // the original's Value: one item per ASG that exists (the empty green one too), its fields first
    expect(res.body.Value).toEqual([
      {
        Name: estate.webGroup,
        Role: 'web',
        Cluster: estate.cluster,
        Status: { Status: 'Healthy', Reason: '' },
        Schedule: '',
        IsBeingDeleted: false,
        Size: { Current: 2, Desired: 2 },
        Services: [
          { Name: estate.webService, FriendlyName: estate.webService, Version: '1.0.0', Slice: 'none' },
        ],
        // the image the group launches new instances with (aws-sim's oldest base image, not the latest stable)
        Ami: {
          Name: 'em-base-2026.9.0',
          Age: Math.floor((Date.now() - Date.parse('2026-09-01T08:00:00.000Z')) / 86_400_000),
          IsLatestStable: false,
        },
        InServiceCount: 2,
        HealthyCount: 2,
      },
      jasmine.objectContaining({
        Name: estate.blueGroup,
        Role: 'api',
        Slice: 'blue',
        Size: { Current: 2, Desired: 2 },
        Services: [
          { Name: estate.apiService, FriendlyName: estate.apiService, Version: '2.0.0', Slice: 'blue' },
        ],
        Ami: jasmine.objectContaining({ Name: 'em-base-2026.9.0', IsLatestStable: false }),
      }),
      jasmine.objectContaining({ Name: estate.greenGroup, Slice: 'green', Size: { Current: 0, Desired: 0 } }),
    ]);
    expect(res.body.ServerRoles.length).toBe(2);
    const [web, api] = res.body.ServerRoles;
    expect(web).toEqual({
      Name: estate.webGroup,
      Role: 'web',
      Cluster: estate.cluster,
      FleetPerSlice: false,
      HostedServices: [estate.webService],
      Services: [{ Name: estate.webService, Version: '1.0.0', Slice: 'none', InstanceCount: 2 }],
      Size: { Current: 2, Desired: 2 },
      Status: { Status: 'Healthy' },
      AutoScalingGroups: [
        {
          Name: estate.webGroup,
          Exists: true,
          Size: { Current: 2, Desired: 2 },
          InServiceCount: 2,
          HealthyCount: 2,
          Services: [{ Name: estate.webService, Version: '1.0.0', Slice: 'none', InstanceCount: 2 }],
        },
      ],
    });
    expect(api.FleetPerSlice).toBeTrue();
    expect(api.Services).toEqual([
      { Name: estate.apiService, Version: '2.0.0', Slice: 'blue', InstanceCount: 2 },
    ]);
    expect(
      api.AutoScalingGroups.map((g: { Name: string; Slice: string; Size: unknown }) => [
        g.Name,
        g.Slice,
        g.Size,
      ]),
    ).toEqual([
      [estate.blueGroup, 'blue', { Current: 2, Desired: 2 }],
      [estate.greenGroup, 'green', { Current: 0, Desired: 0 }],
    ]);
    expect(api.Slices).toEqual([
      { Name: 'blue', Weight: 100, State: 'Active' },
      { Name: 'green', Weight: 0, State: 'Inactive' },
    ]);
  });

  it('reads each launch template version once, however often the servers are asked for', async () => {
    await sim.control('DELETE', '/_sim/calls');
    await admin.get(`/environments/${estate.environment}/servers`);
    await admin.get(`/environments/${estate.environment}/servers`);
    const calls = (await sim.control('GET', '/_sim/calls')).body as Record<string, number>;
    expect(calls['ec2:DescribeLaunchTemplateVersions'] ?? 0).toBe(0);
    expect(calls['autoscaling:DescribeAutoScalingGroups']).toBe(2);
    // the groups launch from $Latest: one DescribeLaunchTemplates a request resolves it; images are cached
    expect(calls['ec2:DescribeLaunchTemplates']).toBe(2);
    expect(calls['ec2:DescribeImages'] ?? 0).toBe(0);
  });

  it('lists the services running in the environment with their versions, slices and roles', async () => {
    const res = await admin.get(`/services?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      [
        {
          Name: estate.apiService,
          EnvironmentName: estate.environment,
          ServerRole: 'api',
          OwningCluster: estate.cluster,
          Versions: [{ Version: '2.0.0', Slice: 'blue', InstanceCount: 2 }],
        },
        {
          Name: estate.webService,
          EnvironmentName: estate.environment,
          ServerRole: 'web',
          OwningCluster: estate.cluster,
          Versions: [{ Version: '1.0.0', Slice: 'none', InstanceCount: 2 }],
        },
      ].sort((a, b) => a.Name.localeCompare(b.Name)),
    );
  });

  it('lists the services of every environment without one, as the original did', async () => {
    const res = await admin.get('/services');
    expect(res.status).toBe(200);
    const ours = res.body.filter(
      (s: { EnvironmentName: string }) => s.EnvironmentName === estate.environment,
    );
    expect(ours.map((s: { Name: string }) => s.Name).sort()).toEqual(
      [estate.apiService, estate.webService].sort(),
    );
  });

  it('gives 404 for an environment that does not exist, and 400 for a malformed one', async () => {
    expect((await admin.get('/environments/nowhere/servers')).status).toBe(404);
    expect((await admin.get('/services?environment=nowhere')).status).toBe(404);
    const bad = await admin.get('/services?environment=no%20spaces');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.environment');
  });
});
