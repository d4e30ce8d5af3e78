import { isTerminal, type Deployment } from '@shared/deployments/deployment';
import { StaleVersionError } from '../../errors/domain-errors';
import { passOf, type AccountPorts, type Accounts } from '../../fleet/accounts';
import type { FleetPass } from '../../fleet/fleet-pass';
import type { Logger } from '../../logger';
import type { ToggleSettings } from '../toggle-settings';
import type { DeploymentScheduler } from '../deployment-scheduler';
import type { DeploymentStore, Lease, StoredDeployment } from '../deployment-store';
import type { ChildDeployments } from './child-deployments';
import type { Clock } from './clock';
import { decide, type Decision, type RetryPolicy, type StepOutline } from './decide';
import { runStep, undoStep, finalProgress } from './step-calls';
import {
  recordFinish,
  recordRollBack,
  recordRun,
  dueNow,
  recordStart,
  recordUndo,
  type LogLine,
  type Recorded,
} from './record-outcome';
import type { Strategy, StrategyOf } from './strategy';

/** How the engine runs: who it is, how long its leases last, how often it polls and scans. */
export interface EngineOptions {
  /** This process's lease owner name. */
  readonly owner: string;
  readonly leaseMs: number;
  /** How soon a step that waits on the fleet looks again (steps that poll share the same instants). */
  readonly pollMs: number;
  /** How often the store is asked for deployments due that this process does not hold. */
  readonly scanMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
}

/** What the engine's steps reach beyond the fleet: the feature toggles a deployment sets. */
export interface EnginePorts {
  readonly toggles?: ToggleSettings;
}

/** A deployment this process holds the lease of: as stored, and as the engine has it (maybe ahead). */
interface Held {
  stored: StoredDeployment;
  value: Deployment['Value'];
  log: LogLine[];
  dirty: boolean;
  /** When it is next due (ms). */
  nextAt: number;
  /** Re-read before the next decision: something changed it in this process. */
  refresh: boolean;
  /** When it was last saved (ms), to save mere progress readings at most once a PROGRESS_SAVE_MS. */
  savedAt?: number;
  /** A repeatable step's outputs are not saved yet: they are before a step that is not repeatable runs. */
  outputsUnsaved?: boolean;
  /** Nudged while being advanced: it looks again as soon as this advance is over. */
  nudged?: boolean;
}

/** How often a change of progress alone (the instances' states while a step waits) is saved and streamed. */
const PROGRESS_SAVE_MS = 1000;

/** How long a deployment released while it waits is woken by its group's events (a day). */
const RELEASED_MEMORY_MS = 24 * 3_600_000;

/**
 * How many poll intervals apart a step that awaits what Auto Scaling announces looks at its groups, when
 * their events reach this process: the events wake it; the poll only covers one that went missing.
 */
const EVENT_POLL_FACTOR = 5;

/** Most decisions one deployment may take in one pass (a guard against a loop that never waits). */
const MAX_DECISIONS_PER_PASS = 200;

/**
 * The durable deployment engine: a pure `decide` (from the saved deployment and the time) and this thin
 * executor, which carries each decision out and saves. It holds a lease on each deployment it works on
 * (renewed when half spent; a process that dies loses its leases and another takes over once they end),
 * runs every deployment due in one pass, with one batched read of their groups, and lets a step that
 * succeeds be followed at once by the next. A deployment waiting a long time (an approval, a long bake)
 * is released and looked at again when it is due: nothing is leased that has nothing due.
 */
export class DeploymentEngine implements DeploymentScheduler {
  private readonly held = new Map<string, Held>();
  private readonly wanted = new Set<string>();
  /** Of those wanted, the ones nudged: their running step looks again at once, whatever its next check said. */
  private readonly nudged = new Set<string>();
  /**
   * The deployments this process released while they wait (for more than half a lease), by group, with
   * when: one another process took meanwhile is forgotten when an event finds it not to be had, or after
   * RELEASED_MEMORY_MS.
   */
  private readonly releasedOn = new Map<string, Map<string, number>>();
  /** The groups whose Auto Scaling events reached this process since it last lost its events (if it did). */
  private readonly heard = new Set<string>();
  /** The deployments being advanced now: a slow one never holds back the passes of the others. */
  private readonly advancing = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private nextScanAt = 0;

