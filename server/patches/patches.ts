import type { ResourceScope } from '@shared/auth/permission';
import { IMAGE_PATCH_SERVICE, type Deployment } from '@shared/deployments/deployment';
import type { NewPatch, PatchOperation, PatchPlan, PatchStatus } from '@shared/patches/patch';
import { ulid } from '../audit/ulid';
import type { Actor } from '../catalogue/record-store';
import type { DeploymentScheduler } from '../deployments/deployment-scheduler';
import type { DeploymentStore, StoredDeployment } from '../deployments/deployment-store';
import { groupPatchId } from '../deployments/strategies/patch-operation';
import { stepNames } from '../deployments/strategies/strategy-for';
import { ConflictError, NotAllowedError, NotFoundError } from '../errors/domain-errors';
import { breakGlassLogLine, breakGlassRecordOf, type AnnounceBreakGlass } from '../governance/break-glass';
import { FreezeWindowError } from '../governance/freeze-windows';
import { patchScopes, planPatch, type PatchPlannerParts } from './patch-planner';

/** What patches are built from: the planner's parts, the deployment store and the engine. */
export interface PatchesParts extends PatchPlannerParts {
  readonly store: DeploymentStore;
  readonly scheduler: DeploymentScheduler;
  /** Told of each patch that broke the glass past a freeze window, once it is recorded. */
  readonly announceBreakGlass?: AnnounceBreakGlass;
}

/** How far back `GET /patches` looks by default. */
const LIST_DAYS = 30;

/** The operation's status, from its record's: a rollback of the operation is its groups stopping. */
function statusOf(d: Deployment['Value']): PatchStatus {
  switch (d.Status) {
    case 'Queued':
    case 'In Progress':
    case 'Awaiting Approval':
    case 'Success':
    case 'Cancelled':
      return d.Status;
    case 'Rolling Back':
      return 'Stopping';
    default:
      return d.CancelRequestedBy || d.RollbackRequestedBy ? 'Cancelled' : 'Failed';
  }
}

/**
 * Image patch operations: a plan, run as one engine record (`patch-operation`) that starts each group's
 * own patch (`patch`, a scale-up patch onto the new image), at most MaxParallel at once. Who may patch
 * which group is decided around it (AuthorizedPatches), not here.
 */
export class Patches {
  constructor(private readonly parts: PatchesParts) {}

  /** The permission scopes the request selects: its groups' role clusters with the environment type. */
  scopesOf(request: NewPatch): Promise<ResourceScope[]> {
    return patchScopes(request, this.parts.catalogue);
  }

  /** The plan of a patch, leaving out the groups `mayPatch` refuses. */
  async plan(request: NewPatch, mayPatch: (scope: ResourceScope) => boolean): Promise<PatchPlan> {
    return (await planPatch(request, this.parts, mayPatch)).plan;
  }

  /**
   * Accepts a patch: its plan (409 when it leaves nothing to patch, 403 when only for want of
   * permission, 423 when a freeze window holds its groups), written as one record with its audit entry
   * (and the break-glass override it made, if any), run by the engine.
   */
  async start(
    request: NewPatch,
    mayPatch: (scope: ResourceScope) => boolean,
    actor: Actor,
  ): Promise<PatchOperation> {
    const { plan, owningCluster, accountName } = await planPatch(request, this.parts, mayPatch);
    if (!plan.Groups.length) {
      if (plan.LeftOut.length && plan.LeftOut.every((g) => g.Reason === 'not-allowed')) {
        throw new NotAllowedError(`${actor.username} ${plan.LeftOut[0]!.Detail}`);
      }
      if (plan.FreezeWindow && plan.LeftOut.some((g) => g.Reason === 'freeze-window')) {
        const { Overridden: _overridden, ...window } = plan.FreezeWindow;
        throw new FreezeWindowError(request.environment, window);
      }
      const why = plan.LeftOut.map((g) => `${g.AutoScalingGroupName}: ${g.Reason}`).join('; ');
      throw new ConflictError(`nothing to patch in ${request.environment}${why ? ` (${why})` : ''}`);
    }
    const id = ulid();
    const now = this.parts.now();
    const breakGlass = breakGlassRecordOf(plan.FreezeWindow, request.breakGlass, actor.username, now);
    const value: Deployment['Value'] = {
      EnvironmentName: plan.EnvironmentName,
      EnvironmentType: plan.EnvironmentType,
      ServiceName: IMAGE_PATCH_SERVICE,
      ServiceVersion: plan.ToImage,
      ServiceSlice: 'none',
      ServerRoleName: '',
      OwningCluster: request.cluster ?? owningCluster,
      AutoScalingGroupName: '',
      Resources: { AutoScalingGroup: '' },
      DeploymentType: 'patch-operation',
      // the account its groups are patched in, as resolved now (each group's patch keeps it)
      ...(accountName !== undefined ? { AccountName: accountName } : {}),
      PatchOperation: {
        ToImage: plan.ToImage,
        MaxParallel: plan.MaxParallel,
        OnFailure: plan.OnFailure,
        ...(plan.Cluster ? { Cluster: plan.Cluster } : {}),
        Groups: plan.Groups,
        LeftOut: plan.LeftOut,
      },
      Status: 'Queued',
      User: actor.username,
      StartTimestamp: new Date(now).toISOString(),
      CanarySteps: [],
      BakeSeconds: 0,
      RequireApproval: plan.RequiresApproval,
      ...(request.reason ? { Reason: request.reason } : {}),
      ...(breakGlass ? { BreakGlass: breakGlass } : {}),
      Steps: stepNames({
        DeploymentType: 'patch-operation',
        CanarySteps: [],
        RequireApproval: plan.RequiresApproval,
      }).map((name) => ({ name, status: 'pending', attempts: 0, outputs: {} })),
    };
    const lease = this.parts.scheduler.leaseForNew(now);
    const stored = await this.parts.store.create(id, value, {
      audit: { actor, changeType: 'Created' },
      ...(lease ? { lease } : {}),
      log: [
        {
          at: new Date(now).toISOString(),
          level: 'info',
          message: `${actor.username} asked to patch ${plan.Groups.length} group(s) of ${plan.EnvironmentName} to ${plan.ToImage}, ${plan.MaxParallel} at a time (on failure: ${plan.OnFailure})`,
        },
        ...(breakGlass
          ? [
              {
                at: new Date(now).toISOString(),
                level: 'warn' as const,
                message: breakGlassLogLine(breakGlass),
              },
            ]
          : []),
      ],
    });
    this.parts.scheduler.adopt(stored);
    if (breakGlass) {
      await this.parts.announceBreakGlass?.({
        kind: 'patch',
        id,
        environment: plan.EnvironmentName,
        environmentType: plan.EnvironmentType,
        cluster: value.OwningCluster,
        subject: plan.ToImage,
        record: breakGlass,
      });
    }
    return this.view(stored);
  }

