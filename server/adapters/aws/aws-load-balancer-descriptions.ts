import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import type {
  DescribedListener,
  DescribedLoadBalancer,
  DescribedRule,
  DescribedTargetGroup,
  ForwardTarget,
  LoadBalancerDescriptions,
} from '../../fleet/v1-load-balancer-descriptions';
import { parseReply } from './aws-reply';

const AwsLoadBalancer = z.object({
  LoadBalancerArn: z.string(),
  LoadBalancerName: z.string(),
  DNSName: z.string(),
  Scheme: z.string().optional(),
});
const LoadBalancersReply = z.object({
  LoadBalancers: z.array(AwsLoadBalancer),
  NextMarker: z.string().optional(),
});
const ListenersReply = z.object({
  Listeners: z.array(
    z.object({ ListenerArn: z.string(), Port: z.number().int(), Protocol: z.string().optional() }),
  ),
  NextMarker: z.string().optional(),
});
const AwsAction = z.object({
  Type: z.string(),
  TargetGroupArn: z.string().optional(),
  ForwardConfig: z
    .object({
      TargetGroups: z.array(z.object({ TargetGroupArn: z.string(), Weight: z.number().int().optional() })),
    })
    .optional(),
});
const RulesReply = z.object({
  Rules: z.array(
    z.object({
      Priority: z.string(),
      IsDefault: z.boolean().optional(),
      Conditions: z
        .array(
          z.object({
            Field: z.string().optional(),
            Values: z.array(z.string()).optional(),
            PathPatternConfig: z.object({ Values: z.array(z.string()).optional() }).optional(),
          }),
        )
        .optional(),
      Actions: z.array(AwsAction).optional(),
    }),
  ),
  NextMarker: z.string().optional(),
});
const TargetGroupsReply = z.object({
  TargetGroups: z.array(
    z.object({
      TargetGroupArn: z.string(),
      TargetGroupName: z.string(),
      Port: z.number().int().optional(),
      Protocol: z.string().optional(),
      HealthCheckPath: z.string().optional(),
    }),
  ),
  NextMarker: z.string().optional(),
});
const TargetHealthReply = z.object({
  TargetHealthDescriptions: z.array(
    z.object({
      Target: z.object({ Id: z.string(), Port: z.number().int().optional() }),
      TargetHealth: z.object({ State: z.string(), Reason: z.string().optional() }),
    }),
  ),
});

/** ELBv2 load balancer names: up to 32 letters, digits and hyphens. */
const LOAD_BALANCER_NAME = /^[A-Za-z0-9-]{1,32}$/;

/** Reads every page of a marker-paged ELBv2 call. */
async function allPages<T>(call: (marker: string | undefined) => Promise<{ items: T[]; next?: string }>) {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await call(marker);
    items.push(...page.items);
    marker = page.next;
  } while (marker);
  return items;
}

function forwardsOf(actions: readonly z.infer<typeof AwsAction>[]): ForwardTarget[] {
  const forward = actions.find((a) => a.Type === 'forward');
  if (!forward) return [];
  if (forward.ForwardConfig?.TargetGroups.length) {
    return forward.ForwardConfig.TargetGroups.map((g) => ({
      targetGroupArn: g.TargetGroupArn,
      weight: g.Weight ?? 1,
    }));
  }
  return forward.TargetGroupArn ? [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }] : [];
}

/** A whole load balancer described over the AWS SDK v3 client: its listeners, rules, target groups and targets. */
export class AwsLoadBalancerDescriptions implements LoadBalancerDescriptions {
  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  async describe(nameOrDnsName: string): Promise<DescribedLoadBalancer | undefined> {
    const lb = await this.find(nameOrDnsName);
    if (!lb) return undefined;
    const [listeners, targetGroups] = await Promise.all([
      this.listeners(lb.LoadBalancerArn),
      this.targetGroups(lb.LoadBalancerArn),
    ]);
    return {
      arn: lb.LoadBalancerArn,
      name: lb.LoadBalancerName,
      dnsName: lb.DNSName,
      scheme: lb.Scheme ?? 'internet-facing',
      listeners,
      targetGroups,
    };
  }

