import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { eventually } from '../../aws-sim/support/test-sim';
import { CrashRig } from '../deployments/support/crash-rig';

interface GroupState {
  AutoScalingGroupName: string;
  Status: string;
}

/**
 * A patch outlives its portal: the portal whose engine runs it is SIGKILLed while groups are patching;
 * the next one takes the operation and its groups' patches over, and the patch ends as it would have.
 */
describe('an image patch and a SIGKILL of its portal', () => {
  let rig: CrashRig;

  beforeAll(async () => {
    rig = await CrashRig.start({ msPerSecond: 10 });
  }, 120_000);
  afterAll(async () => {
    await rig.close();
  });

  it('resumes after the kill and patches every group', async () => {
    const { api, estate, sim } = rig;
    const images = (await sim.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    const next = images.find((i) => i.Name === 'em-base-2026.10.0')!.ImageId!;
    const accepted = await api.post('/patches', { environment: estate.environment, maxParallel: 2 });
    expect(accepted.status).withContext(JSON.stringify(accepted.body)).toBe(202);
    const id = accepted.body.PatchID as string;
    await eventually(
      'a group to be patching',
      async () => {
        const p = (await api.get(`/patches/${id}`)).body;
        return p.Groups.some((g: GroupState) => g.Status === 'In Progress') ? p : undefined;
      },
      60_000,
    );
    await rig.kill();
    await rig.startEngine();
    const done = await eventually(
      `patch ${id} to end`,
      async () => {
        const p = (await api.get(`/patches/${id}`)).body;
        return ['Success', 'Failed', 'Cancelled'].includes(p.Status) ? p : undefined;
      },
      120_000,
    );
    expect(done.Status).withContext(JSON.stringify(done.Groups)).toBe('Success');
    expect(done.Groups.every((g: GroupState) => g.Status === 'Success')).toBeTrue();
    for (const name of [estate.webGroup, estate.blueGroup]) {
      const g = await rig.group(name);
      expect(g.DesiredCapacity).toBe(2);
      expect(g.SuspendedProcesses).toEqual([]);
      const described = await sim.ec2.send(
        new DescribeInstancesCommand({ InstanceIds: g.Instances!.map((i) => i.InstanceId!) }),
      );
      expect(described.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId))).toEqual([
        next,
        next,
      ]);
      expect(await rig.groupLock(name))
        .withContext(`lock of ${name}`)
        .toBeUndefined();
    }
  }, 240_000);
});
