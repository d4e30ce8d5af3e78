import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { created, givenUser, unique } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

/**
 * The original's fleet and service operations, as its scripts call them: the ASG list without an
 * environment (and by account), PUT and DELETE /asgs/{name}, the ASG's IPs and servers, the account
 * name, a service in an environment, its ASGs, health and installation check.
 */
describe("the original's fleet and service operations", () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let accountName: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    accountName = unique('acct').toLowerCase();
    await created(admin, '/config/accounts', { AccountName: accountName, AccountNumber: '210987654321' });
    const type = await admin.get(`/config/environment-types/${estate.type}`);
    const moved = await admin.put(
      `/config/environment-types/${estate.type}`,
      { ...type.body.Value, AWSAccountNumber: '210987654321' },
      type.body.Version,
    );
    expect(moved.status).withContext(JSON.stringify(moved.body)).toBe(200);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const names = (groups: { AutoScalingGroupName: string }[]) =>
    groups.map((g) => g.AutoScalingGroupName).sort();
  const ours = () => [estate.webGroup, estate.blueGroup, estate.greenGroup].sort();

  it("lists every ASG of the account without an environment, an account's by name or number, and the -ec2 twin", async () => {
    const all = await admin.get('/asgs');
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual(jasmine.arrayContaining(ours()));
    expect(names((await admin.get(`/asgs?account=${accountName}`)).body)).toEqual(ours());
    expect(names((await admin.get('/asgs?account=210987654321')).body)).toEqual(ours());
    expect(names((await admin.get('/asgs-ec2?account=210987654321')).body)).toEqual(ours());
    const unknown = await admin.get('/asgs?account=nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect((await admin.get(`/asgs-ec2/${estate.webGroup}`)).body.AutoScalingGroupName).toBe(estate.webGroup);
    expect(
      names(
        (await admin.get(`/services?account=${accountName}`)).body.map((s: { Name: string }) => ({
          AutoScalingGroupName: s.Name,
        })),
      ),
    ).toEqual([estate.apiService, estate.webService].sort());
  });

  it("answers the environment's account name as bare text, or a JSON string to a JSON-only client", async () => {
    const text = await admin.get(`/environments/${estate.environment}/accountName`);
    expect(text.status).toBe(200);
    expect(text.contentType).toContain('text/plain');
    expect(text.body).toBe(accountName);
    const json = await admin.get(`/environments/${estate.environment}/accountName`, {
      headers: { accept: 'application/json' },
    });
    expect(json.body).toBe(accountName);
    expect(json.contentType).toContain('application/json');
  });

  it("lists an ASG's instances with their private addresses", async () => {
    const res = await admin.get(`/asgs/${estate.webGroup}/ips?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(2);
    for (const i of res.body) {
      expect(i).toEqual({
        InstanceId: jasmine.stringMatching(/^i-/),
        PrivateIpAddress: jasmine.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        AvailabilityZone: jasmine.stringMatching(/^eu-west-1[ab]$/),
        LifecycleState: 'InService',
        State: 'running',
      });
    }
    // as /asgs/{name}: the environment is optional, and must be the ASG's when given
    expect((await admin.get(`/asgs/${estate.webGroup}/ips`)).body.length).toBe(2);
    expect((await admin.get(`/asgs/${estate.webGroup}/ips?environment=nowhere`)).status).toBe(404);
  });

  it("shows an ASG's servers: expected services against each instance's, with the counts the original's clients read", async () => {
    const res = await admin.get(`/environments/${estate.environment}/servers/${estate.webGroup}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        Name: estate.webGroup,
        Role: 'web',
        ServicesCount: { Expected: 1, Unexpected: 0, Missing: 0, Ignored: 0 },
        AllExpectedServicesPresent: true,
        AllExpectedServicesHealthy: true,
        ExpectedServices: [{ Name: estate.webService, Version: '1.0.0', Slice: 'none' }],
        MissingServices: [],
      }),
    );
    expect(res.body.Services).toEqual([
      jasmine.objectContaining({
        Name: estate.webService,
        Version: '1.0.0',
        Action: 'Install',
        InstancesCount: { Healthy: 2, Total: 2 },
        OverallHealth: 'Healthy',
      }),
    ]);
    expect(res.body.Instances.length).toBe(2);
    expect(
      res.body.Instances.every((i: { RunningServicesCount: number }) => i.RunningServicesCount === 1),
    ).toBeTrue();

    // the green slice launches 2.1.0, but nothing runs there: its service is missing
    const green = await admin.get(`/environments/${estate.environment}/servers/${estate.greenGroup}`);
    expect(green.body.ServicesCount).toEqual({ Expected: 1, Unexpected: 0, Missing: 1, Ignored: 0 });
    expect(green.body.MissingServices).toEqual([
      { Name: estate.apiService, Version: '2.1.0', Slice: 'green' },
    ]);
    expect(green.body.AllExpectedServicesPresent).toBeFalse();

    expect((await admin.get(`/environments/${estate.environment}/servers/no-such-asg`)).status).toBe(404);
  });

  it('shows a service in an environment, its ASGs by slice, and 404 for one not in the map', async () => {
    const res = await admin.get(`/services/${estate.apiService}?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      Name: estate.apiService,
      EnvironmentName: estate.environment,
      ServerRoles: [
        {
          ServerRole: 'api',
          OwningCluster: estate.cluster,
          FleetPerSlice: true,
          AutoScalingGroups: [estate.blueGroup, estate.greenGroup],
          Versions: [{ Version: '2.0.0', Slice: 'blue', InstanceCount: 2 }],
        },
      ],
    });
    const asgs = `/services/${estate.apiService}/asgs?environment=${estate.environment}`;
    expect(names((await admin.get(asgs)).body)).toEqual([estate.blueGroup, estate.greenGroup].sort());
    expect(names((await admin.get(`${asgs}&slice=green`)).body)).toEqual([estate.greenGroup]);
    expect((await admin.get(`/services/nothing-here?environment=${estate.environment}`)).status).toBe(404);
    const badSlice = await admin.get(`${asgs}&slice=purple`);
    expect(badSlice.status).toBe(400);
    expect(badSlice.body.errors[0].field).toBe('query.slice');
  });

  it("tells a service's health overall and by slice, with the original's counts", async () => {
    const res = await admin.get(`/services/${estate.apiService}/health?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        Name: estate.apiService,
        OverallHealth: 'Healthy',
        InstancesCount: { Healthy: 2, Total: 2 },
        desiredCount: 2,
        desiredAndHealthyCount: 2,
        undesiredCount: 0,
      }),
    );
    expect(res.body.Slices.map((s: { slice: string }) => s.slice)).toEqual(['blue', 'green']);
    const blue = await admin.get(
      `/services/${estate.apiService}/health/blue?environment=${estate.environment}`,
    );
    expect(blue.body).toEqual([
      {
        name: `${estate.environment}-${estate.apiService}-blue`,
        environment: estate.environment,
        service: estate.apiService,
        slice: 'blue',
        desiredCount: 2,
        desiredAndHealthyCount: 2,
        undesiredCount: 0,
        roles: [{ name: 'api', desiredCount: 2, healthyCount: 2, unhealthyCount: 0, 'failing-checks': [] }],
        orphanedInstances: [],
        OverallHealth: 'Healthy',
        InstancesCount: { Healthy: 2, Total: 2 },
      },
    ]);
    const none = await admin.get(
      `/services/${estate.apiService}/health/none?environment=${estate.environment}`,
    );
    expect(none.status).toBe(404);
    expect(none.body.detail).toContain('blue, green');
    const web = await admin.get(
      `/services/${estate.webService}/health/none?environment=${estate.environment}`,
    );
    expect(web.body[0].desiredAndHealthyCount).toBe(2);
  });

  it('checks that every instance of a slice runs the version its ASG launches with', async () => {
    const blue = await admin.get(
      `/services/${estate.apiService}/installationcheck/blue?environment=${estate.environment}`,
    );
    expect(blue.status).toBe(200);
    expect(blue.body).toEqual(
      jasmine.objectContaining({
        ServiceName: estate.apiService,
        Slice: 'blue',
        ExpectedVersion: '2.0.0',
        AllInstalled: true,
        InstancesCount: { Installed: 2, Total: 2 },
      }),
    );
    const green = await admin.get(
      `/services/${estate.apiService}/installationcheck/green?environment=${estate.environment}`,
    );
    expect(green.body).toEqual(
      jasmine.objectContaining({
        ExpectedVersion: '2.1.0',
        AllInstalled: false,
        InstancesCount: { Installed: 0, Total: 0 },
      }),
    );
  });

  it('changes the settings PUT /asgs/{name} governs, ignores the state sent back, and names any other change', async () => {
    const group = (await admin.get(`/asgs/${estate.webGroup}`)).body;
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const path = `/asgs/${estate.webGroup}?environment=${estate.environment}`;
    const refused = await outsider.put(path, { MaxSize: 6 }, undefined);
    expect(refused.status).toBe(403);

    // what GET gave, sent back with new settings (its instances and times are state: ignored)
    const res = await admin.put(
      path,
      {
        ...group,
        MaxSize: 6,
        DefaultCooldown: 120,
        HealthCheckGracePeriod: 90,
        TerminationPolicies: ['OldestInstance'],
      },
      undefined,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({ MaxSize: 6, DefaultCooldown: 120, HealthCheckGracePeriod: 90 }),
    );
    const stored = (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
    expect([stored.MaxSize, stored.DefaultCooldown, stored.HealthCheckGracePeriod]).toEqual([6, 120, 90]);
    expect(stored.TerminationPolicies).toEqual(['OldestInstance']);
    expect(stored.DesiredCapacity).toBe(2);

    const zones = await admin.put(path, { AvailabilityZones: ['eu-west-1c'], MaxSize: 3 }, undefined);
    expect(zones.status).toBe(400);
    expect(zones.body.errors).toEqual([
      { field: 'body.AvailabilityZones', message: jasmine.stringContaining('cannot be changed') },
    ]);
    const sizes = await admin.put(path, { MinSize: 5, MaxSize: 4 }, undefined);
    expect(sizes.status).toBe(400);
    expect(sizes.body.errors.map((e: { field: string }) => e.field)).toContain('body.MinSize');
    const unknown = await admin.put(path, { Colour: 'red' }, undefined);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('body.Colour');
    // nothing of the refused changes was written
    const after = (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
    expect([after.MinSize, after.MaxSize]).toEqual([0, 6]);
  });

  it('deletes an ASG only when no deployment works on it and deployments are unlocked', async () => {
    const queued = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.1.0',
    });
    expect(queued.status).toBe(202);
    const busy = await admin.delete(`/asgs/${estate.webGroup}?environment=${estate.environment}`, undefined);
    expect(busy.status).toBe(409);
    expect(busy.body.detail).toContain(queued.body.id);

    const path = `/asgs/${estate.greenGroup}?environment=${estate.environment}`;
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    expect((await outsider.delete(path, undefined)).status).toBe(403);
    expect((await admin.as(undefined).delete(path, undefined)).status).toBe(401);
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Audit' },
      0,
    );
    try {
      expect((await admin.delete(path, undefined)).status).toBe(423);
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
    const res = await admin.delete(path, undefined);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ Ok: true });
    const left = await sim.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.greenGroup] }),
    );
    expect(left.AutoScalingGroups).toEqual([]);
  });
});
