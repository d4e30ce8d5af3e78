import { z } from 'zod';

/**
 * A machine image as the original's `/images` listed it (`Image`): its type and version from its name
 * (`<type>-<major>.<minor>.<patch>`), its stability from its `Stable` tag, and its rank within its type
 * (the newest version first).
 */
export const Image = z
  .strictObject({
    ImageId: z.string(),
    Name: z.string(),
    CreationDate: z.string().describe('ISO 8601, as EC2 gives it'),
    Platform: z.enum(['Linux', 'Windows']),
    Description: z.string(),
    AmiType: z.string().describe('the name without its version; the whole name when it has none'),
    AmiVersion: z.string().describe('the x.y.z ending the name; empty when it has none'),
    IsCompatibleImage: z.boolean().describe('whether the name is <type>-<x.y.z>'),
    IsStable: z.boolean().describe('tagged Stable (any case) with a value other than empty or false'),
    Encrypted: z.boolean().nullable().describe("the root volume's encryption; null without one"),
    RootVolumeSize: z.number().int().nullable().describe("the root volume's size in GiB; null without one"),
    Rank: z.number().int().positive().describe('1 for the newest version of its type, 2 next, ...'),
    IsLatest: z.boolean(),
    IsLatestStable: z.boolean(),
    DaysBehindLatest: z
      .number()
      .int()
      .min(0)
      .describe('whole days from its creation to that of the latest stable image of its type (0 when newer)'),
    AccountName: z
      .string()
      .describe("the owning account's name in the catalogue (its number when it has none)"),
  })
  .meta({ id: 'Image' });
export type Image = z.infer<typeof Image>;

/** The image block of an ASG in the environment servers view, as the original showed it. */
export const AsgImage = z
  .strictObject({
    Name: z.string(),
    Age: z.number().int().min(0).describe('whole days since the image was created'),
    IsLatestStable: z.boolean(),
  })
  .meta({ id: 'AsgImage' });
export type AsgImage = z.infer<typeof AsgImage>;
