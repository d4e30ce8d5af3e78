import { randomInt } from 'node:crypto';
import { AwsError } from '../protocol/aws-error';
import type { XmlValue } from '../protocol/xml';
import type { ActionHandlers, Elbv2Context } from './elbv2-context';
import type { LoadBalancerRecord } from './elbv2-model';
import { page } from './page';
import { tagParams } from './tag-params';

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
/** The VPC aws-sim's subnets belong to (its EC2 keeps no VPCs). */
const SIM_VPC = 'vpc-0a1b2c3d4e5f60718';
/** The Route 53 zone of application load balancers, by region (others use eu-west-1's). */
const HOSTED_ZONES: Readonly<Record<string, string>> = {
  'eu-west-1': 'Z32O12XQLNTSW2',
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-central-1': 'Z215JYRZR1TBD5',
};

function loadBalancerXml(ctx: Elbv2Context, lb: LoadBalancerRecord): XmlValue {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: HOSTED_ZONES[ctx.cloud.region] ?? HOSTED_ZONES['eu-west-1'],
    CreatedTime: lb.createdTime,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((z) => ({
      ZoneName: z.zoneName,
      SubnetId: z.subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: lb.securityGroups,
    IpAddressType: lb.ipAddressType,
  };
}

function sameSettings(
  a: LoadBalancerRecord,
  b: Omit<LoadBalancerRecord, 'arn' | 'createdTime' | 'dnsName'>,
): boolean {
  return (
    a.scheme === b.scheme &&
    a.type === b.type &&
    JSON.stringify(a.zones.map((z) => z.subnetId).sort()) ===
      JSON.stringify(b.zones.map((z) => z.subnetId).sort())
  );
}

/** CreateLoadBalancer, DescribeLoadBalancers and DeleteLoadBalancer (application load balancers). */
export function loadBalancerActions(ctx: Elbv2Context): ActionHandlers {
  const { store, cloud } = ctx;
  return {
    CreateLoadBalancer(params) {
      const name = params.required('Name');
      if (!NAME.test(name) || name.startsWith('internal-'))
        throw new AwsError(
          'ValidationError',
          `Load balancer name '${name}' can only contain characters that are alphanumeric characters or hyphens(-), must not begin or end with a hyphen and must not begin with 'internal-'`,
        );
      const type = params.get('Type') ?? 'application';
      if (type !== 'application')
        throw new AwsError(
          'ValidationError',
          `aws-sim serves application load balancers only, not '${type}'`,
        );
      const scheme = params.get('Scheme') ?? 'internet-facing';
      if (scheme !== 'internet-facing' && scheme !== 'internal')
        throw new AwsError('InvalidScheme', `The scheme '${scheme}' is not valid`);
      const subnets = [
        ...params.members('Subnets'),
        ...params.memberStructs('SubnetMappings').map((m) => m.required('SubnetId')),
      ];
      const zones = cloud.ec2.availabilityZones();
      const mapped = subnets.map((subnetId, i) => ({
        subnetId,
        zoneName: zones[i % zones.length] ?? `${cloud.region}a`,
      }));
      if (new Set(mapped.map((z) => z.zoneName)).size < 2)
        throw new AwsError(
          'ValidationError',
          'At least two subnets in two different Availability Zones must be specified',
        );
      const settings = {
        name,
        scheme,
        type,
        ipAddressType: params.get('IpAddressType') ?? 'ipv4',
        vpcId: SIM_VPC,
        zones: mapped,
        securityGroups: params.members('SecurityGroups'),
        tags: tagParams(params),
      };
      const existing = [...store.loadBalancers.values()].find((lb) => lb.name === name);
      if (existing) {
        if (!sameSettings(existing, settings))
          throw new AwsError(
            'DuplicateLoadBalancerName',
            `A load balancer with the same name '${name}' exists, but with different settings`,
          );
        return { LoadBalancers: [loadBalancerXml(ctx, existing)] };
      }
      const lb: LoadBalancerRecord = {
        ...settings,
        arn: store.newLoadBalancerArn(name),
        createdTime: new Date().toISOString(),
        dnsName: `${scheme === 'internal' ? 'internal-' : ''}${name}-${randomInt(1e9, 2e9)}.${cloud.region}.elb.amazonaws.com`,
      };
      store.loadBalancers.set(lb.arn, lb);
      cloud.changed();
      return { LoadBalancers: [loadBalancerXml(ctx, lb)] };
    },

    DescribeLoadBalancers(params) {
      const arns = params.members('LoadBalancerArns');
      const names = params.members('Names');
      if (arns.length && names.length)
        throw new AwsError(
          'ValidationError',
          'Load balancer ARNs and names cannot be specified at the same time',
        );
      let lbs = [...store.loadBalancers.values()];
      if (arns.length) lbs = arns.map((arn) => store.loadBalancer(arn));
      if (names.length)
        lbs = names.map((n) => {
          const lb = lbs.find((l) => l.name === n);
          if (!lb) throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
          return lb;
        });
      const p = page(lbs, params);
      return { LoadBalancers: p.items.map((lb) => loadBalancerXml(ctx, lb)), NextMarker: p.nextMarker };
    },

    async DeleteLoadBalancer(params) {
      const arn = params.required('LoadBalancerArn');
      if (!store.loadBalancers.has(arn)) return {};
      for (const l of store.listenersOf(arn)) store.listeners.delete(l.arn);
      store.loadBalancers.delete(arn);
      cloud.changed();
      await ctx.syncListeners();
      return {};
    },
  };
}
