import { z } from 'zod';

/** Tags to apply to resources launched from a template version (`TagSpecifications`). */
export const TemplateTagSpecification = z.object({
  resourceType: z.string(),
  tags: z.record(z.string(), z.string()),
});

/** A block device mapping of a template version (an EBS volume). */
export const TemplateBlockDevice = z.object({
  deviceName: z.string(),
  ebs: z
    .object({
      volumeSize: z.number().int().optional(),
      volumeType: z.string().optional(),
      encrypted: z.boolean().optional(),
      deleteOnTermination: z.boolean().optional(),
    })
    .optional(),
});

/**
 * The launch template data aws-sim keeps: what it launches from (image, type, user data, tags) and what
 * it stores and answers as given (instance profile, security groups, volumes); the rest of EC2's data has
 * no effect here.
 */
export const TemplateData = z.object({
  imageId: z.string().optional(),
  instanceType: z.string().optional(),
  userData: z.string().optional(),
  tagSpecifications: z.array(TemplateTagSpecification),
  iamInstanceProfile: z.object({ name: z.string().optional(), arn: z.string().optional() }).optional(),
  securityGroupIds: z.array(z.string()).optional(),
  securityGroups: z.array(z.string()).optional(),
  blockDeviceMappings: z.array(TemplateBlockDevice).optional(),
});
/** The launch template data aws-sim uses. */
export type TemplateData = z.infer<typeof TemplateData>;

/** One immutable version of a launch template. */
export const TemplateVersion = z.object({
  versionNumber: z.number().int().positive(),
  description: z.string().optional(),
  createTime: z.string(),
  data: TemplateData,
  /** The ClientToken of the request that made it, and that request's parameters, to answer its retries. */
  clientToken: z.string().optional(),
  requestParameters: z.string().optional(),
});
/** One immutable version of a launch template. */
export type TemplateVersion = z.infer<typeof TemplateVersion>;

/** A launch template with all its versions (as kept and saved). */
export const LaunchTemplateRecord = z.object({
  id: z.string(),
  name: z.string(),
  createTime: z.string(),
  defaultVersion: z.number().int().positive(),
  tags: z.record(z.string(), z.string()),
  versions: z.array(TemplateVersion),
});
/** A launch template with all its versions. */
export type LaunchTemplateRecord = z.infer<typeof LaunchTemplateRecord>;

/** The newest version number of a template (versions are never deleted here, so it is the last). */
export function latestVersion(t: LaunchTemplateRecord): number {
  return t.versions[t.versions.length - 1]!.versionNumber;
}
