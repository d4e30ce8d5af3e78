import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { InstanceAddress, Instances } from '../../fleet/instances';
import { parseReply } from './aws-reply';

const AwsInstance = z.object({
  InstanceId: z.string(),
  State: z.object({ Name: z.string() }),
  Placement: z.object({ AvailabilityZone: z.string() }),
  PrivateIpAddress: z.string().optional(),
  LaunchTime: z.date().optional(),
  ImageId: z.string().optional(),
  InstanceType: z.string().optional(),
});

const DescribeReply = z.object({
  Reservations: z.array(z.object({ Instances: z.array(AwsInstance) })),
  NextToken: z.string().optional(),
});

/** DescribeInstances takes up to 1000 ids a call; 200 keeps a request's query string short. */
const BATCH = 200;

function toAddress(i: z.infer<typeof AwsInstance>): InstanceAddress {
  return {
    instanceId: i.InstanceId,
    state: i.State.Name,
    availabilityZone: i.Placement.AvailabilityZone,
    ...(i.PrivateIpAddress ? { privateIpAddress: i.PrivateIpAddress } : {}),
    ...(i.LaunchTime ? { launchTime: i.LaunchTime.toISOString() } : {}),
    ...(i.ImageId ? { imageId: i.ImageId } : {}),
    ...(i.InstanceType ? { instanceType: i.InstanceType } : {}),
  };
}

/** EC2 instances over the AWS SDK v3 client (AWS or aws-sim), every reply parsed. */
export class AwsInstances implements Instances {
  constructor(private readonly client: EC2Client) {}

  async describe(ids: readonly string[]): Promise<InstanceAddress[]> {
    const unique = [...new Set(ids)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH) batches.push(unique.slice(i, i + BATCH));
    const found = await Promise.all(
      batches.map(async (batch) => {
        const out: InstanceAddress[] = [];
        let token: string | undefined;
        do {
          const reply = parseReply(
            DescribeReply,
            'DescribeInstances',
            await this.client.send(
              // an id EC2 no longer knows fails the whole call: ask by filter, which leaves it out
              new DescribeInstancesCommand({
                Filters: [{ Name: 'instance-id', Values: batch }],
                NextToken: token,
              }),
            ),
          );
          out.push(...reply.Reservations.flatMap((r) => r.Instances.map(toAddress)));
          token = reply.NextToken;
        } while (token);
        return out;
      }),
    );
    return found.flat();
  }
}
