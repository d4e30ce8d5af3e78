import type { StepState } from '@shared/deployments/deployment';
import { until, type CrashRig, type DeploymentItem } from './crash-rig';
import type { BreakpointAt } from './step-breakpoints';

/**
 * How a round keeps the engine inside one step long enough for a SIGKILL to land there, and how it knows
 * afterwards that the step was really under way at the kill (the record alone cannot say: the engine saves a
 * step without outputs only with the next save, so the record may lag a step or two behind).
 */
export interface StepHold {
  readonly step: string;
  /** What keeps the engine in the step, for the log. */
  readonly how: string;
  /** The longest seeded wait between reaching the step and the kill. */
  readonly maxDelayMs: number;
  /** The deployment's bake time (blue/green). */
  readonly bakeSeconds: number;
  /** Whether the kill comes after the step changed AWS (so the record, which says pending, is behind). */
  readonly afterItsEffect: boolean;
  /** Puts the hold in place before the deployment of `version` is requested. */
  arm(rig: CrashRig, version: string): Promise<void>;
  /** Resolves once the engine is in the step. */
  reached(rig: CrashRig, id: string): Promise<void>;
  /** Read after the kill: why the step cannot have ended by `killAt`, or undefined when it may have. */
  evidence(rig: CrashRig, item: DeploymentItem, killAt: number): Promise<string | undefined>;
}

/** The steps of a strategy as a crash spec knows them: in order, and which of them a rollback undoes. */
export interface StrategyUnderTest {
  readonly name: string;
  readonly steps: readonly string[];
  readonly undoable: readonly string[];
}

/** A step's state in the record. */
export function stepState(item: DeploymentItem, name: string): StepState {
  const s = item.Value.Steps.find((x) => x.name === name);
  if (!s) throw new Error(`deployment has no step ${name}`);
  return s;
}

/** Whether the record shows the step answered "not done yet" (or failed for now) at least once. */
const isRunning = (item: DeploymentItem, name: string) => stepState(item, name).status === 'running';

/**
 * The step waits on an AWS call that aws-sim refuses as throttled every time: it cannot end while the throttle
 * lasts. Set before the deployment, or once the step `after` is running when an earlier step calls it too.
 */
export function throttledHold(
  step: string,
  action: string,
  options: { after?: string; bakeSeconds?: number } = {},
): StepHold {
  let before = 0;
  const throttle = async (rig: CrashRig) => {
    before = await rig.calls(action);
    await rig.throttle(action, 1);
  };
  return {
    step,
    how: `${action} throttled${options.after ? ` from ${options.after}` : ''}`,
    maxDelayMs: 400,
    bakeSeconds: options.bakeSeconds ?? 0,
    afterItsEffect: false,
    async arm(rig) {
      if (!options.after) await throttle(rig);
    },
    async reached(rig, id) {
      if (options.after) {
        const after = options.after;
        await until(`${after} under way`, async () =>
          isRunning(await rig.item(id), after) ? true : undefined,
        );
        await throttle(rig);
      }
      // the engine holds the lease and has called it (the record may still say Queued: the start is saved
      // with the first step's outcome)
      await until(`${step} to call ${action}`, async () =>
        (await rig.calls(action)) > before && (await rig.item(id)).LeaseOwner !== undefined
          ? true
          : undefined,
      );
    },
    async evidence(rig) {
      const n = (await rig.calls(action)) - before;
      return n > 0 ? `${n} call(s) of ${action}, each refused` : undefined;
    },
  };
}

/**
 * The step waits on the fleet or the clock (slow boots, a bake), and says so in the record: the kill comes at
 * a seeded moment of the wait; `stillWaiting` judges afterwards whether the wait could have been over.
 */
export function waitingHold(
  step: string,
  options: {
    how: string;
    maxDelayMs: number;
    bootDelayFactor?: number;
    bakeSeconds?: number;
    stillWaiting(rig: CrashRig, item: DeploymentItem, killAt: number): Promise<string | undefined>;
  },
): StepHold {
  return {
    step,
    how: options.how,
    maxDelayMs: options.maxDelayMs,
    bakeSeconds: options.bakeSeconds ?? 0,
    afterItsEffect: false,
    async arm(rig) {
      if (options.bootDelayFactor) await rig.slowBoots(options.bootDelayFactor);
    },
    async reached(rig, id) {
      await until(`${step} under way`, async () => (isRunning(await rig.item(id), step) ? true : undefined));
    },
    evidence: options.stillWaiting,
  };
}

/** The engine portal pauses at a breakpoint in the step's run (its start, or where it answers succeeded). */
export function breakpointHold(step: string, at: BreakpointAt): StepHold {
  let paused: Promise<string> | undefined;
  return {
    step,
    how: `paused at the ${at === 'entry' ? 'start' : 'success'} of its run`,
    maxDelayMs: 0,
    bakeSeconds: 0,
    afterItsEffect: at === 'exit',
    async arm(rig, version) {
      const breakpoints = await rig.stepBreakpoints();
      await breakpoints.pauseIn(step, at, version);
      paused = breakpoints.paused();
    },
    async reached(rig, id) {
      let pausedNow = false;
      void paused!.then(() => (pausedNow = true));
      // a deployment that ends (or rolls back) without coming to the breakpoint must not keep the round waiting
      const first = await until(
        `${step} to pause`,
        async () => {
          if (pausedNow) return 'paused';
          const s = (await rig.item(id)).Value.Status;
          return s === 'In Progress' || s === 'Queued' ? undefined : s;
        },
        { ms: 60_000, everyMs: 20 },
      );
      if (first !== 'paused') throw new Error(`the deployment went ${first} without pausing in ${step}`);
    },
    async evidence() {
      return `paused in ${step}`;
    },
  };
}
