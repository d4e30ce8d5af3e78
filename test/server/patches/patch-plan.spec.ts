import { EnterStandbyCommand, ExitStandbyCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { givenUser } from '../../fixtures/builders';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

interface Planned {
  AutoScalingGroupName: string;
  Action: string;
  Image: { Name: string };
  NextImage: { Name: string };
  InstanceCount: number;
  ScaleOutTo: number;
}
interface LeftOut {
  AutoScalingGroupName: string;
  Reason: string;
  Detail: string;
}

/** The plan of an image patch (`POST /patches?dry_run=true`) against an estate in aws-sim. */
describe('patch plans (POST /patches?dry_run=true)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let launchImage: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    // the estate's groups launch from the account's first image
    const first = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!;
    launchImage = first.Name!;
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const plan = (body: Record<string, unknown>, as: ApiClient = admin) =>
    as.post('/patches?dry_run=true', { environment: estate.environment, ...body });
  const groups = (body: { Groups: Planned[] }) =>
    body.Groups.map((g) => [g.AutoScalingGroupName, g.Action, g.NextImage.Name]).sort();
  const leftOut = (body: { LeftOut: LeftOut[] }) =>
    body.LeftOut.map((g) => [g.AutoScalingGroupName, g.Reason]).sort();

  it("plans each group onto its type's latest stable image: doubled and halved, the idle slice's template only", async () => {
    const res = await plan({});
    expect(res.status).toBe(200);
    expect(launchImage).toBe('em-base-2026.9.0');
    expect(res.body).toEqual(
      jasmine.objectContaining({
        EnvironmentName: estate.environment,
        EnvironmentType: estate.type,
        ToImage: 'latest-stable',
        MaxParallel: 1,
        OnFailure: 'stop',
        RequiresApproval: false,
        LeftOut: [],
      }),
    );
    expect(groups(res.body)).toEqual(
      [
        [estate.webGroup, 'scale-up', 'em-base-2026.10.0'],
        [estate.blueGroup, 'scale-up', 'em-base-2026.10.0'],
        [estate.greenGroup, 'template-only', 'em-base-2026.10.0'],
      ].sort(),
    );
    const web = res.body.Groups.find((g: Planned) => g.AutoScalingGroupName === estate.webGroup);
    expect(web).toEqual(
      jasmine.objectContaining({
        Image: jasmine.objectContaining({ Name: 'em-base-2026.9.0' }),
        InstanceCount: 2,
        ScaleOutTo: 4,
        AvailabilityZones: 2,
      }),
    );
  });

  it('moves to a named image (an unstable one too), and says no newer image for the one a group is on', async () => {
    const named = await plan({ toImage: 'em-base-2026.11.0', maxParallel: 2, onFailure: 'continue' });
    expect(named.status).toBe(200);
    expect(named.body.MaxParallel).toBe(2);
    expect(groups(named.body).map((g) => g[2])).toEqual(Array(3).fill('em-base-2026.11.0'));
    const same = await plan({ toImage: launchImage });
    expect(same.body.Groups).toEqual([]);
    expect(leftOut(same.body).map((g) => g[1])).toEqual(Array(3).fill('no-newer-image'));
  });

  it('keeps to the groups included, leaves out those excluded, and refuses names that are not there', async () => {
    const only = await plan({
      asgs: { include: [estate.webGroup, estate.blueGroup], exclude: [estate.blueGroup] },
    });
    expect(groups(only.body)).toEqual([[estate.webGroup, 'scale-up', 'em-base-2026.10.0']]);
    expect(only.body.LeftOut).toEqual([]);
    const unknown = await plan({ asgs: { include: ['nowhere-web'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'body.asgs.include', message: jasmine.any(String) }]);
    const image = await plan({ toImage: 'em-base-1999.1.0' });
    expect(image.status).toBe(400);
    expect(image.body.errors[0].field).toBe('body.toImage');
    const bad = await plan({ maxParallel: 0, onFailure: 'retry' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.maxParallel',
      'body.onFailure',
    ]);
    expect((await plan({ cluster: 'NoSuchCluster' })).body.Groups).toEqual([]);
  });

  it('leaves out every group of a caller without patch-images for their cluster, and plans them for one with it', async () => {
    const deployer = await givenUser(admin, {
      grants: [{ Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const refused = await plan({}, deployer);
    expect(refused.body.Groups).toEqual([]);
    expect(leftOut(refused.body).map((g) => g[1])).toEqual(Array(3).fill('not-allowed'));
    expect(refused.body.LeftOut[0].Detail).toContain('patch-images');
    const patcher = await givenUser(admin, {
      grants: [{ Action: 'patch-images', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    expect((await plan({}, patcher)).body.Groups.length).toBe(3);
  });

  it('leaves out a group with an instance in standby, and one a deployment works on', async () => {
    const instance = (await admin.get(`/asgs/${estate.blueGroup}`)).body.Instances[0].InstanceId;
    await sim.autoScaling.send(
      new EnterStandbyCommand({
        AutoScalingGroupName: estate.blueGroup,
        InstanceIds: [instance],
        ShouldDecrementDesiredCapacity: false,
      }),
    );
    const deployment = await admin.post('/deployments', {
      environment: estate.environment,
      service: estate.webService,
      version: '1.1.0',
    });
    expect(deployment.status).toBe(202);
    try {
      const res = await plan({});
      expect(groups(res.body)).toEqual([[estate.greenGroup, 'template-only', 'em-base-2026.10.0']]);
      expect(leftOut(res.body)).toEqual(
        [
          [estate.webGroup, 'deployment-running'],
          [estate.blueGroup, 'standby'],
        ].sort(),
      );
      const web = res.body.LeftOut.find((g: LeftOut) => g.AutoScalingGroupName === estate.webGroup);
      expect(web.Detail).toContain(deployment.body.id);
      const blue = res.body.LeftOut.find((g: LeftOut) => g.AutoScalingGroupName === estate.blueGroup);
      expect(blue.Detail).toContain(instance);
    } finally {
      await admin.call('PATCH', `/deployments/${deployment.body.id}`, { body: { Status: 'Cancelled' } });
      // it comes back only once its target group has drained it (Standby), as in AWS
      await eventually('the instance in standby', async () => {
        const g = (await admin.get(`/asgs/${estate.blueGroup}`)).body;
        return (
          g.Instances.some(
            (i: { InstanceId: string; LifecycleState: string }) =>
              i.InstanceId === instance && i.LifecycleState === 'Standby',
          ) || undefined
        );
      });
      await sim.autoScaling.send(
        new ExitStandbyCommand({ AutoScalingGroupName: estate.blueGroup, InstanceIds: [instance] }),
      );
      await eventually('the instance back in service', async () => {
        const g = (await admin.get(`/asgs/${estate.blueGroup}`)).body;
        return (
          g.Instances.every((i: { LifecycleState: string }) => i.LifecycleState === 'InService') || undefined
        );
      });
    }
  });

  it('leaves out every group of a locked environment, and of a type that protects BULK_PATCH_AMI', async () => {
    await admin.put(
      `/environments/${estate.environment}/deploy-lock`,
      { DeploymentsLocked: true, Reason: 'Audit' },
      0,
    );
    try {
      const res = await plan({});
      expect(leftOut(res.body).map((g) => g[1])).toEqual(Array(3).fill('environment-locked'));
      expect(res.body.LeftOut[0].Detail).toContain('Audit');
    } finally {
      await admin.put(`/environments/${estate.environment}/deploy-lock`, { DeploymentsLocked: false }, 1);
    }
    const type = await admin.get(`/config/environment-types/${estate.type}`);
    const protect = (extra: Record<string, unknown>, version: number) =>
      admin.put(
        `/config/environment-types/${estate.type}`,
        { ...type.body.Value, ProtectedActions: ['BULK_PATCH_AMI'], ...extra },
        version,
      );
    expect((await protect({}, type.body.Version)).status).toBe(200);
    const refused = await plan({});
    expect(leftOut(refused.body).map((g) => g[1])).toEqual(Array(3).fill('protected'));
    expect((await protect({ RequiresApproval: true }, type.body.Version + 1)).status).toBe(200);
    const approval = await plan({});
    expect(approval.body.RequiresApproval).toBeTrue();
    expect(approval.body.Groups.length).toBe(3);
  });

  it('needs a signed-in caller', async () => {
    const anonymous = admin.as(undefined);
    expect((await anonymous.post('/patches?dry_run=true', { environment: estate.environment })).status).toBe(
      401,
    );
    expect((await anonymous.post('/patches', { environment: estate.environment })).status).toBe(401);
  });
});
