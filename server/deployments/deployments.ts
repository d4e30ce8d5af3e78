import type { ResourceScope } from '@shared/auth/permission';
import type {
  Deployment,
  DeploymentLogLine,
  DeploymentPlan,
  NewDeployment,
} from '@shared/deployments/deployment';
import { IMAGE_PATCH_SERVICE, isTerminal } from '@shared/deployments/deployment';
import { ulid } from '../audit/ulid';
import type { Actor, RecordStore } from '../catalogue/record-store';
import { ConflictError, NotFoundError, StaleVersionError } from '../errors/domain-errors';
import { passOf, type Accounts } from '../fleet/accounts';
import type { FleetPass } from '../fleet/fleet-pass';
import {
  assessDeployment,
  deploymentDestination,
  type AssessedPlan,
  type DeploymentDestination,
  type Requester,
} from '../governance/deployability';
import { breakGlassLogLine, breakGlassRecordOf, type AnnounceBreakGlass } from '../governance/break-glass';
import type { Clock } from './engine/clock';
import { dueNow } from './engine/record-outcome';
import { assertSliceIsIdle, withCurrentFleet } from './current-fleet';
import type { DeploymentScheduler } from './deployment-scheduler';
import type {
  DeploymentAuditNote,
  DeploymentQuery,
  DeploymentStore,
  StoredDeployment,
} from './deployment-store';
import type { DeploymentToggles } from '@shared/deployments/deployment-toggles';
import { checkToggles, plannedToggles, type CheckedToggles } from './deployment-toggle-request';
import { stepNames } from './strategies/strategy-for';
import type { ToggleSettings } from './toggle-settings';
import type { ToggleTarget } from '../toggles/feature-toggles';

/** The API form of a stored deployment. */
export function deploymentView(d: StoredDeployment): Deployment {
  return { DeploymentID: d.id, Value: d.value, Version: d.version };
}

/** The audit note of a user's change to a deployment as it was read. */
function updatedBy(actor: Actor, before: StoredDeployment): DeploymentAuditNote {
  return { actor, changeType: 'Updated', previous: before.value };
}

/** What deployment requests are made of. */
export interface DeploymentsParts {
  readonly catalogue: RecordStore;
  readonly store: DeploymentStore;
  /** The AWS accounts: a deployment works in its environment's, recorded when it is requested. */
  readonly accounts: Pick<Accounts, 'ofEnvironment' | 'ofEnvironmentType'>;
  readonly scheduler: DeploymentScheduler;
  readonly clock: Clock;
  /** Told of each deployment that broke the glass past a freeze window, once it is recorded. */
  readonly announceBreakGlass?: AnnounceBreakGlass;
  /** The feature toggles a request may carry changes of (none wired: such a request is refused). */
  readonly toggles?: ToggleSettings;
}

/**
 * Deployment requests: governance, dry runs, the durable record, history, logs, approval, cancel and
 * rollback. Who may do what is checked around it (AuthorizedDeployments), not here.
 */
export class Deployments {
  constructor(private readonly parts: DeploymentsParts) {}

  /** Where a request would go (404/400 for what does not exist or is ambiguous). */
  destination(request: NewDeployment): Promise<DeploymentDestination> {
    return deploymentDestination(request, this.parts.catalogue);
  }

  /**
   * The toggles a request would change, checked (a 400 naming the field for one that is not a live
   * toggle of the service): what the authorization layer asks manage-feature-toggles for.
   */
  async toggleTargets(request: NewDeployment): Promise<readonly ToggleTarget[]> {
    return (await checkToggles(request, this.parts.toggles)).targets;
  }

  private async assess(
    request: NewDeployment,
    destination: DeploymentDestination,
    requester: Requester,
  ): Promise<{ plan: DeploymentPlan; toggles: CheckedToggles }> {
    const plan: AssessedPlan = await assessDeployment(
      request,
      destination,
      requester,
      this.parts.catalogue,
      this.parts.clock.now(),
    );
    const toggles = await checkToggles(request, this.parts.toggles);
    return {
      plan: {
        ...plan,
        steps: stepNames({
          DeploymentType: plan.mode,
          CanarySteps: plan.canarySteps,
          RequireApproval: plan.requireApproval,
          ...(toggles.record ? { FeatureToggles: toggles.record } : {}),
        }),
        ...(await plannedToggles(request, toggles, plan, this.parts.toggles)),
      },
      toggles,
    };
  }

  private async pass(environment: string): Promise<FleetPass> {
    return passOf(await this.parts.accounts.ofEnvironment(environment));
  }

  /** Runs every remaining check and says what would happen, with what the fleet runs now; changes nothing. */
  async plan(
    request: NewDeployment,
    destination: DeploymentDestination,
    requester: Requester,
  ): Promise<DeploymentPlan> {
    const { plan } = await this.assess(request, destination, requester);
    return withCurrentFleet(plan, await this.pass(plan.environment));
  }

