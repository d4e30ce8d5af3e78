/** An instance of an ASG as the deployment engine sees it. */
export interface GroupInstance {
  readonly instanceId: string;
  readonly availabilityZone: string;
  readonly lifecycleState: string;
  readonly healthStatus: string;
  readonly launchTemplateVersion?: string;
  readonly protectedFromScaleIn: boolean;
}

/** An ASG as the deployment engine sees it. */
export interface GroupState {
  readonly name: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly launchTemplate: { readonly id: string; readonly name: string; readonly version: string };
  readonly instances: readonly GroupInstance[];
  readonly suspendedProcesses: readonly string[];
  readonly targetGroupArns: readonly string[];
}

/** A target's state in a target group. */
export interface TargetState {
  readonly instanceId: string;
  readonly state: string;
}

/** A blue/green role's listener and its two slices' target groups (weight and targets). */
export interface SliceTraffic {
  readonly listenerArn: string;
  readonly slices: Readonly<
    Record<
      'blue' | 'green',
      { readonly arn: string; readonly weight: number; readonly targets: readonly TargetState[] }
    >
  >;
}

/**
 * What the deployment steps do to the fleet (Auto Scaling, EC2 launch templates, ELBv2), behind one
 * interface: the AWS adapter implements it with the SDK clients, against AWS or aws-sim.
 */
export interface FleetOperations {
  describeGroups(names: readonly string[]): Promise<GroupState[]>;
  targetHealth(targetGroupArn: string): Promise<TargetState[]>;
  /** The number of a launch template version (`$Latest` and `$Default` resolved). */
  resolveTemplateVersion(templateId: string, version: string): Promise<string>;
  /** The services and versions a launch template version's instances run (from its user data). */
  templateServices(templateId: string, version: string): Promise<{ name: string; version: string }[]>;
  /** Creates a launch template version running `services` (idempotent by description); returns its number. */
  createTemplateVersion(
    templateId: string,
    sourceVersion: string,
    services: { name: string; version: string }[],
    description: string,
  ): Promise<string>;
  updateGroup(
    name: string,
    change: {
      minSize?: number;
      maxSize?: number;
      desiredCapacity?: number;
      launchTemplate?: { id: string; version: string };
    },
  ): Promise<void>;
  suspendProcesses(name: string, processes: readonly string[]): Promise<void>;
  resumeProcesses(name: string, processes: readonly string[]): Promise<void>;
  setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void>;
  /** Terminates an instance of the group, lowering the desired capacity (it drains first). */
  terminateInGroup(instanceId: string): Promise<void>;
  /** The traffic split of a blue/green role: load balancer `{environment}-{role}`, target groups `{environment}-{role}-{slice}`. */
  sliceTraffic(environment: string, role: string): Promise<SliceTraffic | undefined>;
  /** Sets the listener's weights (the two always add up to 100). */
  setWeights(
    listenerArn: string,
    weights: Readonly<Record<'blue' | 'green', { arn: string; weight: number }>>,
  ): Promise<void>;
}
