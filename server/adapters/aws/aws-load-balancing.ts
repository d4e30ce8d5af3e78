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
import type { SliceRoutingNames } from '../../fleet/fleet-names';
import type { LoadBalancing, SliceRouting, SliceTargetGroup, TargetState } from '../../fleet/load-balancing';
import { parseReply } from './aws-reply';

const LoadBalancersReply = z.object({
  LoadBalancers: z.array(z.object({ LoadBalancerArn: z.string() })),
});
const TargetGroupsReply = z.object({
  TargetGroups: z.array(z.object({ TargetGroupArn: z.string(), TargetGroupName: z.string() })),
});
const ListenersReply = z.object({
  Listeners: z.array(
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
                TargetGroups: z.array(z.object({ TargetGroupArn: z.string(), Weight: z.number().int() })),
              })
              .optional(),
          }),
        )
        .optional(),
    }),
  ),
});
const TargetHealthReply = z.object({
  TargetHealthDescriptions: z.array(
    z.object({ Target: z.object({ Id: z.string() }), TargetHealth: z.object({ State: z.string() }) }),
  ),
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

/** Elastic Load Balancing over the AWS SDK v3 client: a blue/green role's listener and its target groups. */
export class AwsLoadBalancing implements LoadBalancing {
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
    const lbArn =
      lbs && parseReply(LoadBalancersReply, 'DescribeLoadBalancers', lbs).LoadBalancers[0]?.LoadBalancerArn;
    const groups = tgs ? parseReply(TargetGroupsReply, 'DescribeTargetGroups', tgs).TargetGroups : [];
    const arnOf = (slice: SliceName) =>
      groups.find((g) => g.TargetGroupName === names.targetGroups[slice])?.TargetGroupArn;
    const blueArn = arnOf('blue');
    const greenArn = arnOf('green');
    if (!lbArn || !blueArn || !greenArn) return undefined;
    const listeners = parseReply(
      ListenersReply,
      'DescribeListeners',
      await this.client.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
    ).Listeners;
    const listener = listeners.find((l) => l.Port === names.listenerPort);
    if (!listener) return undefined;
    const weightOf = (arn: string): number => {
      const forward = (listener.DefaultActions ?? []).find((a) => a.Type === 'forward');
      if (!forward) return 0;
      if (forward.ForwardConfig?.TargetGroups.length) {
        const weighted = forward.ForwardConfig.TargetGroups;
        const total = weighted.reduce((sum, g) => sum + g.Weight, 0);
        const own = weighted.find((g) => g.TargetGroupArn === arn)?.Weight ?? 0;
        // weights are relative (0-999): the share of the traffic, in percent
        return total === 0 ? 0 : Math.round((own * 100) / total);
      }
      return forward.TargetGroupArn === arn ? 100 : 0;
    };
    const slice = async (arn: string): Promise<SliceTargetGroup> => ({
      arn,
      weight: weightOf(arn),
      targets: await this.targetHealth(arn),
    });
    const [blue, green] = await Promise.all([slice(blueArn), slice(greenArn)]);
    return { listenerArn: listener.ListenerArn, slices: { blue, green } };
  }

  async targetHealth(targetGroupArn: string): Promise<TargetState[]> {
    const health = parseReply(
      TargetHealthReply,
      'DescribeTargetHealth',
      await this.client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    );
    return health.TargetHealthDescriptions.map((d) => ({ id: d.Target.Id, state: d.TargetHealth.State }));
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