  /**
   * Accepts a deployment: checks, then writes it Queued with its target lock (409 if one runs already), its
   * audit entry and first log line, held by this process's engine when it runs one (which starts it now).
   */
  async start(
    request: NewDeployment,
    destination: DeploymentDestination,
    requester: Requester,
    actor: Actor,
  ): Promise<Deployment> {
    const { plan, toggles } = await this.assess(request, destination, requester);
    // the type the checks read: its account without reading the environment and its type again
    const account = destination.typeValue
      ? await this.parts.accounts.ofEnvironmentType(
          plan.environment,
          destination.environmentType,
          destination.typeValue,
        )
      : await this.parts.accounts.ofEnvironment(plan.environment);
    await assertSliceIsIdle(plan, passOf(account));
    const id = ulid();
    const now = this.parts.clock.now();
    const breakGlass = breakGlassRecordOf(plan.freezeWindow, request.breakGlass, requester.username, now);
    const value: Deployment['Value'] = {
      EnvironmentName: plan.environment,
      EnvironmentType: plan.environmentType,
      ServiceName: plan.service,
      ServiceVersion: plan.version,
      ServiceSlice: plan.slice,
      ServerRoleName: plan.serverRole,
      OwningCluster: plan.owningCluster,
      AutoScalingGroupName: plan.autoScalingGroupName,
      Resources: plan.resources,
      DeploymentType: plan.mode,
      // the account it works in, as resolved now: the engine signs every call of it for this account
      ...(account.accountName !== undefined ? { AccountName: account.accountName } : {}),
      Status: 'Queued',
      User: requester.username,
      StartTimestamp: new Date(now).toISOString(),
      PackageLocation: request.packageLocation,
      CanarySteps: plan.canarySteps,
      BakeSeconds: plan.bakeSeconds,
      RequireApproval: plan.requireApproval,
      Reason: request.reason,
      Ticket: request.ticket,
      Steps: plan.steps.map((name) => ({ name, status: 'pending', attempts: 0, outputs: {} })),
      ...(breakGlass ? { BreakGlass: breakGlass } : {}),
      ...(toggles.record ? { FeatureToggles: toggles.record } : {}),
    };
    const lease = this.parts.scheduler.leaseForNew(now);
    const stored = await this.parts.store.create(id, value, {
      audit: { actor, changeType: 'Created' },
      ...(lease ? { lease } : {}),
      log: [
        {
          at: new Date(now).toISOString(),
          level: 'info',
          message: `${requester.username} requested ${plan.service}@${plan.version} on ${plan.autoScalingGroupName} (${plan.mode === 'bg' ? `blue/green, ${plan.slice} slice` : 'scale-up patching'})`,
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
        ...(toggles.record
          ? [
              {
                at: new Date(now).toISOString(),
                level: 'info' as const,
                message: togglesLine(toggles.record),
              },
            ]
          : []),
      ],
    });
    this.parts.scheduler.adopt(stored);
    if (breakGlass) {
      await this.parts.announceBreakGlass?.({
        kind: 'deployment',
        id,
        environment: plan.environment,
        environmentType: plan.environmentType,
        cluster: plan.owningCluster,
        subject: `${plan.service}@${plan.version}`,
        record: breakGlass,
      });
    }
    return deploymentView(stored);
  }

  async get(id: string): Promise<Deployment> {
    return deploymentView(await this.stored(id));
  }

  private async stored(id: string): Promise<StoredDeployment> {
    const d = await this.parts.store.get(id);
    if (!d) throw new NotFoundError(`no deployment ${id}`);
    return d;
  }

  /**
   * The permission scope of the toggles a deployment carries (the service's team and the environment
   * type), or undefined when it carries none: approving it approves their changes too.
   */
  async toggleScopeOf(id: string): Promise<ResourceScope | undefined> {
    const d = await this.stored(id);
    if (!d.value.FeatureToggles || !this.parts.toggles) return undefined;
    return {
      cluster: await this.parts.toggles.ownerOf(d.value.ServiceName),
      environmentType: d.value.EnvironmentType,
    };
  }

  /** The permission scope of a deployment: its role's cluster and its environment type (404 when unknown). */
  async scopeOf(id: string): Promise<ResourceScope> {
    const d = await this.stored(id);
    return { cluster: d.value.OwningCluster, environmentType: d.value.EnvironmentType };
  }

  /**
   * The history. Image patches (an operation and its groups' patches) are listed under /patches: only a
   * query for their service (`image-patch`) lists them here.
   */
  async list(query: DeploymentQuery): Promise<{ items: Deployment[]; next?: string }> {
    // left out by the query itself, so that a page holds as many deployments as asked for
    const page = await this.parts.store.list(
      query.service === IMAGE_PATCH_SERVICE ? query : { ...query, exceptService: IMAGE_PATCH_SERVICE },
    );
    return { items: page.items.map(deploymentView), next: page.next };
  }

  async log(id: string): Promise<DeploymentLogLine[]> {
    await this.stored(id);
    return this.parts.store.log(id);
  }

  /**
   * Re-reads and re-applies a user's change while the engine's own saves make the version stale; the
   * change is written with its audit entry and log line, due at once, and this process's engine woken.
   */
  private async change(
    id: string,
    actor: Actor,
    apply: (d: StoredDeployment) => { value: Deployment['Value']; log: Omit<DeploymentLogLine, 'at'> },
  ): Promise<Deployment> {
    for (let attempt = 0; ; attempt++) {
      const d = await this.stored(id);
      const { log, ...change } = apply(d);
      const value = dueNow(change.value);
      const now = this.parts.clock.now();
      try {
        const saved = await this.parts.store.save(d, value, {
          audit: updatedBy(actor, d),
          log: [{ ...log, at: new Date(now).toISOString() }],
          // an engine that holds it sees the change when it renews its lease; one that does not, at once
          ...(d.leaseExpiresAt !== undefined && d.leaseExpiresAt > now ? {} : { dueAt: now }),
        });
        this.parts.scheduler.wake(id);
        return deploymentView(saved);
      } catch (e) {
        if (!(e instanceof StaleVersionError) || attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
      }
    }
  }

  /** Stops a running deployment and undoes what it did; it ends Rolled Back. */
  rollBack(id: string, actor: Actor): Promise<Deployment> {
    return this.change(id, actor, (d) => {
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
      // once the old slice may be scaling down, flipping the traffic back would send it to no instances
      const warm = d.value.Steps.find((s) => s.name === 'keep-old-slice-warm');
      if (warm?.status === 'succeeded') {
        throw new ConflictError(
          `deployment ${id} is past its rollback window: the old slice is scaling down; deploy the previous version to go back`,
        );
      }
      return {
        value: { ...d.value, RollbackRequestedBy: actor.username },
        log: { level: 'warn', message: `${actor.username} asked for a rollback` },
      };
    });
  }

  /** Approves a deployment waiting for approval (not your own). */
  approve(id: string, actor: Actor): Promise<Deployment> {
    return this.change(id, actor, (d) => {
      if (!d.value.RequireApproval) throw new ConflictError(`deployment ${id} needs no approval`);
      if (d.value.ApprovedBy)
        throw new ConflictError(`deployment ${id} was approved by ${d.value.ApprovedBy}`);
      if (isTerminal(d.value.Status))
        throw new ConflictError(`deployment ${id} is already ${d.value.Status}`);
      if (d.value.User === actor.username)
        throw new ConflictError('a deployment needs someone other than its requester to approve it');
      return {
        value: { ...d.value, ApprovedBy: actor.username },
        log: { level: 'info', message: `approved by ${actor.username}` },
      };
    });
  }

  /**
   * Cancels a deployment. One that has not started changing the fleet ends Cancelled at once; a running
   * one is asked to stop and undo.
   */
  cancel(id: string, actor: Actor): Promise<Deployment> {
    return this.change(id, actor, (d) => {
      if (isTerminal(d.value.Status))
        throw new ConflictError(`deployment ${id} is already ${d.value.Status}`);
      const started = d.value.Steps.some((s) => s.status !== 'pending' && s.name !== 'await-approval');
      if (started) {
        if (d.value.CancelRequestedBy) throw new ConflictError(`deployment ${id} is already being cancelled`);
        // the engine stops it and undoes what it did, then ends it Cancelled
        return {
          value: { ...d.value, CancelRequestedBy: actor.username },
          log: { level: 'warn', message: `${actor.username} asked to cancel` },
        };
      }
      return {
        value: {
          ...d.value,
          Status: 'Cancelled',
          EndTimestamp: new Date(this.parts.clock.now()).toISOString(),
          ErrorReason: `cancelled by ${actor.username}`,
          Steps: d.value.Steps.map((s) => (s.status === 'pending' ? { ...s, status: 'skipped' } : s)),
        },
        log: { level: 'warn', message: `cancelled by ${actor.username}` },
      };
    });
  }
}

/** The log line of a deployment that carries toggles: what it will set once it succeeds. */
function togglesLine(r: DeploymentToggles): string {
  const changes = r.Changes.map(
    (c) => `${c.Name} ${c.State === 'percentage' ? `${c.Percentage ?? 0}%` : c.State}`,
  );
  const parts = [
    ...(changes.length ? [`on success it sets ${changes.join(', ')}`] : []),
    ...(r.CanaryToggle ? [`${r.CanaryToggle} follows the canary weights`] : []),
  ];
  return `feature toggles: ${parts.join('; ')}`;
}