  private async find(nameOrDnsName: string): Promise<z.infer<typeof AwsLoadBalancer> | undefined> {
    if (LOAD_BALANCER_NAME.test(nameOrDnsName)) {
      try {
        const reply = await this.client.send(new DescribeLoadBalancersCommand({ Names: [nameOrDnsName] }));
        return parseReply(LoadBalancersReply, 'DescribeLoadBalancers', reply).LoadBalancers[0];
      } catch (e) {
        if (e instanceof Error && /LoadBalancerNotFound/.test(e.name)) return undefined;
        throw e;
      }
    }
    // a DNS name: ELBv2 looks load balancers up by name or ARN only
    const all = await allPages(async (Marker) => {
      const reply = parseReply(
        LoadBalancersReply,
        'DescribeLoadBalancers',
        await this.client.send(new DescribeLoadBalancersCommand({ Marker })),
      );
      return { items: reply.LoadBalancers, next: reply.NextMarker };
    });
    const wanted = nameOrDnsName.toLowerCase();
    return all.find((lb) => lb.DNSName.toLowerCase() === wanted);
  }

  private async listeners(loadBalancerArn: string): Promise<DescribedListener[]> {
    const listeners = await allPages(async (Marker) => {
      const reply = parseReply(
        ListenersReply,
        'DescribeListeners',
        await this.client.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, Marker })),
      );
      return { items: reply.Listeners, next: reply.NextMarker };
    });
    return Promise.all(
      listeners
        .sort((a, b) => a.Port - b.Port)
        .map(async (l) => ({
          arn: l.ListenerArn,
          port: l.Port,
          protocol: l.Protocol ?? 'HTTP',
          rules: await this.rules(l.ListenerArn),
        })),
    );
  }

  private async rules(listenerArn: string): Promise<DescribedRule[]> {
    const rules = await allPages(async (Marker) => {
      const reply = parseReply(
        RulesReply,
        'DescribeRules',
        await this.client.send(new DescribeRulesCommand({ ListenerArn: listenerArn, Marker })),
      );
      return { items: reply.Rules, next: reply.NextMarker };
    });
    return rules
      .map((r): DescribedRule => {
        const isDefault = r.IsDefault === true || r.Priority === 'default';
        return {
          isDefault,
          priority: isDefault ? Number.MAX_SAFE_INTEGER : Number(r.Priority),
          paths: (r.Conditions ?? [])
            .filter((c) => c.Field === 'path-pattern')
            .flatMap((c) => c.PathPatternConfig?.Values ?? c.Values ?? []),
          forwards: forwardsOf(r.Actions ?? []),
        };
      })
      .sort((a, b) => a.priority - b.priority);
  }

  private async targetGroups(loadBalancerArn: string): Promise<DescribedTargetGroup[]> {
    const groups = await allPages(async (Marker) => {
      const reply = parseReply(
        TargetGroupsReply,
        'DescribeTargetGroups',
        await this.client.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: loadBalancerArn, Marker })),
      );
      return { items: reply.TargetGroups, next: reply.NextMarker };
    });
    return Promise.all(
      groups.map(async (g) => {
        const health = parseReply(
          TargetHealthReply,
          'DescribeTargetHealth',
          await this.client.send(new DescribeTargetHealthCommand({ TargetGroupArn: g.TargetGroupArn })),
        );
        return {
          arn: g.TargetGroupArn,
          name: g.TargetGroupName,
          ...(g.Port !== undefined ? { port: g.Port } : {}),
          ...(g.Protocol !== undefined ? { protocol: g.Protocol } : {}),
          ...(g.HealthCheckPath !== undefined ? { healthCheckPath: g.HealthCheckPath } : {}),
          targets: health.TargetHealthDescriptions.map((d) => ({
            id: d.Target.Id,
            ...(d.Target.Port !== undefined ? { port: d.Target.Port } : {}),
            state: d.TargetHealth.State,
            ...(d.TargetHealth.Reason !== undefined ? { reason: d.TargetHealth.Reason } : {}),
          })),
        };
      }),
    );
  }
}
