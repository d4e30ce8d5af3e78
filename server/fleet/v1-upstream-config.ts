import { z } from 'zod';
import type { ServiceUpstream } from './v1-service-upstream';
import { upstreamHosts } from './v1-service-upstream';
import { upstreamKey, upstreamName } from './v1-upstream-names';

/** The original's `UpstreamConfig`, read from a blue/green role's load balancer instead of stored. */
export const UpstreamConfig = z
  .object({
    key: z.string().describe('`/{environment}_{environment}-{service}/config`, as the original keyed it'),
    Value: z.object({
      EnvironmentName: z.string(),
      ServiceName: z.string(),
      UpstreamName: z.string().describe('`{environment}-{service}`'),
      Hosts: z.array(
        z.object({
          DnsName: z.string().describe("the slice's target group"),
          Port: z
            .number()
            .int()
            .describe("the service's port of the slice (its target group's when it has none)"),
          State: z.enum(['up', 'down']).describe('up: the slice gets traffic from the listener'),
          Weight: z.number().int().describe("the slice's share of the listener's traffic, in percent"),
        }),
      ),
    }),
  })
  .meta({ id: 'UpstreamConfig' });
export type UpstreamConfig = z.infer<typeof UpstreamConfig>;

/** The upstream record of a service upstream: one host per slice target group behind the listener. */
export function upstreamConfigView(u: ServiceUpstream): UpstreamConfig {
  return {
    key: upstreamKey(u.environment, u.service),
    Value: {
      EnvironmentName: u.environment,
      ServiceName: u.service,
      UpstreamName: upstreamName(u.environment, u.service),
      Hosts: upstreamHosts(u).map((h) => ({
        DnsName: h.targetGroup.name,
        Port: h.port,
        State: h.weight > 0 ? 'up' : 'down',
        Weight: h.weight,
      })),
    },
  };
}
