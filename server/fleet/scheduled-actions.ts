import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { ScheduledAction, ScheduledActionPut } from '@shared/fleet/scheduled-action';
import type { Actor } from '../catalogue/record-store';
import { InputError, NotFoundError } from '../errors/domain-errors';
import { locateGroup, type Accounts } from './accounts';
import type { AutoScaling } from './auto-scaling';
import type { FleetOperationAudit } from './fleet-operation-audit';
import { assertGroupMayChange, type GroupChangeGuards } from './group-change-refusal';

/** What a group's scheduled actions are read and changed with. */
export interface ScheduledActionsParts extends GroupChangeGuards {
  readonly accounts: Accounts;
  readonly audit: FleetOperationAudit;
  readonly now: () => number;
}

/** The fields of a scheduled action a put may leave out (Auto Scaling keeps them on an update). */
const FIELDS = [
  'Recurrence',
  'TimeZone',
  'StartTime',
  'EndTime',
  'MinSize',
  'MaxSize',
  'DesiredCapacity',
] as const;

/** Whether the put leaves out something the action has: Auto Scaling would keep it, a PUT removes it. */
function dropsField(before: ScheduledAction, put: ScheduledActionPut): boolean {
  return FIELDS.some(
    (f) =>
      put[f] === undefined &&
      before[f] !== null &&
      // a recurring action's StartTime is its next run, not something it was given
      !(f === 'StartTime' && before.Recurrence !== null),
  );
}

const byName = (a: ScheduledAction, b: ScheduledAction) =>
  a.ScheduledActionName.localeCompare(b.ScheduledActionName);

/**
 * A group's scheduled scaling actions (Auto Scaling's PutScheduledUpdateGroupAction): listed, put
 * (created, or replaced as a whole) and deleted by hand, while the environment's deployments are unlocked
 * and no deployment or patch holds the group, each change audited. Who may is checked around it.
 */
export class ScheduledActions {
  constructor(
    private readonly parts: ScheduledActionsParts,
    /** The group, checked to be one of the environment's when one is given (NotFoundError otherwise). */
    private readonly groupOf: (name: string, environment?: string) => Promise<AutoScalingGroup>,
  ) {}

  /** `GET /asgs/{name}/scheduled-actions`, by name. */
  async list(name: string, environment?: string): Promise<ScheduledAction[]> {
    await this.groupOf(name, environment);
    return (await (await this.autoScaling(name, environment)).scheduledActions(name)).sort(byName);
  }

  /** The Auto Scaling port of the group's account: its environment's, or the account that has it. */
  private async autoScaling(name: string, environment?: string): Promise<AutoScaling> {
    if (environment !== undefined)
      return (await this.parts.accounts.ofEnvironment(environment)).fleet.autoScaling;
    const found = await locateGroup(this.parts.accounts, name);
    if (!found) throw new NotFoundError(`ASG ${name} does not exist`);
    return found.account.fleet.autoScaling;
  }

  private async find(
    autoScaling: AutoScaling,
    group: string,
    actionName: string,
  ): Promise<ScheduledAction | undefined> {
    return (await autoScaling.scheduledActions(group)).find((a) => a.ScheduledActionName === actionName);
  }

  /** `PUT /asgs/{name}/scheduled-actions/{actionName}`: the action after the change. */
  async put(
    target: { readonly name: string; readonly environment: string },
    actionName: string,
    body: ScheduledActionPut,
    actor: Actor,
  ): Promise<ScheduledAction> {
    await assertGroupMayChange(this.parts, target);
    if (body.StartTime !== undefined && Date.parse(body.StartTime) <= this.parts.now()) {
      throw new InputError('the scheduled action starts in the past', [
        { field: 'body.StartTime', message: 'must be in the future' },
      ]);
    }
    const autoScaling = await this.autoScaling(target.name, target.environment);
    const before = await this.find(autoScaling, target.name, actionName);
    // made anew, so that what the body leaves out is gone rather than kept by Auto Scaling
    if (before && dropsField(before, body)) await autoScaling.deleteScheduledAction(target.name, actionName);
    await autoScaling.putScheduledAction(target.name, actionName, body);
    const after = await this.find(autoScaling, target.name, actionName);
    if (!after)
      throw new Error(`scheduled action ${actionName} of ${target.name} is not there after its put`);
    await this.parts.audit.record(
      {
        kind: 'ScheduledAction',
        key: target.name,
        changeType: before ? 'Updated' : 'Created',
        oldValue: before ?? null,
        newValue: after,
      },
      actor,
    );
    return after;
  }

  /** `DELETE /asgs/{name}/scheduled-actions/{actionName}`: the action as it was. */
  async remove(
    target: { readonly name: string; readonly environment: string },
    actionName: string,
    actor: Actor,
  ): Promise<ScheduledAction> {
    await assertGroupMayChange(this.parts, target);
    const autoScaling = await this.autoScaling(target.name, target.environment);
    const before = await this.find(autoScaling, target.name, actionName);
    if (!before) throw new NotFoundError(`ASG ${target.name} has no scheduled action ${actionName}`);
    await autoScaling.deleteScheduledAction(target.name, actionName);
    await this.parts.audit.record(
      {
        kind: 'ScheduledAction',
        key: target.name,
        changeType: 'Deleted',
        oldValue: before,
        newValue: null,
      },
      actor,
    );
    return before;
  }
}
