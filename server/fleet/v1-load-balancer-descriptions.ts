/** A target group a listener forwards to, with its relative weight (0-999, as ELBv2 keeps it). */
export interface ForwardTarget {
  readonly targetGroupArn: string;
  readonly weight: number;
}

/** A listener rule: the path patterns it matches (none for the default rule) and where it forwards. */
export interface DescribedRule {
  readonly isDefault: boolean;
  /** The rule's priority as ELBv2 orders them; the default rule comes last. */
  readonly priority: number;
  readonly paths: readonly string[];
  readonly forwards: readonly ForwardTarget[];
}

/** A listener of a load balancer with its rules (the default rule last). */
export interface DescribedListener {
  readonly arn: string;
  readonly port: number;
  readonly protocol: string;
  readonly rules: readonly DescribedRule[];
}

/** A registered target as the load balancer sees it. */
export interface DescribedTarget {
  readonly id: string;
  readonly port?: number;
  /** `initial`, `healthy`, `unhealthy`, `unused`, `draining` or `unavailable`. */
  readonly state: string;
  readonly reason?: string;
}

/** A target group of a load balancer and its targets. */
export interface DescribedTargetGroup {
  readonly arn: string;
  readonly name: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly healthCheckPath?: string;
  readonly targets: readonly DescribedTarget[];
}

/** A load balancer with its listeners, rules and target groups, as the v1 views of NGINX and Consul read it. */
export interface DescribedLoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly dnsName: string;
  /** `internet-facing` or `internal`. */
  readonly scheme: string;
  readonly listeners: readonly DescribedListener[];
  readonly targetGroups: readonly DescribedTargetGroup[];
}

/**
 * What the v1 load balancer views need of ELBv2 beyond a blue/green role's routing (LoadBalancing): a whole
 * load balancer described. Read only; every reply parsed at the adapter.
 */
export interface LoadBalancerDescriptions {
  /** The load balancer of this name or DNS name, described; undefined when there is none. */
  describe(nameOrDnsName: string): Promise<DescribedLoadBalancer | undefined>;
}

/** The share of a listener's traffic that goes to a target group, in percent (0 when it gets none). */
export function trafficShare(forwards: readonly ForwardTarget[], targetGroupArn: string): number {
  const total = forwards.reduce((sum, f) => sum + f.weight, 0);
  const own = forwards.find((f) => f.targetGroupArn === targetGroupArn)?.weight ?? 0;
  return total === 0 ? 0 : Math.round((own * 100) / total);
}
