import type { AsgSizeChange } from '@shared/fleet/asg-size';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';

/** What the fleet views need of Auto Scaling. */
export interface AutoScalingGateway {
  /** The groups that exist among `names` (missing names are left out), in batched calls. */
  describeGroups(names: readonly string[]): Promise<AutoScalingGroup[]>;
  /** Sets any of min, desired and max; AWS's refusals become InputErrors naming the field. */
  resize(name: string, change: AsgSizeChange): Promise<void>;
}
