import type {
  Deployment,
  DeploymentLogLine,
  DeploymentPlan,
  NewDeployment,
} from '@shared/deployments/deployment';
import { isTerminal } from '@shared/deployments/deployment';
import { ulid } from '../audit/ulid';
import type { Principal } from '../auth/principal';
import type { Actor, RecordStore } from '../catalogue/record-store';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { authorize } from '../authorization/authorize';
import { assessDeployment } from '../governance/deployability';
import { withCurrentFleet } from './current-fleet';
import type {
  DeploymentAuditNote,
  DeploymentQuery,
  DeploymentStore,
  StoredDeployment,
} from './deployment-store';
import type { FleetOperations } from './fleet-operations';

/** The API form of a stored deployment. */
export function deploymentView(d: StoredDeployment): Deployment {
  return { DeploymentID: d.id, Value: d.value, Version: d.version };
}

/** The audit note of a user's change to a deployment as it was read. */
function updatedBy(actor: Actor, before: StoredDeployment): DeploymentAuditNote {
  return { actor, changeType: 'Updated', previous: before.value };
}

/** Deployment requests: governance, dry runs, the durable record, history, logs and cancellation. */
export class Deployments {
  constructor(
    private readonly catalogue: RecordStore,
    private readonly store: DeploymentStore,
    private readonly fleet: FleetOperations,
  ) {}

  /** Runs every governance check and says what would happen, changing nothing. */
  async plan(request: NewDeployment, principal: Principal): Promise<DeploymentPlan> {
    return withCurrentFleet(await assessDeployment(request, principal, this.catalogue), this.fleet);
  }

  /**
   * Accepts a deployment: checks, then writes it Queued with its target lock (409 if one runs already) and
   * its audit entry.
   */
  async start(request: NewDeployment, principal: Principal, actor: Actor): Promise<Deployment> {
    const plan = await this.plan(request, principal);
    const id = ulid();
    const value: Deployment['Value'] = {
      EnvironmentName: plan.environment,
      EnvironmentType: plan.environmentType,
      ServiceName: plan.service,
      ServiceVersion: plan.version,
      ServiceSlice: plan.slice,
      ServerRoleName: plan.serverRole,
      OwningCluster: plan.owningCluster,
      AutoScalingGroupName: plan.autoScalingGroupName,
      DeploymentType: plan.mode,
      Status: 'Queued',
      User: principal.username,
      StartTimestamp: new Date().toISOString(),
      PackageLocation: request.packageLocation,
      CanarySteps: plan.canarySteps,
      BakeSeconds: plan.bakeSeconds,
      RequireApproval: plan.requireApproval,
      Reason: request.reason,
      Ticket: request.ticket,
      Steps: plan.steps.map((name) => ({ name, status: 'pending', attempts: 0, outputs: {} })),
    };
    const stored = await this.store.create(id, value, { actor, changeType: 'Created' });
    await this.store.appendLog(id, [
      {
        level: 'info',
        message: `${principal.username} requested ${plan.service}@${plan.version} on ${plan.autoScalingGroupName} (${plan.mode === 'bg' ? `blue/green, ${plan.slice} slice` : 'scale-up patching'})`,
      },
    ]);
    return deploymentView(stored);
  }

  async get(id: string): Promise<Deployment> {
    const d = await this.store.get(id);
    if (!d) throw new NotFoundError(`no deployment ${id}`);
    return deploymentView(d);
  }

  async list(query: DeploymentQuery): Promise<{ items: Deployment[]; next?: string }> {
    const page = await this.store.list(query);
    return { items: page.items.map(deploymentView), next: page.next };
  }

  async log(id: string): Promise<DeploymentLogLine[]> {
    await this.get(id);
    return this.store.log(id);
  }

