import { z } from 'zod';
import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';

/** A machine image the account owns (what aws-sim keeps of it: what DescribeImages answers). */
export const ImageRecord = z.object({
  imageId: z.string().regex(/^ami-[0-9a-f]{8,17}$/),
  name: z.string().min(3).max(128),
  description: z.string().max(255).optional(),
  creationDate: z.string(),
  /** `windows` for Windows images; absent for Linux, as EC2 answers it. */
  platform: z.literal('windows').optional(),
  rootDeviceName: z.string(),
  rootVolumeSize: z.number().int().min(1).max(16384),
  rootVolumeType: z.string(),
  encrypted: z.boolean(),
  tags: z.record(z.string(), z.string()),
});
/** A machine image the account owns. */
export type ImageRecord = z.infer<typeof ImageRecord>;

const IMAGE_ID = /^ami-[0-9a-f]{8,17}$/;

/**
 * The images every account starts with: the `em-base` Linux image in three versions (the first two
 * tagged `Stable`). Their ids are fixed, so specs and saved launch templates keep naming them.
 */
function baseImages(): ImageRecord[] {
  const base = (imageId: string, version: string, creationDate: string, stable: boolean): ImageRecord => ({
    imageId,
    name: `em-base-${version}`,
    description: `Environment Manager base image ${version}`,
    creationDate,
    rootDeviceName: '/dev/xvda',
    rootVolumeSize: 20,
    rootVolumeType: 'gp3',
    encrypted: true,
    tags: stable ? { Stable: 'true' } : {},
  });
  return [
    base('ami-0e5b1a2c3d4e5f601', '2026.9.0', '2026-09-01T08:00:00.000Z', true),
    base('ami-0e5b1a2c3d4e5f602', '2026.10.0', '2026-10-01T08:00:00.000Z', true),
    base('ami-0e5b1a2c3d4e5f603', '2026.11.0', '2026-11-01T08:00:00.000Z', false),
  ];
}

/** What registering an image takes (the control API's `POST /_sim/images`). */
export type NewImage = Omit<ImageRecord, 'imageId'> & { readonly imageId?: string };

const byCloud = new WeakMap<Cloud, MachineImages>();

/** The images of the cloud's account (for the control API, which seeds them). */
export function imagesOf(cloud: Cloud): MachineImages | undefined {
  return byCloud.get(cloud);
}

/** The account's machine images: kept, tagged, saved and restored like the other EC2 resources. */
export class MachineImages {
  private readonly byId = new Map<string, ImageRecord>();

  constructor(private readonly cloud: Cloud) {
    for (const i of baseImages()) this.byId.set(i.imageId, i);
    byCloud.set(cloud, this);
  }

  /** Every image, in the order registered. */
  all(): ImageRecord[] {
    return [...this.byId.values()];
  }

  /** An image by id, or EC2's Malformed / NotFound error. */
  find(imageId: string): ImageRecord {
    if (!IMAGE_ID.test(imageId))
      throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
    const image = this.byId.get(imageId);
    if (!image) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
    return image;
  }

  /**
   * Registers an image. A name already registered answers that image unchanged (`created: false`), so a
   * seeding that runs again changes nothing; an id already taken by another name is refused.
   */
  register(spec: NewImage): { image: ImageRecord; created: boolean } {
    const same = this.all().find((i) => i.name === spec.name);
    if (same) return { image: same, created: false };
    if (spec.imageId !== undefined && this.byId.has(spec.imageId))
      throw new AwsError('InvalidAMIID.Duplicate', `The image id '[${spec.imageId}]' is already in use`);
    const image = ImageRecord.parse({ ...spec, imageId: spec.imageId ?? this.cloud.newId('ami') });
    this.byId.set(image.imageId, image);
    this.cloud.changed();
    return { image, created: true };
  }

  /** Adds or overwrites tags of an image. */
  tag(imageId: string, tags: Readonly<Record<string, string>>): void {
    const image = this.find(imageId);
    image.tags = { ...image.tags, ...tags };
    this.cloud.changed();
  }

  /** Removes tags (a tag given with a value only when its value is that one, as EC2 does). */
  untag(imageId: string, tags: Readonly<Record<string, string | undefined>>): void {
    const image = this.find(imageId);
    const kept = { ...image.tags };
    for (const [key, value] of Object.entries(tags)) {
      if (value === undefined || kept[key] === value) delete kept[key];
    }
    image.tags = kept;
    this.cloud.changed();
  }

  /** The images to save. */
  snapshot(): ImageRecord[] {
    return this.all();
  }

  /** Replaces the images with saved ones (parsed, so a corrupt file fails loudly). */
  restore(data: unknown): void {
    this.byId.clear();
    for (const i of z.array(ImageRecord).parse(data)) this.byId.set(i.imageId, i);
  }
}
