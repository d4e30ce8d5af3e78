import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { eventually, startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate, type FleetEstate } from '../fleet/support/fleet-estate';

interface GroupState {
  AutoScalingGroupName: string;
  DeploymentID: string;
  Status: string;
}

/**
 * A patch onto an image that fails its health checks (aws-sim's unhealthy-images fault). Only the
 * `api-blue` group is behind a load balancer, so only its new instances fail; `web` (EC2 health checks)
 * and the idle `api-green` slice patch cleanly. The plan takes the groups in the deployment map's order:
 * web, then api-blue, then api-green. The first patch (continue) leaves web on the new image, so the second
 * (stop) plans only the api slices.
 */
describe('image patches onto an image that fails its health checks', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let estate: FleetEstate;
  let bad: string;
  let worse: string;
  let old: string;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint, engineTickMs: 40 });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    estate = await givenFleetEstate(admin, sim);
    const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    bad = images.find((i) => i.Name === 'em-base-2026.11.0')!.ImageId!;
    old = (await admin.get(`/asgs/${estate.blueGroup}/launch-config`)).body.ImageId as string;
    const registered = await sim.control('POST', '/_sim/images', [
      { name: 'em-base-2026.12.0', creationDate: '2026-11-30T00:00:00.000Z', tags: { Stable: 'true' } },
    ]);
    expect(registered.status).toBe(201);
    worse = (
      await sim.ec2.send(
        new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['em-base-2026.12.0'] }] }),
      )
    ).Images![0]!.ImageId!;
    await sim.control('PUT', '/_sim/faults/unhealthy-images', [bad, worse]);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  const patch = async (onFailure: 'stop' | 'continue', toImage: string, groups: string[]) => {
    const accepted = await admin.post('/patches', {
      environment: estate.environment,
      toImage,
      maxParallel: 1,
      onFailure,
    });
    expect(accepted.status).withContext(JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.body.Groups.map((g: GroupState) => g.AutoScalingGroupName)).toEqual(groups);
    const id = accepted.body.PatchID as string;
    return eventually(
      `patch ${id} to end`,
      async () => {
        const p = (await admin.get(`/patches/${id}`)).body;
        return ['Success', 'Failed', 'Rolled Back', 'Cancelled'].includes(p.Status) ? p : undefined;
      },
      90_000,
    );
  };

  const described = async (name: string) =>
    (await sim.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0]!;

  const imagesOf = async (name: string) => {
    const g = await eventually(`${name} back to its size`, async () => {
      const d = await described(name);
      return d.Instances!.length === d.DesiredCapacity ? d : undefined;
    });
    const ids = g.Instances!.map((i) => i.InstanceId!);
    if (!ids.length) return [];
    const out = await sim.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
    return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!));
  };

  /** The failing group rolled back: its old instances, its size and processes, its image for new instances. */
  const expectBlueRolledBack = async (p: { Groups: GroupState[] }) => {
    const blue = p.Groups.find((g) => g.AutoScalingGroupName === estate.blueGroup)!;
    expect(blue.Status).toBe('Rolled Back');
    const child = (await admin.get(`/deployments/${blue.DeploymentID}`)).body;
    expect(child.Value.ErrorReason).toContain('health');
    expect(await imagesOf(estate.blueGroup)).toEqual([old, old]);
    const g = await described(estate.blueGroup);
    expect(g.DesiredCapacity).toBe(2);
    expect(g.SuspendedProcesses).toEqual([]);
    expect((await admin.get(`/asgs/${estate.blueGroup}/launch-config`)).body.ImageId).toBe(old);
  };

  it('with onFailure continue: the failing group rolls back and the others finish on the new image', async () => {
    const p = await patch('continue', 'em-base-2026.11.0', [
      estate.webGroup,
      estate.blueGroup,
      estate.greenGroup,
    ]);
    expect(p.Status).toBe('Failed');
    await expectBlueRolledBack(p);
    expect(p.ErrorReason).toBe(`patch-groups: 1 of 3 group(s) not patched: ${estate.blueGroup} Rolled Back`);
    const others = p.Groups.filter((g: GroupState) => g.AutoScalingGroupName !== estate.blueGroup);
    expect(others.map((g: GroupState) => g.Status)).toEqual(['Success', 'Success']);
    expect(await imagesOf(estate.webGroup)).toEqual([bad, bad]);
    expect((await admin.get(`/asgs/${estate.greenGroup}/launch-config`)).body.ImageId).toBe(bad);
    const web = await described(estate.webGroup);
    expect(web.DesiredCapacity).toBe(2);
    expect(web.SuspendedProcesses).toEqual([]);
  });

  it('with onFailure stop: the failing group rolls back and no group starts after it', async () => {
    const p = await patch('stop', 'em-base-2026.12.0', [
      estate.webGroup,
      estate.blueGroup,
      estate.greenGroup,
    ]);
    expect(p.Status).toBe('Failed');
    await expectBlueRolledBack(p);
    expect(p.ErrorReason).toBe(
      `patch-groups: 2 of 3 group(s) not patched: ${estate.blueGroup} Rolled Back, ${estate.greenGroup} Not started`,
    );
    const green = p.Groups.find((g: GroupState) => g.AutoScalingGroupName === estate.greenGroup);
    expect(green.Status).toBe('Not started');
    expect((await admin.get(`/deployments/${green.DeploymentID}`)).status).toBe(404);
    // the group before it is patched (EC2 health checks only); the one never started keeps its image
    expect(p.Groups[0].Status).toBe('Success');
    expect(await imagesOf(estate.webGroup)).toEqual([worse, worse]);
    expect((await admin.get(`/asgs/${estate.greenGroup}/launch-config`)).body.ImageId).toBe(bad);
    const log = (await admin.get(`/deployments/${p.PatchID}/log`)).body.map(
      (l: { message: string }) => l.message,
    );
    expect(log.join('\n')).toContain(`${estate.blueGroup} Rolled Back`);
  });
});
