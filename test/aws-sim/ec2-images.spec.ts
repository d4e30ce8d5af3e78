import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { startTestSim, type TestSim } from './support/test-sim';

describe('aws-sim EC2 images with tags, and launch template data', () => {
  let t: TestSim;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  it('answers the base images with their tags, platform, encryption and root volume', async () => {
    const out = await t.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0e5b1a2c3d4e5f601'] }));
    const image = out.Images![0]!;
    expect(image.Name).toBe('em-base-2026.9.0');
    expect(image.CreationDate).toBe('2026-09-01T08:00:00.000Z');
    expect(image.Platform).toBeUndefined();
    expect(image.PlatformDetails).toBe('Linux/UNIX');
    expect(image.RootDeviceName).toBe('/dev/xvda');
    expect(image.Tags).toEqual([{ Key: 'Stable', Value: 'true' }]);
    expect(image.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          DeleteOnTermination: true,
          SnapshotId: 'snap-0e5b1a2c3d4e5f601',
          VolumeSize: 20,
          VolumeType: 'gp3',
          Encrypted: true,
        },
      },
    ]);
    const newest = await t.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0e5b1a2c3d4e5f603'] }));
    expect(newest.Images![0]!.Tags).toBeUndefined();
  });

  it('registers images through the control API, with their creation date and platform, once per name', async () => {
    const image = {
      name: 'spec-windows-base-2.0.0',
      description: 'Windows base',
      platform: 'windows',
      creationDate: '2026-07-01T09:00:00.000Z',
      tags: { Stable: 'true', Team: 'platform' },
      rootVolumeSize: 60,
      encrypted: true,
    };
    const first = await t.control('POST', '/_sim/images', [image]);
    expect(first.status).toBe(201);
    const id = first.body[0].image.imageId as string;
    expect(id).toMatch(/^ami-[0-9a-f]{17}$/);
    const again = await t.control('POST', '/_sim/images', [{ ...image, rootVolumeSize: 80 }]);
    expect(again.status).toBe(200);
    expect(again.body[0]).toEqual({
      image: jasmine.objectContaining({ imageId: id, rootVolumeSize: 60 }),
      created: false,
    });

    const out = await t.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'platform', Values: ['windows'] }] }),
    );
    expect(out.Images!.map((i) => i.ImageId)).toEqual([id]);
    const w = out.Images![0]!;
    expect([w.Platform, w.PlatformDetails, w.RootDeviceName, w.CreationDate]).toEqual([
      'windows',
      'Windows',
      '/dev/sda1',
      '2026-07-01T09:00:00.000Z',
    ]);
    expect(w.BlockDeviceMappings![0]!.Ebs).toEqual(
      jasmine.objectContaining({ VolumeSize: 60, Encrypted: true }),
    );
    expect(w.Tags!.sort((a, b) => a.Key!.localeCompare(b.Key!))).toEqual([
      { Key: 'Stable', Value: 'true' },
      { Key: 'Team', Value: 'platform' },
    ]);
    const byTag = await t.ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'tag:Team', Values: ['platform'] }] }),
    );
    expect(byTag.Images!.map((i) => i.ImageId)).toEqual([id]);
  });

  it('refuses an image the control API cannot register, saying which field', async () => {
    const bad = await t.control('POST', '/_sim/images', [{ name: 'x', creationDate: 'yesterday' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('0.name');
    expect(bad.body.error).toContain('0.creationDate');
    const listed = (await t.control('GET', '/_sim/images')).body as { name: string }[];
    expect(listed.some((i) => i.name === 'x')).toBeFalse();
  });

  it('tags and untags images with CreateTags and DeleteTags, and refuses an unknown image', async () => {
    const id = 'ami-0e5b1a2c3d4e5f603';
    await t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Stable', Value: 'yes' }] }));
    const tagged = await t.ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'tag-key', Values: ['Stable'] }] }),
    );
    expect(tagged.Images!.map((i) => i.ImageId)).toContain(id);
    // a value that is not the image's leaves the tag, as EC2 does
    await t.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'Stable', Value: 'no' }] }));
    expect((await t.ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.Tags).toEqual([
      { Key: 'Stable', Value: 'yes' },
    ]);
    await t.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'Stable' }] }));
    expect(
      (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.Tags,
    ).toBeUndefined();
    const err = await t.ec2
      .send(new CreateTagsCommand({ Resources: ['ami-0123456789abcdef0'], Tags: [{ Key: 'A', Value: 'b' }] }))
      .catch((e: { name: string }) => e);
    expect((err as { name: string }).name).toBe('InvalidAMIID.NotFound');
  });

  it("keeps and answers a version's instance profile, security groups and volumes, and merges a new version", async () => {
    const lt = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'spec-images-lt',
        LaunchTemplateData: {
          ImageId: 'ami-0e5b1a2c3d4e5f601',
          InstanceType: 't3.small',
          IamInstanceProfile: { Name: 'em-web' },
          SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1', 'sg-0aaaaaaaaaaaaaaa2'],
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3', Encrypted: true } },
            { DeviceName: '/dev/xvdb', Ebs: { VolumeSize: 100, VolumeType: 'standard' } },
          ],
        },
      }),
    );
    const templateId = lt.LaunchTemplate!.LaunchTemplateId!;
    await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: 'ami-0e5b1a2c3d4e5f602', SecurityGroupIds: ['sg-0bbbbbbbbbbbbbbb1'] },
      }),
    );
    const out = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['2'] }),
    );
    const data = out.LaunchTemplateVersions![0]!.LaunchTemplateData!;
    expect(data.ImageId).toBe('ami-0e5b1a2c3d4e5f602');
    expect(data.InstanceType).toBe('t3.small');
    expect(data.IamInstanceProfile).toEqual({ Name: 'em-web' });
    expect(data.SecurityGroupIds).toEqual(['sg-0bbbbbbbbbbbbbbb1']);
    expect(data.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3', Encrypted: true } },
      { DeviceName: '/dev/xvdb', Ebs: { VolumeSize: 100, VolumeType: 'standard' } },
    ]);
  });
});