  constructor(
    private readonly store: DeploymentStore,
    /** The AWS account of each deployment: the one it recorded when it was requested. */
    private readonly accounts: Pick<Accounts, 'recorded'>,
    private readonly strategyOf: StrategyOf,
    private readonly options: EngineOptions,
    private readonly logger: Logger,
    private readonly ports: EnginePorts = {},
  ) {}

  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** Stops after the pass under way; deployments held are saved and released for any engine to take. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.all(this.advancing.values());
    const now = this.options.clock.now();
    await Promise.all(
      [...this.held.values()].map(async (h) => {
        try {
          if (h.dirty) await this.store.save(h.stored, h.value, { log: h.log, dueAt: now });
          else await this.store.release(h.stored.id, this.options.owner, now);
        } catch (e) {
          this.warn('lease not released', h.stored.id, e);
        }
      }),
    );
    this.held.clear();
  }

  leaseForNew(now: number): Lease | undefined {
    return this.started ? { owner: this.options.owner, until: now + this.options.leaseMs } : undefined;
  }

  adopt(d: StoredDeployment): void {
    if (!this.started || d.leaseOwner !== this.options.owner) return;
    this.held.set(d.id, { stored: d, value: d.value, log: [], dirty: false, nextAt: 0, refresh: false });
    this.schedule(0);
  }

  /** The deployments steps start and follow, through this engine's store; each is woken here. */
  private readonly children: ChildDeployments = {
    statuses: (ids) => this.store.statuses(ids),
    start: async (id, value, message) => {
      const now = this.options.clock.now();
      const log = [{ at: new Date(now).toISOString(), level: 'info' as const, message }];
      let stored: StoredDeployment;
      try {
        // created held by this engine, which starts on it at once (no lease to take first)
        stored = await this.store.create(
          id,
          value,
          this.started ? { log, lease: this.lease(now) } : { log, dueAt: now },
        );
      } catch (e) {
        // the step ran again after starting it: nothing twice
        if (await this.store.get(id)) return;
        throw e;
      }
      if (stored.leaseOwner === this.options.owner) this.adopt(stored);
    },
    rollBack: async (id, by) => {
      const d = await this.store.get(id);
      if (!d || isTerminal(d.value.Status) || d.value.RollbackRequestedBy) return;
      const now = this.options.clock.now();
      await this.store.save(
        d,
        { ...d.value, RollbackRequestedBy: by },
        {
          dueAt: now,
          log: [{ at: new Date(now).toISOString(), level: 'warn', message: `${by} asked to roll back` }],
        },
      );
      this.wake(id);
    },
  };

  wake(id: string): void {
    if (!this.started) return;
    const h = this.held.get(id);
    if (h) {
      h.refresh = true;
      h.nextAt = 0;
    } else this.wanted.add(id);
    this.schedule(0);
  }

  /**
   * An Auto Scaling group changed (an instance launched or went, as Auto Scaling announced): each
   * deployment held here that works on it, or released here while it waits, looks again at once, not at
   * its next poll. Another process's is not: its own engine polls it.
   */
  fleetChanged(group: string): void {
    this.heard.add(group);
    for (const h of this.held.values())
      if (!isTerminal(h.value.Status) && groupsOf(h.value).includes(group)) this.nudge(h.stored.id);
    for (const id of this.recentlyReleased(group)) this.nudge(id);
  }

  /**
   * The fleet events stopped coming (their queue cannot be read): no group's events are counted on until
   * they come again, and every deployment held here, or released here while it waits on a group, looks
   * now, to poll at the interval from then on (a released one would otherwise sleep until its fallback
   * look, waiting for an event that cannot come).
   */
  fleetEventsLost(): void {
    this.heard.clear();
    for (const h of this.held.values()) if (!isTerminal(h.value.Status)) this.nudge(h.stored.id);
    for (const id of this.recentlyReleased()) this.nudge(id);
  }

  /**
   * The deployments released here while they wait on `group` (on any group when none is named) within
   * RELEASED_MEMORY_MS; those released longer ago are forgotten on the way.
   */
  private recentlyReleased(group?: string): Set<string> {
    const cutoff = this.options.clock.now() - RELEASED_MEMORY_MS;
    const found = new Set<string>();
    for (const g of group === undefined ? [...this.releasedOn.keys()] : [group]) {
      const ids = this.releasedOn.get(g);
      if (!ids) continue;
      for (const [id, at] of ids) {
        if (at >= cutoff) found.add(id);
        else ids.delete(id);
      }
      if (!ids.size) this.releasedOn.delete(g);
    }
    return found;
  }

  /**
   * Looks at a deployment at the next pass: one held here without reading it again (nothing changed it),
   * one not held (waiting released) by leasing it, when no other engine holds it.
   */
  private nudge(id: string): void {
    if (!this.started) return;
    const h = this.held.get(id);
    if (!h) {
      this.wanted.add(id);
      this.nudged.add(id);
    } else if (this.advancing.has(id)) h.nudged = true;
    else lookNow(h);
    this.schedule(0);
  }

  /** One pass now, until the deployments it started are advanced (specs drive the engine with it). */
  async pass(): Promise<void> {
    await this.startPass();
    await Promise.all(this.advancing.values());
  }

  /** Starts a pass (never two at once): the deployments due are advanced without waiting for each other. */
  private async startPass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.passOnce().finally(() => (this.running = undefined));
    await this.running;
    if (this.again) {
      this.again = false;
      await this.startPass();
    }
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.startPass().finally(() => this.schedule(this.untilNext()));
      },
      Math.max(0, delayMs),
    );
  }

  /** Milliseconds until something is due: a held deployment, a lease to renew, or the next scan. */
  private untilNext(): number {
    let next = this.nextScanAt;
    for (const h of this.held.values()) {
      next = Math.min(next, this.renewAt(h));
      if (!this.advancing.has(h.stored.id)) next = Math.min(next, h.nextAt);
    }
    if (this.wanted.size) next = 0;
    return next - this.options.clock.now();
  }

  private renewAt(h: Held): number {
    return (h.stored.leaseExpiresAt ?? 0) - this.options.leaseMs / 2;
  }

  private async passOnce(): Promise<void> {
    const now = this.options.clock.now();
    try {
      await this.takeDue(now);
      await this.renewLeases(now);
    } catch (e) {
      this.logger.error('deployment engine could not read its deployments', { error: message(e) });
    }
    const due = [...this.held.values()].filter((h) => h.nextAt <= now && !this.advancing.has(h.stored.id));
    if (!due.length) return;
    const fleets = await this.passesOf(due, now);
    for (const h of due) {
      const id = h.stored.id;
      const fleet = fleets.get(h.value.AccountName);
      if (!fleet) continue;
      this.advancing.set(
        id,
        this.advance(h, fleet).finally(() => {
          this.advancing.delete(id);
          if (h.nudged) {
            if (this.held.get(id) === h) lookNow(h);
            else {
              // released while nudged (its wait was long): leased again at once, to look now
              this.wanted.add(id);
              this.nudged.add(id);
            }
          }
          this.schedule(this.untilNext());
        }),
      );
    }
  }

  /**
   * One FleetPass per account of the deployments due, each with one batched read of every group this
   * pass looks at in it (both slices of blue/green roles). A deployment whose account cannot be had now
   * (its record unreadable a moment) is looked at again after a backoff.
   */
  private async passesOf(due: readonly Held[], now: number): Promise<Map<string | undefined, FleetPass>> {
    const passes = new Map<string | undefined, FleetPass>();
    const byAccount = new Map<string | undefined, Held[]>();
    for (const h of due)
      byAccount.set(h.value.AccountName, [...(byAccount.get(h.value.AccountName) ?? []), h]);
    await Promise.all(
      [...byAccount].map(async ([name, held]) => {
        let account: AccountPorts;
        try {
          account = await this.accounts.recorded(name);
        } catch (e) {
          for (const h of held) {
            this.warn(
              `the deployment's AWS account ${name ?? "(the portal's own)"} cannot be used now`,
              h.stored.id,
              e,
            );
            h.nextAt = now + this.options.retry.backoffMs(1);
          }
          return;
        }
        const fleet = passOf(account);
        fleet.prefetch(held.flatMap((h) => groupsOf(h.value))).catch(() => {
          // the steps that read the groups meet the same error and retry as it deserves
        });
        passes.set(name, fleet);
      }),
    );
    return passes;
  }

  /** Leases the deployments asked for in this process and, every scanMs, those the store says are due. */
  private async takeDue(now: number): Promise<void> {
    const ids = new Set(this.wanted);
    this.wanted.clear();
    if (now >= this.nextScanAt) {
      this.nextScanAt = now + this.options.scanMs;
      for (const id of await this.store.due(now, 100)) ids.add(id);
    }
    await Promise.all(
      [...ids]
        .filter((id) => !this.held.has(id))
        .map(async (id) => {
          const d = await this.store.lease(id, this.lease(now), now);
          const nudged = this.nudged.delete(id);
          // taken again (or gone: over, or another process's now): it is no longer waiting released here
          this.forgetReleased(id);
          if (d)
            this.held.set(id, {
              stored: d,
              value: nudged ? dueNow(d.value) : d.value,
              log: [],
              dirty: false,
              nextAt: 0,
              refresh: false,
            });
        }),
    );
  }

  /** Renews the leases half spent (and re-reads those changed here), taking in what others wrote meanwhile. */
  private async renewLeases(now: number): Promise<void> {
    await Promise.all(
      [...this.held.values()]
        .filter((h) =>
          this.advancing.has(h.stored.id) ? this.renewAt(h) <= now : h.refresh || this.renewAt(h) <= now,
        )
        .map(async (h) => {
          const fresh = await this.store.lease(h.stored.id, this.lease(now), now);
          if (!fresh) {
            this.held.delete(h.stored.id);
            return;
          }
          if (this.advancing.has(h.stored.id)) {
            // one being advanced only has its lease kept: what changed meanwhile, its next save finds out
            h.stored = { ...h.stored, leaseExpiresAt: fresh.leaseExpiresAt };
            return;
          }
          h.refresh = false;
          if (fresh.version !== h.stored.version) {
            // someone else wrote it (a cancel, an approval): their change wins; unsaved steps run again
            Object.assign(h, {
              stored: fresh,
              value: fresh.value,
              log: [],
              dirty: false,
              outputsUnsaved: false,
              nextAt: 0,
            });
          } else h.stored = fresh;
        }),
    );
  }

  private lease(now: number): Lease {
    return { owner: this.options.owner, until: now + this.options.leaseMs };
  }

  private outline(strategy: Strategy): StepOutline[] {
    return strategy.steps.map((s) => ({
      name: s.name,
      timeoutSeconds: s.timeoutSeconds,
      canUndo: s.undo !== undefined,
      givesOutputs: Object.keys(s.gives.shape).length > 0,
      ...(s.repeatable ? { repeatable: true } : {}),
      ...(s.waitingStatus ? { waitingStatus: s.waitingStatus } : {}),
      ...(s.afterRollout ? { afterRollout: true } : {}),
    }));
  }

  /** Carries out decisions for one deployment until it waits or ends. */
  private async advance(h: Held, fleet: FleetPass): Promise<void> {
    const id = h.stored.id;
    try {
      const strategy = this.strategyOf(h.value);
      const steps = this.outline(strategy);
      for (let n = 0; n < MAX_DECISIONS_PER_PASS; n++) {
        const now = this.options.clock.now();
        const decision = decide(h.value, steps, now, this.options.retry);
        if (decision.kind === 'none') {
          this.held.delete(id);
          return;
        }
        if (decision.kind === 'wait') return await this.wait(h, decision.until, now);
        const next = await this.carryOut(h, decision, strategy, steps, fleet, now);
        if (next === 'over') return;
        if (next === 'next-pass') {
          // a step that is not done yet looks again in a later pass, which reads the fleet afresh
          const later = decide(h.value, steps, this.options.clock.now(), this.options.retry);
          return await this.wait(h, later.kind === 'wait' ? later.until : this.options.clock.now(), now);
        }
      }
      h.nextAt = this.options.clock.now() + this.options.pollMs;
    } catch (e) {
      if (e instanceof StaleVersionError) {
        h.refresh = true;
        h.nextAt = 0;
        return;
      }
      this.warn('deployment step interrupted', id, e);
      h.nextAt = this.options.clock.now() + this.options.retry.backoffMs(1);
    }
  }

  /**
   * Carries out one decision: `go-on` to decide again at once, `next-pass` when a step answered "not done
   * yet" (or failed for now), `over` when the deployment ended (and is no longer held).
   */
  private async carryOut(
    h: Held,
    decision: Exclude<Decision, { kind: 'none' | 'wait' }>,
    strategy: Strategy,
    steps: readonly StepOutline[],
    fleet: FleetPass,
    now: number,
  ): Promise<'go-on' | 'next-pass' | 'over'> {
    const pollMs = this.options.pollMs;
    const heard = groupsOf(h.value).every((g) => this.heard.has(g));
    const context = {
      now,
      policy: this.options.retry,
      pollMs,
      ...(heard ? { eventPollMs: pollMs * EVENT_POLL_FACTOR } : {}),
    };
    const call = {
      strategy,
      id: h.stored.id,
      d: h.value,
      fleet,
      now,
      children: this.children,
      ...(this.ports.toggles ? { toggles: this.ports.toggles } : {}),
    };
    switch (decision.kind) {
      case 'start':
        await this.apply(h, recordStart(h.value, now), now);
        return 'go-on';
      case 'roll-back':
        await this.apply(h, recordRollBack(h.value, decision, steps, now), now);
        return 'go-on';
      case 'run': {
        const outline = steps[decision.step]!;
        if (h.outputsUnsaved && !outline.repeatable) await this.save(h, now);
        const outcome = await runStep(call, decision.step);
        await this.apply(h, recordRun(h.value, outline, outcome, context), now);
        return stateOf(h, outline.name)?.status === 'running' ? 'next-pass' : 'go-on';
      }
      case 'undo': {
        const outcome = await undoStep(call, decision.step);
        await this.apply(h, recordUndo(h.value, steps[decision.step]!, outcome, context), now);
        return stateOf(h, steps[decision.step]!.name)?.undo?.status === 'running' ? 'next-pass' : 'go-on';
      }
      case 'finish': {
        const progress = await finalProgress(call, (e) =>
          this.warn('final progress not read', h.stored.id, e),
        );
        const concluded = strategy.conclude?.(h.value, decision.status) ?? h.value;
        const recorded = recordFinish(concluded, decision, progress, now);
        await this.store.save(h.stored, recorded.value, {
          log: [...h.log, ...recorded.log],
          lease: this.lease(now),
        });
        this.held.delete(h.stored.id);
        // the operation that started it (an image patch's group) looks at once, not at its next poll
        if (recorded.value.Patch) this.nudge(recorded.value.Patch.PatchID);
        return 'over';
      }
    }
  }

  /** Takes in what an outcome changed; saves it now when it must be (it always renews the lease). */
  private async apply(h: Held, recorded: Recorded, now: number): Promise<void> {
    h.value = recorded.value;
    h.log.push(...recorded.log);
    h.dirty = true;
    if (recorded.outputsUnsaved) h.outputsUnsaved = true;
    if (!recorded.mustSave) return;
    if (recorded.progressOnly && h.savedAt !== undefined && now - h.savedAt < PROGRESS_SAVE_MS) return;
    await this.save(h, now);
  }

  private async save(h: Held, now: number): Promise<void> {
    h.stored = await this.store.save(h.stored, h.value, { log: h.log, lease: this.lease(now) });
    h.log = [];
    h.dirty = false;
    h.outputsUnsaved = false;
    h.savedAt = now;
  }

  /**
   * Waits: held until `until` when that is within a lease, otherwise saved, released and due at `until`.
   * Held, the wait costs a renewal each half lease (one write, none for a wait under half a lease);
   * released, a release and a lease taken again (two), so a wait shorter than a lease is held.
   */
  private async wait(h: Held, until: number, now: number): Promise<void> {
    if (until - now < this.options.leaseMs) {
      h.nextAt = until;
      return;
    }
    if (h.dirty) await this.store.save(h.stored, h.value, { log: h.log, dueAt: until });
    else await this.store.release(h.stored.id, this.options.owner, until);
    this.held.delete(h.stored.id);
    for (const group of groupsOf(h.value))
      this.releasedOn.set(group, (this.releasedOn.get(group) ?? new Map()).set(h.stored.id, now));
  }

  private forgetReleased(id: string): void {
    for (const [group, ids] of this.releasedOn) {
      ids.delete(id);
      if (!ids.size) this.releasedOn.delete(group);
    }
  }

  private warn(what: string, deploymentId: string, e: unknown): void {
    this.logger.warn(what, { deploymentId, error: message(e) });
  }
}

/** A held deployment's running step looks again at the next pass (held, nothing to read again). */
function lookNow(h: Held): void {
  h.nudged = false;
  h.value = dueNow(h.value);
  h.nextAt = 0;
}

function stateOf(h: Held, name: string) {
  return h.value.Steps.find((s) => s.name === name);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The groups a deployment looks at: those named when it was requested. */
function groupsOf(d: Deployment['Value']): string[] {
  // an image patch operation works on no group itself: its groups' patches do
  if (d.DeploymentType === 'patch-operation') return [];
  const r = d.Resources;
  if (!r) return [d.AutoScalingGroupName];
  return r.LiveAutoScalingGroup ? [r.AutoScalingGroup, r.LiveAutoScalingGroup] : [r.AutoScalingGroup];
}
