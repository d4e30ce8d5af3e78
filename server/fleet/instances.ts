/** An EC2 instance as the fleet views show it: where it is, how to reach it, what it was launched from. */
export interface InstanceAddress {
  readonly instanceId: string;
  /** The AWS account that owns it (its reservation's). */
  readonly ownerId: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`. */
  readonly state: string;
  /** EC2's code of the state (16 running, 48 terminated, ...). */
  readonly stateCode: number;
  readonly availabilityZone: string;
  /** Undefined once the instance is terminated. */
  readonly privateIpAddress?: string;
  readonly privateDnsName?: string;
  /** ISO 8601. */
  readonly launchTime: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Which instances to list: every filter given must hold (a tag filter needs the tag with that value). */
export interface InstanceFilter {
  readonly tags?: Readonly<Record<string, string>>;
  readonly instanceIds?: readonly string[];
  readonly privateIpAddress?: string;
}

/** EC2 instances as the portal reads them (the one port for instance details). */
export interface Instances {
  /** The instances among `ids` that EC2 still knows, in batched calls. */
  describe(ids: readonly string[]): Promise<InstanceAddress[]>;
  /** The instances matching the filter (terminated ones too, while EC2 still shows them), every page. */
  list(filter: InstanceFilter): Promise<InstanceAddress[]>;
}
