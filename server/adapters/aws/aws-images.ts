import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { Images, MachineImage } from '../../fleet/images';
import { parseReply } from './aws-reply';

const AwsImage = z.object({
  ImageId: z.string(),
  Name: z.string(),
  OwnerId: z.string(),
  CreationDate: z.string(),
  Description: z.string().optional(),
  Platform: z.string().optional(),
  RootDeviceName: z.string().optional(),
  BlockDeviceMappings: z
    .array(
      z.object({
        DeviceName: z.string(),
        Ebs: z
          .object({ VolumeSize: z.number().int().optional(), Encrypted: z.boolean().optional() })
          .optional(),
      }),
    )
    .optional(),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});

const DescribeReply = z.object({ Images: z.array(AwsImage), NextToken: z.string().optional() });

function toImage(i: z.infer<typeof AwsImage>): MachineImage {
  return {
    imageId: i.ImageId,
    name: i.Name,
    ownerId: i.OwnerId,
    creationDate: i.CreationDate,
    ...(i.Description !== undefined ? { description: i.Description } : {}),
    ...(i.Platform ? { platform: i.Platform } : {}),
    ...(i.RootDeviceName ? { rootDeviceName: i.RootDeviceName } : {}),
    // EC2 leaves out an empty list: an image without mappings or tags has none
    volumes: (i.BlockDeviceMappings ?? []).map((b) => ({
      deviceName: b.DeviceName,
      ...(b.Ebs?.VolumeSize !== undefined ? { volumeSize: b.Ebs.VolumeSize } : {}),
      ...(b.Ebs?.Encrypted !== undefined ? { encrypted: b.Ebs.Encrypted } : {}),
    })),
    tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value])),
  };
}

/** EC2 images over the AWS SDK v3 client (AWS or aws-sim), every reply parsed. */
export class AwsImages implements Images {
  constructor(private readonly client: EC2Client) {}

  async owned(): Promise<MachineImage[]> {
    const out: MachineImage[] = [];
    let token: string | undefined;
    do {
      const reply = parseReply(
        DescribeReply,
        'DescribeImages',
        await this.client.send(
          new DescribeImagesCommand({ Owners: ['self'], NextToken: token, MaxResults: 1000 }),
        ),
      );
      out.push(...reply.Images.map(toImage));
      token = reply.NextToken;
    } while (token);
    return out;
  }
}
