import type { SliceName } from '@shared/fleet/slice-name';
import type { SliceRoutingNames } from './fleet-names';

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

/** Elastic Load Balancing as the portal uses it (the one port for the fleet views and the engine). */
export interface LoadBalancing {
  /** The routing of the role's listener, or undefined when it, its load balancer or a target group is missing. */
  sliceRouting(names: SliceRoutingNames): Promise<SliceRouting | undefined>;
  /** The targets of a target group with their health. */
  targetHealth(targetGroupArn: string): Promise<TargetState[]>;
  /** Forwards the listener's default action to the target groups by these weights. */
  setWeights(
    listenerArn: string,
    weights: readonly { readonly targetGroupArn: string; readonly weight: number }[],
  ): Promise<void>;
}
