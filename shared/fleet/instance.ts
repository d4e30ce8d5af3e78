import { z } from 'zod';

/** The image an instance was launched from, as the images list ranks it. */
export const InstanceImage = z.strictObject({
  Name: z.string(),
  AmiType: z.string(),
  AmiVersion: z.string(),
  IsLatestStable: z.boolean(),
  DaysBehindLatest: z.number().int().min(0),
});
export type InstanceImage = z.infer<typeof InstanceImage>;

/**
 * An EC2 instance as the original's `/instances` listed it (`Instance`: EC2's fields and its tags'
 * Environment, OwningCluster, Role and Name), where this portal has them, then its ASG and image.
 */
export const Instance = z
  .strictObject({
    InstanceId: z.string(),
    ImageId: z.string(),
    InstanceType: z.string(),
    LaunchTime: z.string().describe('ISO 8601'),
    State: z.strictObject({ Code: z.number().int(), Name: z.string() }),
    Placement: z.strictObject({ AvailabilityZone: z.string() }),
    PrivateIpAddress: z.string().nullable(),
    PrivateDnsName: z.string().nullable(),
    Tags: z.array(z.strictObject({ Key: z.string(), Value: z.string() })),
    Name: z.string().describe('its Name tag; empty without one'),
    Environment: z.string().nullable().describe('its Environment tag'),
    OwningCluster: z.string().nullable().describe("its OwningCluster tag, or its role's owning cluster"),
    Role: z.string().nullable().describe("its Role tag, or its ASG's server role"),
    AccountName: z.string(),
    'aws:autoscaling:groupName': z.string().optional(),
    AutoScalingGroupName: z.string().nullable(),
    LifecycleState: z.string().nullable().describe('its state in its ASG (InService, Standby, ...)'),
    Maintenance: z.boolean().describe('in Standby in its ASG (what instance maintenance is here)'),
    AgeDays: z.number().int().min(0).describe('whole days since it was launched'),
    Ami: InstanceImage.nullable().describe("null when the image is not one of the account's"),
  })
  .meta({ id: 'Instance' });
export type Instance = z.infer<typeof Instance>;
