import type { SliceName } from '@shared/fleet/slice-name';

/** A target registered with a target group and what the load balancer thinks of it. */
export interface TargetState {
  readonly id: string;
  /** `initial`, `healthy`, `unhealthy`, `unused`, `draining` or `unavailable`. */
  readonly state: string;
}

/** A slice's target group: its weight on the listener and its targets. */
export interface SliceTargetGroup {
  readonly arn: string;
  readonly weight: number;
  readonly targets: readonly TargetState[];
}

/** How a blue/green role's listener splits traffic between its slices. */
export interface SliceRouting {
  readonly listenerArn: string;
  readonly slices: Readonly<Record<SliceName, SliceTargetGroup>>;
}

/** The names of a blue/green role's load balancer and slice target groups. */
export interface SliceRoutingNames {
  readonly loadBalancer: string;
  readonly targetGroups: Readonly<Record<SliceName, string>>;
}

/** What the fleet views need of Elastic Load Balancing. */
export interface LoadBalancerGateway {
  /** The routing of the load balancer's port-80 listener, or undefined when it or a target group is missing. */
  sliceRouting(names: SliceRoutingNames): Promise<SliceRouting | undefined>;
  /** Forwards the listener's default action to the target groups by these weights. */
  setWeights(
    listenerArn: string,
    weights: readonly { targetGroupArn: string; weight: number }[],
  ): Promise<void>;
}
