import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { ScheduledAction, ScheduledActionPut } from '@shared/fleet/scheduled-action';

/** A change of a group: capacity and the launch template version it launches from. */
export interface GroupChange {
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly desiredCapacity?: number;
  readonly launchTemplate?: { readonly id: string; readonly version: string };
  readonly defaultCooldown?: number;
  readonly healthCheckType?: string;
  readonly healthCheckGracePeriod?: number;
  readonly terminationPolicies?: readonly string[];
  readonly newInstancesProtectedFromScaleIn?: boolean;
}

/**
 * Auto Scaling as the portal uses it (the one port for the fleet views and the deployment engine). Every
 * reply is parsed at the adapter: a reply missing a field the portal relies on (an instance's
 * HealthStatus, say) is an AwsReplyError, never a default.
 */
export interface AutoScaling {
  /** The groups that exist among `names` (missing names are left out), in batched calls. */
  describeGroups(names: readonly string[]): Promise<AutoScalingGroup[]>;
  /** Every group of the account and region, page by page. */
  listGroups(): Promise<AutoScalingGroup[]>;
  /** Changes capacity or launch template; AWS's refusal of a size is an InputError naming the field. */
  updateGroup(name: string, change: GroupChange): Promise<void>;
  suspendProcesses(name: string, processes: readonly string[]): Promise<void>;
  resumeProcesses(name: string, processes: readonly string[]): Promise<void>;
  setProtection(name: string, instanceIds: readonly string[], protect: boolean): Promise<void>;
  /** Terminates an instance of its group, lowering the desired capacity (it drains first). */
  terminateInstance(instanceId: string): Promise<void>;
  /** Deletes a group with its instances (they are terminated first). */
  deleteGroup(name: string): Promise<void>;
  /** The group's scheduled scaling actions, every page. */
  scheduledActions(name: string): Promise<ScheduledAction[]>;
  /**
   * Creates a scheduled action or updates it (Auto Scaling keeps what an update leaves out); AWS's
   * refusal is an InputError naming the body's field.
   */
  putScheduledAction(name: string, actionName: string, action: ScheduledActionPut): Promise<void>;
  /** Deletes a scheduled action; NotFoundError when the group has none of that name. */
  deleteScheduledAction(name: string, actionName: string): Promise<void>;
  /**
   * Moves InService instances of the group into Standby: deregistered from its target groups (drained
   * first), its desired capacity lowered by as many, or not (`decrementDesired` false: it launches
   * replacements).
   */
  enterStandby(name: string, instanceIds: readonly string[], decrementDesired: boolean): Promise<void>;
  /** Moves Standby instances back into service (its desired capacity goes up by as many). */
  exitStandby(name: string, instanceIds: readonly string[]): Promise<void>;
  /** Sets a tag of a group (and, with `propagateAtLaunch`, of the instances it launches from now on). */
  setTag(name: string, key: string, value: string, propagateAtLaunch: boolean): Promise<void>;
  /** Removes a tag of a group (nothing happens when it has none). */
  deleteTag(name: string, key: string): Promise<void>;
  /** Every group carrying a tag with one of these keys, with its value (DescribeTags, page by page). */
  groupsTagged(keys: readonly string[]): Promise<Map<string, string>>;
}
