import { z } from 'zod';
import type { DescribedLoadBalancer } from './v1-load-balancer-descriptions';
import { upstreamName } from './v1-upstream-names';

/** The original's `LBSetting` (an NGINX virtual host), read from a blue/green role's load balancer. */
export const LBSetting = z
  .object({
    EnvironmentName: z.string(),
    VHostName: z.string().describe("the load balancer's name"),
    Value: z.object({
      EnvironmentName: z.string(),
      VHostName: z.string(),
      FrontEnd: z.boolean().describe('the load balancer is internet-facing'),
      ServerName: z.array(z.string()).describe("the load balancer's DNS name"),
      Listen: z.array(z.object({ Port: z.number().int(), SSL: z.boolean(), IP: z.null() })),
      Locations: z.array(
        z.object({
          Path: z.string().describe("a listener rule's path pattern (`/` for the default rule)"),
          ProxyPass: z.string().describe('`http://{upstream}` of each service the role hosts'),
        }),
      ),
      SSLCertificate: z.null(),
      SSLKey: z.null(),
    }),
  })
  .meta({ id: 'LBSetting' });
export type LBSetting = z.infer<typeof LBSetting>;

/** The virtual host of a role's load balancer: its listeners, and a location per rule path and hosted service. */
export function lbSettingView(
  environment: string,
  services: readonly string[],
  lb: DescribedLoadBalancer,
): LBSetting {
  const locations = new Map<string, { Path: string; ProxyPass: string }>();
  for (const listener of lb.listeners) {
    for (const rule of listener.rules) {
      for (const Path of rule.isDefault ? ['/'] : rule.paths) {
        for (const service of services) {
          const ProxyPass = `http://${upstreamName(environment, service)}`;
          locations.set(`${Path}\u0000${ProxyPass}`, { Path, ProxyPass });
        }
      }
    }
  }
  return {
    EnvironmentName: environment,
    VHostName: lb.name,
    Value: {
      EnvironmentName: environment,
      VHostName: lb.name,
      FrontEnd: lb.scheme === 'internet-facing',
      ServerName: [lb.dnsName],
      Listen: lb.listeners.map((l) => ({ Port: l.port, SSL: l.protocol === 'HTTPS', IP: null })),
      Locations: [...locations.values()],
      SSLCertificate: null,
      SSLKey: null,
    },
  };
}