  /** One patch operation with its groups' patches (404 for an id that is not a patch). */
  async get(id: string): Promise<PatchOperation> {
    return this.view(await this.stored(id));
  }

  /** The permission scope of a patch: its cluster (or its environment's) and its environment type. */
  async scopeOf(id: string): Promise<ResourceScope> {
    const d = await this.stored(id);
    return { cluster: d.value.OwningCluster, environmentType: d.value.EnvironmentType };
  }

  /** The patch operations of the last LIST_DAYS days (of one environment), newest first. */
  async list(environment?: string): Promise<PatchOperation[]> {
    const until = this.parts.now();
    const page = await this.parts.store.list({
      since: until - LIST_DAYS * 24 * 3600 * 1000,
      until,
      service: IMAGE_PATCH_SERVICE,
      // the operations only: their groups' patches (the same service) would crowd them out of the page
      deploymentType: 'patch-operation',
      ...(environment ? { environment } : {}),
      limit: 100,
    });
    const operations = page.items;
    // every operation's groups in one read (batched by the store), not one read per group
    const children = await this.parts.store.getMany(operations.flatMap(groupIds));
    return operations.map((d) => view(d, children));
  }

  /** A patch operation as answered, its groups read in one batch. */
  private async view(d: StoredDeployment): Promise<PatchOperation> {
    return view(d, await this.parts.store.getMany(groupIds(d)));
  }

  private async stored(id: string): Promise<StoredDeployment> {
    const d = await this.parts.store.get(id);
    if (!d || d.value.DeploymentType !== 'patch-operation') throw new NotFoundError(`no patch ${id}`);
    return d;
  }
}

/** The ids of an operation's groups' patches, planned or started. */
function groupIds(d: StoredDeployment): string[] {
  return (d.value.PatchOperation?.Groups ?? []).map((_, i) => groupPatchId(d.id, i));
}

/** A patch operation as answered: its plan, and each group's status from its patch (`children`, by id). */
function view(d: StoredDeployment, children: ReadonlyMap<string, StoredDeployment>): PatchOperation {
  const v = d.value;
  const plan = v.PatchOperation!;
  const groups = plan.Groups.map((g, i) => {
    const child = children.get(groupPatchId(d.id, i));
    return {
      ...g,
      DeploymentID: groupPatchId(d.id, i),
      Status: child?.value.Status ?? 'Not started',
      ...(child?.value.ErrorReason ? { ErrorReason: child.value.ErrorReason } : {}),
    };
  });
  return {
    PatchID: d.id,
    EnvironmentName: v.EnvironmentName,
    EnvironmentType: v.EnvironmentType,
    ...(plan.Cluster ? { Cluster: plan.Cluster } : {}),
    OwningCluster: v.OwningCluster,
    ToImage: plan.ToImage,
    MaxParallel: plan.MaxParallel,
    OnFailure: plan.OnFailure,
    RequiresApproval: v.RequireApproval,
    ...(v.ApprovedBy ? { ApprovedBy: v.ApprovedBy } : {}),
    ...(v.Reason ? { Reason: v.Reason } : {}),
    ...(v.BreakGlass ? { BreakGlass: v.BreakGlass } : {}),
    User: v.User,
    Status: statusOf(v),
    StartTimestamp: v.StartTimestamp,
    ...(v.EndTimestamp ? { EndTimestamp: v.EndTimestamp } : {}),
    ...(v.ErrorReason ? { ErrorReason: v.ErrorReason } : {}),
    Groups: groups,
    LeftOut: plan.LeftOut,
  };
}
