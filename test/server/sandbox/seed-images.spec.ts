import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { createAwsClients } from '../../../server/adapters/aws/aws-clients';
import { seedCloud } from '../../../server/sandbox/seed-cloud';
import { seedImages } from '../../../server/sandbox/seed-images';
import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';

/** The sandbox's images and the demo fleet's launch templates, seeded into aws-sim. */
describe('the sandbox seeding of images and the demo fleet', () => {
  let t: TestSim;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  it('registers a Linux and a Windows image type, several versions each, once; the demo groups launch some on older ones', async () => {
    expect(await seedImages(t.sim.endpoint)).toBe(7);
    expect(await seedImages(t.sim.endpoint)).toBe(0);
    const images = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    const names = images.map((i) => i.Name!).filter((n) => !n.startsWith('em-base-'));
    expect(names).toEqual([
      'em-linux-base-1.0.0',
      'em-linux-base-1.1.0',
      'em-linux-base-1.2.0',
      'em-linux-base-1.3.0',
      'em-windows-base-2.0.0',
      'em-windows-base-2.1.0',
      'em-windows-base-2.2.0',
    ]);
    const stable = images.filter((i) => i.Tags?.some((tag) => tag.Key === 'Stable')).map((i) => i.Name);
    expect(stable).toContain('em-linux-base-1.2.0');
    expect(stable).not.toContain('em-linux-base-1.3.0');
    // EC2 answers `windows` on the wire; the SDK's type spells its enum `Windows`
    expect(String(images.find((i) => i.Name === 'em-windows-base-2.0.0')!.Platform)).toBe('windows');

    const clients = createAwsClients('eu-west-1', t.sim.endpoint);
    try {
      expect(await seedCloud(() => clients)).toBeGreaterThan(0);
      const launchImage = async (group: string) => {
        const g = (
          await t.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }))
        ).AutoScalingGroups![0]!;
        const v = await t.ec2.send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: g.LaunchTemplate!.LaunchTemplateId!,
            Versions: ['$Latest'],
          }),
        );
        const data = v.LaunchTemplateVersions![0]!.LaunchTemplateData!;
        return {
          image: images.find((i) => i.ImageId === data.ImageId)!.Name,
          root: data.BlockDeviceMappings![0]!.DeviceName,
          profile: data.IamInstanceProfile?.Name,
          groups: data.SecurityGroupIds,
        };
      };
      expect(await launchImage('int1-co-web')).toEqual({
        image: 'em-linux-base-1.2.0',
        root: '/dev/xvda',
        profile: 'em-checkout-instance',
        groups: ['sg-0a1b2c3d4e5f60000', 'sg-0a1b2c3d4e5f60001'],
      });
      expect((await launchImage('pr1-pf-gateway-blue')).image).toBe('em-linux-base-1.0.0');
      expect((await launchImage('stg1-sr-search-green')).image).toBe('em-linux-base-1.1.0');
      expect(await launchImage('ops1-pf-auth')).toEqual(
        jasmine.objectContaining({ image: 'em-windows-base-2.0.0', root: '/dev/sda1' }),
      );
    } finally {
      clients.destroy();
    }
  }, 120_000);
});
