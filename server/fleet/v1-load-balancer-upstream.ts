import { z } from 'zod';
import type { DescribedLoadBalancer } from './v1-load-balancer-descriptions';

/** How NGINX's upstream status named a server's state, for a target's state in its target group. */
const NGINX_STATES: Readonly<Record<string, string>> = {
  healthy: 'up',
  unhealthy: 'unhealthy',
  initial: 'checking',
  draining: 'draining',
  unused: 'down',
  unavailable: 'unavail',
};

/** The original's `LoadBalancerUpstream`: one per target group of the load balancer, its targets as servers. */
export const LoadBalancerUpstream = z
  .object({
    Name: z.string().describe('the target group'),
    Hosts: z.array(
      z.object({
        Server: z.string().describe('`{instance id}:{port}`'),
        State: z.string().describe('up, unhealthy, checking, draining, down or unavail'),
        HealthChecks: z.object({
          unhealthy: z.number().int().describe('1 while the load balancer finds the target unhealthy'),
        }),
        Reason: z.string().optional().describe("ELBv2's reason code for the state"),
      }),
    ),
  })
  .meta({ id: 'LoadBalancerUpstream' });
export type LoadBalancerUpstream = z.infer<typeof LoadBalancerUpstream>;

/** The `/load-balancer/{id}` reply: the load balancer's target groups and their targets, as NGINX listed upstreams. */
export function loadBalancerUpstreamsView(lb: DescribedLoadBalancer): LoadBalancerUpstream[] {
  return lb.targetGroups
    .map((tg) => ({
      Name: tg.name,
      Hosts: tg.targets.map((t) => ({
        Server: `${t.id}:${t.port ?? tg.port ?? 80}`,
        State: NGINX_STATES[t.state] ?? t.state,
        HealthChecks: { unhealthy: t.state === 'unhealthy' ? 1 : 0 },
        ...(t.reason ? { Reason: t.reason } : {}),
      })),
    }))
    .sort((a, b) => a.Name.localeCompare(b.Name));
}
