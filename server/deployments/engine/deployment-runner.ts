import type { Deployment, DeploymentLogLine, StepState } from '@shared/deployments/deployment';
import { isTerminal } from '@shared/deployments/deployment';
import type { Logger } from '../../logger';
import type { DeploymentStore, StoredDeployment } from '../deployment-store';
import type { FleetOperations } from '../fleet-operations';
import type { StepContext, StepResult } from './step';
import { finalProgress } from './final-progress';
import type { Strategy } from './strategy';
import { TickFleet } from './tick-fleet';

/** How the engine runs: who it is (lease owner), how often it ticks, how long a lease lasts. */
export interface RunnerOptions {
  readonly owner: string;
  readonly tickMs: number;
  readonly leaseMs: number;
  /** Attempts of a step that throws (AWS errors) before the deployment fails. */
  readonly maxAttempts?: number;
}

type Value = Deployment['Value'];
type LogLine = Omit<DeploymentLogLine, 'at'>;

const backoffMs = (attempt: number) => Math.min(250 * 2 ** attempt, 15_000);

/**
 * The durable deployment engine. Every tick it leases the running deployments it can (a lease in DynamoDB,
 * renewed each tick; another process takes over a deployment whose lease expired) and advances each by
 * its strategy's steps, saving the record after every step with a conditional write on its version. It
 * owns retries with backoff, step timeouts, cancellation and rollback (each done step's `undo`, newest
 * first); steps only do their one small thing. A deployment that ends keeps a last reading of the fleet.
 */
