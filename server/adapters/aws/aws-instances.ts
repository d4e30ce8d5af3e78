import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { InstanceAddress, InstanceFilter, Instances } from '../../fleet/instances';
import { parseReply } from './aws-reply';

const AwsInstance = z.object({
  InstanceId: z.string(),
  State: z.object({ Name: z.string(), Code: z.number().int() }),
  Placement: z.object({ AvailabilityZone: z.string() }),
  PrivateIpAddress: z.string().optional(),
  PrivateDnsName: z.string().optional(),
  LaunchTime: z.date(),
  ImageId: z.string(),
  InstanceType: z.string(),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});

const DescribeReply = z.object({
  Reservations: z.array(z.object({ OwnerId: z.string(), Instances: z.array(AwsInstance) })),
  NextToken: z.string().optional(),
});

/** DescribeInstances takes up to 1000 ids a call; 200 keeps a request's query string short. */
const BATCH = 200;

function toAddress(i: z.infer<typeof AwsInstance>, ownerId: string): InstanceAddress {
  return {
    instanceId: i.InstanceId,
    ownerId,
    state: i.State.Name,
    stateCode: i.State.Code,
    availabilityZone: i.Placement.AvailabilityZone,
    ...(i.PrivateIpAddress ? { privateIpAddress: i.PrivateIpAddress } : {}),
    ...(i.PrivateDnsName ? { privateDnsName: i.PrivateDnsName } : {}),
    launchTime: i.LaunchTime.toISOString(),
    imageId: i.ImageId,
    instanceType: i.InstanceType,
    // EC2 leaves out an empty tag set: an instance without tags has none
    tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value])),
  };
}

/** EC2 instances over the AWS SDK v3 client (AWS or aws-sim), every reply parsed. */
export class AwsInstances implements Instances {
  constructor(private readonly client: EC2Client) {}

  async describe(ids: readonly string[]): Promise<InstanceAddress[]> {
    const unique = [...new Set(ids)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH) batches.push(unique.slice(i, i + BATCH));
    // an id EC2 no longer knows fails the whole call: ask by filter, which leaves it out
    const found = await Promise.all(
      batches.map((batch) => this.pages([{ Name: 'instance-id', Values: batch }])),
    );
    return found.flat();
  }

  async list(filter: InstanceFilter): Promise<InstanceAddress[]> {
    const filters = [
      ...Object.entries(filter.tags ?? {}).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })),
      ...(filter.privateIpAddress !== undefined
        ? [{ Name: 'private-ip-address', Values: [filter.privateIpAddress] }]
        : []),
    ];
    if (filter.instanceIds === undefined) return this.pages(filters);
    if (!filter.instanceIds.length) return [];
    const ids = [...new Set(filter.instanceIds)];
    const found = await Promise.all(
      Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, n) =>
        this.pages([...filters, { Name: 'instance-id', Values: ids.slice(n * BATCH, (n + 1) * BATCH) }]),
      ),
    );
    return found.flat();
  }

  private async pages(filters: { Name: string; Values: string[] }[]): Promise<InstanceAddress[]> {
    const out: InstanceAddress[] = [];
    let token: string | undefined;
    do {
      const reply = parseReply(
        DescribeReply,
        'DescribeInstances',
        await this.client.send(
          new DescribeInstancesCommand({
            ...(filters.length ? { Filters: filters } : {}),
            NextToken: token,
          }),
        ),
      );
      out.push(...reply.Reservations.flatMap((r) => r.Instances.map((i) => toAddress(i, r.OwnerId))));
      token = reply.NextToken;
    } while (token);
    return out;
  }
}
