import { z } from 'zod';

/** A volume of a launch configuration, in the original's words: the OS (root) disk or a Data disk. */
export const LaunchVolume = z.strictObject({
  Name: z.enum(['OS', 'Data']),
  Size: z.number().int().min(1).max(16384).describe('GiB'),
  Type: z.enum(['SSD', 'Disk']).describe('SSD: gp3; Disk: standard (magnetic)'),
});
export type LaunchVolume = z.infer<typeof LaunchVolume>;

/** The services a launch configuration's user data runs (this portal's user data, decoded). */
export const LaunchUserData = z.strictObject({
  services: z.array(z.strictObject({ name: z.string(), version: z.string() })),
  healthPath: z.string().optional(),
});
export type LaunchUserData = z.infer<typeof LaunchUserData>;

/**
 * What an ASG's new instances launch with (`GET /asgs/{name}/launch-config`): the original's
 * `AWSLaunchConfig` fields, read from the group's launch template version, then this portal's.
 */
export const LaunchConfig = z
  .strictObject({
    AMI: z.string().nullable().describe("the image's name; null when it is not one of the account's images"),
    ImageId: z.string().nullable(),
    InstanceProfileName: z.string().nullable(),
    InstanceType: z.string().nullable(),
    SecurityGroups: z.array(z.string()).describe('security group ids (and names) as the version has them'),
    UserData: z.string().describe('the user data, base64-decoded'),
    Volumes: z.array(LaunchVolume.extend({ DeviceName: z.string() })),
    AutoScalingGroupName: z.string(),
    LaunchTemplate: z.strictObject({
      LaunchTemplateId: z.string(),
      Version: z.string().describe('the version number the group launches from'),
    }),
    DecodedUserData: LaunchUserData.nullable().describe(
      "the user data's services; null when it is not this portal's",
    ),
  })
  .meta({ id: 'LaunchConfig' });
export type LaunchConfig = z.infer<typeof LaunchConfig>;

/** The read-only fields of a LaunchConfig, taken back by PUT and ignored (so a GET reply can be sent back). */
const ReadOnly = {
  AutoScalingGroupName: z.string().max(255).optional().describe('read-only: ignored'),
  LaunchTemplate: z.unknown().optional().describe('read-only: ignored'),
  DecodedUserData: z.unknown().optional().describe('read-only: ignored (change UserData)'),
};

/**
 * A change of what an ASG's new instances launch with (`PUT /asgs/{name}/launch-config`): the original's
 * `AWSLaunchConfig`; what is left out, or equal to what the group has, stays as it is.
 */
export const LaunchConfigChange = z
  .strictObject({
    AMI: z.string().min(1).max(128).optional().describe('an image of the account, by name'),
    ImageId: z
      .string()
      .regex(/^ami-[0-9a-f]{8,17}$/, 'must be an image id (ami-...)')
      .optional(),
    InstanceProfileName: z
      .string()
      .regex(/^[\w+=,.@-]{1,128}$/, 'must be an IAM instance profile name')
      .optional(),
    InstanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, 'must be an EC2 instance type such as t3.small')
      .optional(),
    SecurityGroups: z
      .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, 'must be a security group id (sg-...)'))
      .min(1)
      .max(5)
      .optional(),
    UserData: z
      .string()
      .max(16384)
      .optional()
      .describe(
        'the user data text (not base64): this portal\'s JSON {"services": [{"name", "version"}], "healthPath"}',
      ),
    Volumes: z
      .array(
        LaunchVolume.extend({ DeviceName: z.string().max(64).optional().describe('read-only: ignored') }),
      )
      .max(2)
      .refine(
        (v) => new Set(v.map((x) => x.Name)).size === v.length,
        'must name OS and Data at most once each',
      )
      .optional(),
    ...ReadOnly,
  })
  .meta({ id: 'LaunchConfigChange' });
export type LaunchConfigChange = z.infer<typeof LaunchConfigChange>;
