/** An EC2 instance as the fleet views show it: where it is and how to reach it. */
export interface InstanceAddress {
  readonly instanceId: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`. */
  readonly state: string;
  readonly availabilityZone: string;
  /** Undefined once the instance is terminated. */
  readonly privateIpAddress?: string;
  readonly launchTime?: string;
  readonly imageId?: string;
  readonly instanceType?: string;
}

/** EC2 instances as the portal reads them (the one port for instance details). */
export interface Instances {
  /** The instances among `ids` that EC2 still knows, in batched calls. */
  describe(ids: readonly string[]): Promise<InstanceAddress[]>;
}
