import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type { SliceName } from '@shared/fleet/slice-name';
import type {
  LoadBalancerGateway,
  SliceRouting,
  SliceRoutingNames,
  SliceTargetGroup,
} from '../../fleet/load-balancer-gateway';

const LoadBalancersReply = z.object({
  LoadBalancers: z.array(z.object({ LoadBalancerArn: z.string() })).default([]),
});
const TargetGroupsReply = z.object({
  TargetGroups: z.array(z.object({ TargetGroupArn: z.string(), TargetGroupName: z.string() })).default([]),
});
const ListenersReply = z.object({
  Listeners: z
    .array(
      z.object({
        ListenerArn: z.string(),
        Port: z.number().int().optional(),
        DefaultActions: z
          .array(
            z.object({
              Type: z.string(),
              TargetGroupArn: z.string().optional(),
              ForwardConfig: z
                .object({
                  TargetGroups: z
                    .array(z.object({ TargetGroupArn: z.string(), Weight: z.number().int().optional() }))
                    .default([]),
                })
                .optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});
const TargetHealthReply = z.object({
  TargetHealthDescriptions: z
    .array(
      z.object({
        Target: z.object({ Id: z.string() }),
        TargetHealth: z.object({ State: z.string().default('unavailable') }).optional(),
      }),
    )
    .default([]),
});

const notFound = new Set([
  'LoadBalancerNotFoundException',
  'LoadBalancerNotFound',
  'TargetGroupNotFoundException',
  'TargetGroupNotFound',
]);

async function orUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof Error && notFound.has(e.name)) return undefined;
    throw e;
  }
}

/** LoadBalancerGateway over the AWS SDK: a blue/green role's port-80 listener and its two target groups. */
export class AwsLoadBalancerGateway implements LoadBalancerGateway {
  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  async sliceRouting(names: SliceRoutingNames): Promise<SliceRouting | undefined> {
    const [lbs, tgs] = await Promise.all([
      orUndefined(this.client.send(new DescribeLoadBalancersCommand({ Names: [names.loadBalancer] }))),
      orUndefined(
        this.client.send(
          new DescribeTargetGroupsCommand({ Names: [names.targetGroups.blue, names.targetGroups.green] }),
        ),
      ),
    ]);
    const lbArn = lbs && LoadBalancersReply.parse(lbs).LoadBalancers[0]?.LoadBalancerArn;
    const groups = tgs ? TargetGroupsReply.parse(tgs).TargetGroups : [];
    const arnOf = (slice: SliceName) =>
      groups.find((g) => g.TargetGroupName === names.targetGroups[slice])?.TargetGroupArn;
    const blueArn = arnOf('blue');
    const greenArn = arnOf('green');
    if (!lbArn || !blueArn || !greenArn) return undefined;
    const listeners = ListenersReply.parse(
      await this.client.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
    ).Listeners;
    const listener = listeners.find((l) => l.Port === 80);
    if (!listener) return undefined;
    const weightOf = (arn: string): number => {
      const forward = listener.DefaultActions.find((a) => a.Type === 'forward');
      if (!forward) return 0;
      if (forward.ForwardConfig?.TargetGroups.length) {
        return forward.ForwardConfig.TargetGroups.find((g) => g.TargetGroupArn === arn)?.Weight ?? 0;
      }
      return forward.TargetGroupArn === arn ? 100 : 0;
    };
    const slice = async (arn: string): Promise<SliceTargetGroup> => {
      const health = TargetHealthReply.parse(
        await this.client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })),
      );
      return {
        arn,
        weight: weightOf(arn),
        targets: health.TargetHealthDescriptions.map((d) => ({
          id: d.Target.Id,
          state: d.TargetHealth?.State ?? 'unavailable',
        })),
      };
    };
    const [blue, green] = await Promise.all([slice(blueArn), slice(greenArn)]);
    return { listenerArn: listener.ListenerArn, slices: { blue, green } };
  }

  async setWeights(
    listenerArn: string,
    weights: readonly { targetGroupArn: string; weight: number }[],
  ): Promise<void> {
    await this.client.send(
      new ModifyListenerCommand({
        ListenerArn: listenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: weights.map((w) => ({ TargetGroupArn: w.targetGroupArn, Weight: w.weight })),
            },
          },
        ],
      }),
    );
  }
}
