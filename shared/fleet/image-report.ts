import { z } from 'zod';
import { SliceName } from './slice-name';

/** Why a group or instance is listed in the image report. */
export const OutOfDateReason = z.enum(['not-latest-stable', 'older-than', 'unknown-image']);
export type OutOfDateReason = z.infer<typeof OutOfDateReason>;

/** An image as the report names it. */
export const ReportImage = z.strictObject({
  ImageId: z.string(),
  Name: z.string().nullable().describe("null when it is not one of the account's images"),
  AmiType: z.string().nullable(),
  AmiVersion: z.string().nullable(),
  AgeDays: z.number().int().min(0).nullable(),
  DaysBehindLatest: z.number().int().min(0).nullable(),
});
export type ReportImage = z.infer<typeof ReportImage>;

/** An ASG that launches, or runs, an out-of-date image, with the instances that run one. */
export const ReportGroup = z.strictObject({
  Name: z.string(),
  Role: z.string(),
  Slice: SliceName.optional(),
  Image: ReportImage.nullable().describe('what it launches new instances with; null without an image'),
  LatestStable: ReportImage.nullable().describe("the latest stable image of that image's type"),
  Reasons: z.array(OutOfDateReason).describe('why what it launches is out of date (empty when it is not)'),
  Instances: z.array(
    z.strictObject({ InstanceId: z.string(), Image: ReportImage, Reasons: z.array(OutOfDateReason) }),
  ),
});
export type ReportGroup = z.infer<typeof ReportGroup>;

/**
 * `GET /images/report`: per cluster, the environment's groups that launch or run an image that is not
 * the latest stable of its type, or is older than `OlderThanDays`: what a patch would change.
 */
export const ImageReport = z
  .strictObject({
    EnvironmentName: z.string(),
    OlderThanDays: z.number().int().nullable(),
    Clusters: z.array(z.strictObject({ Cluster: z.string(), Groups: z.array(ReportGroup) })),
  })
  .meta({ id: 'ImageReport' });
export type ImageReport = z.infer<typeof ImageReport>;
