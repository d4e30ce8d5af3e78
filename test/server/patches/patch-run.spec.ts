import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { givenUser } from '../../fixtures/builders';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

interface GroupState {
  AutoScalingGroupName: string;
  DeploymentID: string;
  Status: string;
}

/** An image patch operation, run by the engine against aws-sim: POST /patches, then GET /patches/{id}. */
describe('image patches (POST /patches)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let next: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    next = images.find((i) => i.Name === 'em-base-2026.10.0')!.ImageId!;
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const ended = (id: string) =>
    eventually(
      `patch ${id} to end`,
      async () => {
        const p = (await admin.get(`/patches/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled'].includes(p.Status) ? p : undefined;
      },
      90_000,
    );

  it('refuses a caller without patch-images, and a patch with nothing to patch', async () => {
    const deployer = await givenUser(admin, {
      grants: [{ Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    const refused = await deployer.post('/patches', { environment: estate.environment });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('patch-images');
    const nothing = await admin.post('/patches', {
      environment: estate.environment,
      toImage: (await admin.get(`/asgs/${estate.webGroup}/launch-config`)).body.ImageId,
    });
    expect(nothing.status).toBe(409);
    expect(nothing.body.detail).toContain('no-newer-image');
    expect((await admin.get('/patches')).body).toEqual([]);
  });

  it('patches every group, two at a time, onto the latest stable image, and keeps the record', async () => {
    const accepted = await admin.post('/patches', {
      environment: estate.environment,
      maxParallel: 2,
      reason: 'CVE-2026-0001',
    });
    expect(accepted.status).withContext(JSON.stringify(accepted.body)).toBe(202);
    const id = accepted.body.PatchID as string;
    expect(accepted.headers.get('location')).toBe(`/api/v1/patches/${id}`);
    expect(accepted.body.Groups.length).toBe(3);

    const done = await ended(id);
    expect(done.Status).withContext(JSON.stringify(done.Groups)).toBe('Success');
    expect(done.Groups.map((g: GroupState) => [g.AutoScalingGroupName, g.Status]).sort()).toEqual(
      [
        [estate.webGroup, 'Success'],
        [estate.blueGroup, 'Success'],
        [estate.greenGroup, 'Success'],
      ].sort(),
    );
    expect(done.Reason).toBe('CVE-2026-0001');
    // the cluster whose grants govern it: the environment's, as it names no cluster
    expect(done.OwningCluster).toBe(estate.cluster);
    // every instance of the groups with instances runs the new image; sizes are back
    const groups = (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup, estate.blueGroup] }),
      )
    ).AutoScalingGroups!;
    for (const g of groups) {
      expect(g.DesiredCapacity).toBe(2);
      expect(g.SuspendedProcesses).toEqual([]);
      const ids = g.Instances!.map((i) => i.InstanceId!);
      const described = await sim.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      expect(described.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId))).toEqual([
        next,
        next,
      ]);
    }
    // each group's patch is a deployment record of its own, with its steps and log
    const child = await admin.get(`/deployments/${done.Groups[0].DeploymentID}`);
    expect(child.status).toBe(200);
    expect(child.body.Value.DeploymentType).toBe('patch');
    expect((await admin.get(`/deployments/${done.Groups[0].DeploymentID}/log`)).status).toBe(200);
    // the services' versions are unchanged
    const servers = (await admin.get(`/environments/${estate.environment}/servers`)).body;
    expect(JSON.stringify(servers.Value)).toContain('"Version":"1.0.0"');
    expect(JSON.stringify(servers.Value)).toContain('"Version":"2.0.0"');
    expect(
      servers.Value.every((g: { Ami: { Name: string } | null }) => g.Ami?.Name === 'em-base-2026.10.0'),
    ).toBeTrue();

    // listed under /patches, not in the deployments' history
    expect((await admin.get('/patches')).body.map((p: { PatchID: string }) => p.PatchID)).toEqual([id]);
    const history = (await admin.get(`/deployments?environment=${estate.environment}`)).body;
    expect(
      history.filter((d: { Value: { ServiceName: string } }) => d.Value.ServiceName === 'image-patch'),
    ).toEqual([]);
    const audit = (await admin.get(`/audit?Entity.Type=Deployment&Entity.Key=${id}`)).body;
    expect(audit.length).toBe(1);
    // an ended patch cannot be cancelled; an unknown one is a 404
    expect((await admin.post(`/patches/${id}/cancel`, {})).status).toBe(409);
    expect((await admin.get('/patches/NOSUCHPATCH')).status).toBe(404);
  });

  it('cancels a patch under way: no group starts after it, the one patching rolls back, the patch ends Cancelled', async () => {
    const accepted = await admin.post('/patches', {
      environment: estate.environment,
      toImage: 'em-base-2026.11.0',
      maxParallel: 1,
    });
    expect(accepted.status).withContext(JSON.stringify(accepted.body)).toBe(202);
    const id = accepted.body.PatchID as string;
    await eventually('the first group to be patching', async () => {
      const p = (await admin.get(`/patches/${id}`)).body;
      return p.Groups.some((g: GroupState) => g.Status === 'In Progress') ? p : undefined;
    });
    const outsider = await givenUser(admin, {
      grants: [{ Action: 'deploy', Clusters: [estate.cluster], EnvironmentTypes: [estate.type] }],
    });
    expect((await outsider.post(`/patches/${id}/cancel`, {})).status).toBe(403);
    const cancel = await admin.post(`/patches/${id}/cancel`, {});
    expect(cancel.status).withContext(JSON.stringify(cancel.body)).toBe(200);
    const done = await ended(id);
    expect(done.Status).toBe('Cancelled');
    // no group started after the cancel; those started ended patched or rolled back
    const notStartedThen = cancel.body.Groups.filter((g: GroupState) => g.Status === 'Not started').map(
      (g: GroupState) => g.AutoScalingGroupName,
    );
    expect(notStartedThen.length).toBeGreaterThan(0);
    expect(done.Groups.some((g: GroupState) => g.Status === 'Not started')).toBeTrue();
    for (const g of done.Groups as GroupState[]) {
      // one the operation was starting as the cancel came is rolled back: never patched after it
      if (notStartedThen.includes(g.AutoScalingGroupName))
        expect(['Not started', 'Rolled Back', 'Cancelled']).toContain(g.Status);
      else expect(['Success', 'Rolled Back']).toContain(g.Status);
    }
    const web = (
      await sim.autoScaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [estate.webGroup] }),
      )
    ).AutoScalingGroups![0]!;
    expect(web.DesiredCapacity).toBe(2);
    expect(web.SuspendedProcesses).toEqual([]);
  });
});
