import { givenUser } from '../../fixtures/builders';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from './support/fleet-estate';

describe('Auto Scaling groups (/asgs)', () => {
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

  it("lists the ASGs of the environment's server roles in one DescribeAutoScalingGroups", async () => {
    await sim.control('DELETE', '/_sim/calls');
    const res = await admin.get(`/asgs?environment=${estate.environment}`);
    expect(res.status).toBe(200);
    expect(res.body.map((g: { AutoScalingGroupName: string }) => g.AutoScalingGroupName).sort()).toEqual(
      [estate.webGroup, estate.blueGroup, estate.greenGroup].sort(),
    );
    expect((await sim.control('GET', '/_sim/calls')).body['autoscaling:DescribeAutoScalingGroups']).toBe(1);
  });

  it('shows one ASG with its sizes, instances, tags, suspended processes and target groups', async () => {
    const res = await admin.get(`/asgs/${estate.blueGroup}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      jasmine.objectContaining({
        AutoScalingGroupName: estate.blueGroup,
        MinSize: 0,
        DesiredCapacity: 2,
        MaxSize: 4,
        TargetGroupARNs: [estate.targetGroups.blue],
        SuspendedProcesses: [],
        HealthCheckType: 'ELB',
      }),
    );
    expect(res.body.Tags).toContain(
      jasmine.objectContaining({ Key: 'Environment', Value: estate.environment }),
    );
    expect(res.body.Instances.length).toBe(2);
    for (const i of res.body.Instances) {
      expect(i).toEqual(
        jasmine.objectContaining({
          LifecycleState: 'InService',
          HealthStatus: 'Healthy',
          AvailabilityZone: jasmine.stringMatching(/^eu-west-1[ab]$/),
          LaunchTemplate: jasmine.objectContaining({ LaunchTemplateName: estate.blueGroup, Version: '1' }),
        }),
      );
    }
  });

  it('tells an ASG is ready when every instance is InService and Healthy and desired is reached', async () => {
    expect((await admin.get(`/asgs/${estate.webGroup}/ready`)).body).toEqual({
      ReadyToDeploy: true,
      InstancesByLifecycleState: { InService: 2, Standby: 0 },
      InstancesTotalCount: 2,
    });
  });

  it('gives 404 for an unknown ASG or environment, and for an ASG of another environment', async () => {
    expect((await admin.get('/asgs/no-such-group')).status).toBe(404);
    expect((await admin.get('/asgs/no-such-group/ready')).status).toBe(404);
    expect((await admin.get('/asgs?environment=nowhere')).status).toBe(404);
    expect((await admin.put('/asgs/no-such-group/size', { desired: 1 }, undefined)).status).toBe(404);
    expect((await admin.get(`/asgs/${estate.webGroup}?environment=nowhere`)).status).toBe(404);
  });

  it("resizes an ASG for a member of its role's team, and refuses a user without operate-asgs", async () => {
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'toggle-slices', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const refused = await outsider.put(`/asgs/${estate.webGroup}/size`, { desired: 3 }, undefined);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('operate-asgs');

    const member = await givenUser(admin, {
      grants: [{ Action: 'operate-asgs', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const res = await member.put(`/asgs/${estate.webGroup}/size`, { desired: 3, max: 5 }, undefined);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ min: 0, desired: 3, max: 5 });
    expect((await admin.get(`/asgs/${estate.webGroup}`)).body.DesiredCapacity).toBe(3);
    expect((await admin.get(`/asgs/${estate.webGroup}/ready`)).body.ReadyToDeploy).toBeFalse();
  });

  it("turns AWS's refusal of a size into a 400 naming the field", async () => {
    const res = await admin.put(`/asgs/${estate.webGroup}/size`, { desired: 9 }, undefined);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body.desired', message: jasmine.stringContaining('Desired capacity:9') },
    ]);
    const empty = await admin.put(`/asgs/${estate.webGroup}/size`, {}, undefined);
    expect(empty.status).toBe(400);
  });

  it("refuses a resize with 423 while the environment's deployments are locked", async () => {
    expect(
      (
        await admin.put(
          `/environments/${estate.environment}/deploy-lock`,
          { DeploymentsLocked: true, Reason: 'Capacity review' },
          0,
        )
      ).status,
    ).toBe(200);
    try {
      const res = await admin.put(`/asgs/${estate.webGroup}/size`, { desired: 1 }, undefined);
      expect(res.status).toBe(423);
      expect(res.body.detail).toContain('locked');
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
  });
});
