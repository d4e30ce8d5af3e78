import { DescribeAvailabilityZonesCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { startTestSim, type TestSim } from './support/test-sim';

describe('aws-sim EC2 zones and images', () => {
  let t: TestSim;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  it('lists the three zones of the region, available', async () => {
    const out = await t.ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(out.AvailabilityZones!.map((z) => [z.ZoneName, z.State, z.RegionName])).toEqual([
      ['eu-west-1a', 'available', 'eu-west-1'],
      ['eu-west-1b', 'available', 'eu-west-1'],
      ['eu-west-1c', 'available', 'eu-west-1'],
    ]);
    expect(t.sim.cloud.ec2.availabilityZones()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    const err = await t.ec2
      .send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['mars-1a'] }))
      .catch((e: any) => e);
    expect(err.name).toBe('InvalidParameterValue');
  });

  it('lists the base images the account owns, by owner, id and name', async () => {
    const mine = await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(mine.Images!.map((i) => i.Name)).toContain('em-base-2026.11.0');
    expect(mine.Images!.every((i) => i.OwnerId === '123456789012' && i.State === 'available')).toBeTrue();
    const byName = await t.ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'name', Values: ['em-base-2026.1?.0'] }],
      }),
    );
    expect(byName.Images!.map((i) => i.Name)).toEqual(['em-base-2026.10.0', 'em-base-2026.11.0']);
    const byId = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [byName.Images![0]!.ImageId!] }));
    expect(byId.Images!.map((i) => i.Name)).toEqual(['em-base-2026.10.0']);
    const amazon = await t.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    expect(amazon.Images).toEqual([]);
    const err = await t.ec2
      .send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] }))
      .catch((e: any) => e);
    expect(err.name).toBe('InvalidAMIID.NotFound');
  });
});