  /** Re-reads and re-applies a change while the engine's own saves make the version stale. */
  private async retryStale<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (!(e instanceof ConflictError) || !e.message.includes('is stale') || attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
      }
    }
  }

  /** Stops a running deployment and undoes what it did; it ends Rolled Back (needs `deploy` for its target). */
  rollBack(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    return this.retryStale(async () => {
      const d = await this.store.get(id);
      if (!d) throw new NotFoundError(`no deployment ${id}`);
      await authorize(principal, {
        action: 'deploy',
        scopes: [{ cluster: d.value.OwningCluster, environmentType: d.value.EnvironmentType }],
      });
      if (isTerminal(d.value.Status)) {
        throw new ConflictError(
          `deployment ${id} is ${d.value.Status}: deploy the previous version to go back (or flip the slices)`,
        );
      }
      if (d.value.Status === 'Rolling Back' || d.value.RollbackRequestedBy)
        throw new ConflictError(`deployment ${id} is already rolling back`);
      const halving = d.value.Steps.find((s) => s.name === 'remove-old-instances');
      if (halving && halving.status !== 'pending') {
        throw new ConflictError(
          `deployment ${id} is past removing the old instances: deploy the previous version to go back`,
        );
      }
      const saved = await this.store.save(
        id,
        d.version,
        { ...d.value, RollbackRequestedBy: principal.username },
        updatedBy(actor, d),
      );
      await this.store.appendLog(id, [
        { level: 'warn', message: `${principal.username} asked for a rollback` },
      ]);
      return deploymentView(saved);
    });
  }

  /** Approves a deployment waiting for approval (needs `approve-deployments` for its cluster and type; not your own). */
  approve(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    return this.retryStale(() => this.approveOnce(id, principal, actor));
  }

  private async approveOnce(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    const d = await this.store.get(id);
    if (!d) throw new NotFoundError(`no deployment ${id}`);
    await authorize(principal, {
      action: 'approve-deployments',
      scopes: [{ cluster: d.value.OwningCluster, environmentType: d.value.EnvironmentType }],
    });
    if (!d.value.RequireApproval) throw new ConflictError(`deployment ${id} needs no approval`);
    if (d.value.ApprovedBy) throw new ConflictError(`deployment ${id} was approved by ${d.value.ApprovedBy}`);
    if (isTerminal(d.value.Status)) throw new ConflictError(`deployment ${id} is already ${d.value.Status}`);
    if (d.value.User === principal.username)
      throw new ConflictError('a deployment needs someone other than its requester to approve it');
    const saved = await this.store.save(
      id,
      d.version,
      { ...d.value, ApprovedBy: principal.username },
      updatedBy(actor, d),
    );
    await this.store.appendLog(id, [{ level: 'info', message: `approved by ${principal.username}` }]);
    return deploymentView(saved);
  }

  /**
   * Cancels a deployment (needs `deploy` for its cluster and environment type). One that has not started
   * changing the fleet ends Cancelled at once; a running one is asked to stop and undo.
   */
  cancel(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    return this.retryStale(() => this.cancelOnce(id, principal, actor));
  }

  private async cancelOnce(id: string, principal: Principal, actor: Actor): Promise<Deployment> {
    const d = await this.store.get(id);
    if (!d) throw new NotFoundError(`no deployment ${id}`);
    await authorize(principal, {
      action: 'deploy',
      scopes: [{ cluster: d.value.OwningCluster, environmentType: d.value.EnvironmentType }],
    });
    if (isTerminal(d.value.Status)) throw new ConflictError(`deployment ${id} is already ${d.value.Status}`);
    const started = d.value.Steps.some((s) => s.status !== 'pending' && s.name !== 'await-approval');
    if (started) {
      if (d.value.CancelRequestedBy) throw new ConflictError(`deployment ${id} is already being cancelled`);
      // the engine stops it and undoes what it did, then ends it Cancelled
      const asked = await this.store.save(
        id,
        d.version,
        { ...d.value, CancelRequestedBy: principal.username },
        updatedBy(actor, d),
      );
      await this.store.appendLog(id, [{ level: 'warn', message: `${principal.username} asked to cancel` }]);
      return deploymentView(asked);
    }
    const saved = await this.store.save(
      id,
      d.version,
      {
        ...d.value,
        Status: 'Cancelled',
        EndTimestamp: new Date().toISOString(),
        ErrorReason: `cancelled by ${principal.username}`,
        Steps: d.value.Steps.map((s) => (s.status === 'pending' ? { ...s, status: 'skipped' } : s)),
      },
      updatedBy(actor, d),
    );
    await this.store.appendLog(id, [{ level: 'warn', message: `cancelled by ${principal.username}` }]);
    return deploymentView(saved);
  }
}