export class DeploymentRunner {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly store: DeploymentStore,
    private readonly fleet: FleetOperations,
    private readonly strategyOf: (d: Value) => Strategy | string,
    private readonly options: RunnerOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One pass over the running deployments (never two at once in this process). */
  tick(): Promise<void> {
    this.ticking ??= this.pass().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async pass(): Promise<void> {
    try {
      const leased: StoredDeployment[] = [];
      const ids = await this.store.active();
      for (let i = 0; i < ids.length; i += 16) {
        const batch = await Promise.all(
          ids
            .slice(i, i + 16)
            .map(async (id) =>
              (await this.store.lease(id, this.options.owner, this.options.leaseMs))
                ? this.store.get(id)
                : undefined,
            ),
        );
        for (const d of batch) if (d) leased.push(d);
      }
      // one batched read of every group this tick will look at (both slices of blue/green roles)
      const fleet = new TickFleet(this.fleet);
      await fleet.prefetch(leased.flatMap((d) => groupsOf(d.value)));
      // advance up to 8 deployments at once: each step mostly waits on AWS and DynamoDB
      const queue = [...leased];
      const worker = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          const id = d.id;
          await this.advance(id, fleet).catch((e: unknown) =>
            this.logger.warn('deployment step interrupted', {
              deploymentId: id,
              error: e instanceof Error ? e.message : String(e),
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
    } catch (e) {
      this.logger.error('deployment engine pass failed', {
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }

  private async advance(id: string, fleet: FleetOperations): Promise<void> {
    let d = await this.store.get(id);
    if (!d || isTerminal(d.value.Status)) return;
    const strategy = this.strategyOf(d.value);
    if (typeof strategy === 'string') {
      await this.save(d, { ...d.value, Status: 'Failed', EndTimestamp: now(), ErrorReason: strategy }, [
        { level: 'error', message: strategy },
      ]);
      return;
    }
    if (d.value.Status === 'Queued')
      d = await this.save(d, { ...d.value, Status: 'In Progress' }, [{ level: 'info', message: 'started' }]);
    const rollbackBy = d.value.RollbackRequestedBy;
    if (
      rollbackBy &&
      !d.value.CancelRequestedBy &&
      (d.value.Status === 'In Progress' || d.value.Status === 'Awaiting Approval')
    ) {
      d = await this.save(
        d,
        { ...d.value, Status: 'Rolling Back', ErrorReason: `rolled back by ${rollbackBy}` },
        [{ level: 'warn', message: `${rollbackBy} asked for a rollback: undoing what was done` }],
      );
    }
    if (
      d.value.CancelRequestedBy &&
      (d.value.Status === 'In Progress' || d.value.Status === 'Awaiting Approval')
    ) {
      d = await this.save(
        d,
        { ...d.value, Status: 'Rolling Back', ErrorReason: `cancelled by ${d.value.CancelRequestedBy}` },
        [{ level: 'warn', message: `cancelled by ${d.value.CancelRequestedBy}: undoing what was done` }],
      );
    }
    if (d.value.Status === 'Rolling Back') return this.rollBack(d, strategy, fleet);
    for (const step of strategy.steps) {
      const state = d.value.Steps.find((s) => s.name === step.name);
      if (!state || state.status === 'succeeded' || state.status === 'skipped') continue;
      if (state.retryAt && Date.parse(state.retryAt) > Date.now()) return;
      const startedAt = state.startedAt ?? now();
      if (Date.now() - Date.parse(startedAt) > step.timeoutSeconds * 1000) {
        return this.fail(d, `${step.name} timed out after ${step.timeoutSeconds} s`);
      }
      const result = await this.call(() => step.run(this.context(d!, fleet)));
      if (result instanceof Error) {
        const attempts = state.attempts + 1;
        if (attempts >= (this.options.maxAttempts ?? 8))
          return this.fail(d, `${step.name} failed: ${result.message}`);
        d = await this.saveStep(
          d,
          step.name,
          {
            status: 'running',
            startedAt,
            attempts,
            retryAt: new Date(Date.now() + backoffMs(attempts)).toISOString(),
          },
          [{ level: 'warn', message: `${step.name}: ${result.message} (attempt ${attempts}, will retry)` }],
        );
        return;
      }
      if (result.kind === 'running') {
        const status = step.waitingStatus ?? 'In Progress';
        if (d.value.Status !== status) d = await this.save(d, { ...d.value, Status: status }, []);
        if (result.progress && !sameProgress(d.value.Progress, result.progress)) {
          d = await this.save(d, { ...d.value, Progress: { ...result.progress, at: now() } }, []);
        }
        if (state.status !== 'running' || (result.note && state.error !== result.note)) {
          d = await this.saveStep(
            d,
            step.name,
            { status: 'running', startedAt, error: result.note, retryAt: undefined },
            result.note ? [{ level: 'info', message: `${step.name}: ${result.note}` }] : [],
          );
        }
        return;
      }
      if (result.kind === 'failed') {
        d = await this.saveStep(
          d,
          step.name,
          { status: 'failed', startedAt, endedAt: now(), error: result.reason },
          [],
        );
        return this.fail(d, `${step.name}: ${result.reason}`);
      }
      if (d.value.Status !== 'In Progress') d = await this.save(d, { ...d.value, Status: 'In Progress' }, []);
      d = await this.saveStep(
        d,
        step.name,
        {
          status: 'succeeded',
          startedAt,
          endedAt: now(),
          outputs: { ...(result.outputs ?? {}) },
          error: undefined,
          retryAt: undefined,
        },
        [{ level: 'info', message: `${step.name} done${result.note ? `: ${result.note}` : ''}` }],
      );
    }
    await this.finish(d, strategy, fleet, 'Success', [{ level: 'info', message: 'deployment succeeded' }]);
  }

  /** Undoes the steps that ran, newest first, each until its undo succeeds; then ends Rolled Back (or Cancelled). */
  private async rollBack(d: StoredDeployment, strategy: Strategy, fleet: FleetOperations): Promise<void> {
    const ran = strategy.steps.filter((s) => {
      const st = d.value.Steps.find((x) => x.name === s.name);
      return (
        st &&
        (st.status === 'succeeded' || st.status === 'running' || st.status === 'failed') &&
        !st.undone &&
        s.undo
      );
    });
    for (const step of ran.reverse()) {
      const result = await this.call(() => step.undo!(this.context(d, fleet)));
      if (result instanceof Error) {
        await this.store.appendLog(d.id, [
          { level: 'warn', message: `undo of ${step.name}: ${result.message} (will retry)` },
        ]);
        return;
      }
      if (result.kind === 'running') return;
      if (result.kind === 'failed') {
        await this.store.appendLog(d.id, [
          { level: 'error', message: `undo of ${step.name} failed: ${result.reason} (will retry)` },
        ]);
        return;
      }
      d = await this.saveStep(d, step.name, { undone: true }, [
        { level: 'info', message: `undid ${step.name}` },
      ]);
    }
    const status = d.value.CancelRequestedBy ? 'Cancelled' : 'Rolled Back';
    await this.finish(d, strategy, fleet, status, [
      { level: 'warn', message: `${status.toLowerCase()}: ${d.value.ErrorReason ?? ''}` },
    ]);
  }

  /**
   * Saves the terminal status together with a last reading of the fleet: the progress saved while a step
   * waited would otherwise stay, showing old instances that are long gone.
   */
  private async finish(
    d: StoredDeployment,
    strategy: Strategy,
    fleet: FleetOperations,
    status: 'Success' | 'Cancelled' | 'Rolled Back',
    log: LogLine[],
  ): Promise<void> {
    const progress = await finalProgress(strategy, this.context(d, fleet), d.id, this.logger);
    await this.save(
      d,
      { ...d.value, Status: status, EndTimestamp: now(), ...(progress ? { Progress: progress } : {}) },
      log,
    );
  }

  private async fail(d: StoredDeployment, reason: string): Promise<void> {
    await this.save(d, { ...d.value, Status: 'Rolling Back', ErrorReason: reason }, [
      { level: 'error', message: `${reason}; rolling back` },
    ]);
  }

  private context(d: StoredDeployment, fleet: FleetOperations): StepContext {
    const outputs = Object.assign({}, ...d.value.Steps.map((s) => s.outputs)) as Record<string, unknown>;
    return { deployment: d.value, outputs, fleet, log: () => undefined };
  }

  private async call(fn: () => Promise<StepResult>): Promise<StepResult | Error> {
    try {
      return await fn();
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  private saveStep(
    d: StoredDeployment,
    name: string,
    change: Partial<StepState>,
    log: LogLine[],
  ): Promise<StoredDeployment> {
    const Steps = d.value.Steps.map((s) =>
      s.name === name
        ? { ...s, ...change, attempts: change.attempts ?? s.attempts + (change.status ? 1 : 0) }
        : s,
    );
    return this.save(d, { ...d.value, Steps }, log);
  }

  private async save(d: StoredDeployment, value: Value, log: LogLine[]): Promise<StoredDeployment> {
    const saved = await this.store.save(d.id, d.version, value);
    if (log.length) await this.store.appendLog(d.id, log);
    return saved;
  }
}

/** Whether progress changed (the time it was seen aside): only changes are saved and streamed. */
function sameProgress(
  a: Deployment['Value']['Progress'],
  b: Omit<NonNullable<Deployment['Value']['Progress']>, 'at'>,
): boolean {
  if (!a) return false;
  const { at: _at, ...rest } = a;
  return JSON.stringify(rest) === JSON.stringify(b);
}

/** The groups a deployment looks at: its own, and the other slice's for blue/green. */
function groupsOf(d: Value): string[] {
  if (d.DeploymentType !== 'bg') return [d.AutoScalingGroupName];
  const other = d.ServiceSlice === 'blue' ? 'green' : 'blue';
  return [
    d.AutoScalingGroupName,
    d.AutoScalingGroupName.replace(new RegExp(`-${d.ServiceSlice}$`), `-${other}`),
  ];
}

function now(): string {
  return new Date().toISOString();
}
