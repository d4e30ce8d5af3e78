import type { Deployment, StepState } from '@shared/deployments/deployment';

type Value = Deployment['Value'];

/** What the engine knows of a strategy's steps when it decides: names, limits, which can be undone. */
export interface StepOutline {
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly canUndo: boolean;
  /** Whether it gives outputs: the engine saves them before the next step that is not repeatable runs. */
  readonly givesOutputs?: boolean;
  /** Whether running it again changes nothing a rollback must undo (see `Step.repeatable`). */
  readonly repeatable?: boolean;
  readonly waitingStatus?: 'Awaiting Approval';
  /** Whether it runs once the version is out: its failure ends the deployment Success, not a rollback. */
  readonly afterRollout?: boolean;
}

/** How the engine retries: attempts of a step (or of its undo) that throws, and the wait between them. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  backoffMs(attempt: number): number;
}

/** What happens next to a deployment. */
export type Decision =
  /** It is over: nothing to do. */
  | { readonly kind: 'none' }
  /** Queued: it starts. */
  | { readonly kind: 'start' }
  /** It stops going forward and undoes what it did (a cancel or rollback request, a timeout, a failure). */
  | { readonly kind: 'roll-back'; readonly reason: string; readonly timedOut?: number }
  | { readonly kind: 'run'; readonly step: number }
  | { readonly kind: 'undo'; readonly step: number }
  /** Nothing is due before `until` (ms). */
  | { readonly kind: 'wait'; readonly until: number }
  | {
      readonly kind: 'finish';
      readonly status: 'Success' | 'Cancelled' | 'Rolled Back' | 'Rollback Failed';
      readonly reason?: string;
    };

const time = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso);

/** The earliest of the times given (undefined ones aside). */
function earliest(...times: (number | undefined)[]): number | undefined {
  const set = times.filter((t): t is number => t !== undefined);
  return set.length ? Math.min(...set) : undefined;
}

/**
 * The steps a rollback undoes, newest first: those that ran (or were running), and those that may have
 * run without the record knowing yet: the pending steps right after the last one recorded, up to the first
 * that gives outputs (a step without outputs is saved with the next save, and a crash can come between a
 * step's call and its save). Undos are idempotent, so undoing one that never ran changes nothing.
 */
export function stepsToUndo(d: Value, steps: readonly StepOutline[]): number[] {
  const states = steps.map((outline) => d.Steps.find((s) => s.name === outline.name));
  const last = states.reduce(
    (at, s, i) => (s && s.status !== 'pending' && s.status !== 'skipped' ? i : at),
    -1,
  );
  // nothing after a step that is still running (or failed) can have run
  let unsaved = last >= 0 && states[last]?.status !== 'succeeded' ? last : last + 1;
  while (unsaved < steps.length && states[unsaved]?.status === 'pending' && !steps[unsaved]!.givesOutputs)
    unsaved += 1;
  const out: number[] = [];
  steps.forEach((outline, i) => {
    const state = states[i];
    if (!state || !outline.canUndo || state.undo?.status === 'succeeded') return;
    const ran = state.status === 'succeeded' || state.status === 'running' || state.status === 'failed';
    const mayHaveRun = state.status === 'pending' && i > last && i <= unsaved && last >= 0 && unsaved > last;
    if (ran || mayHaveRun) out.push(i);
  });
  return out.reverse();
}

function stateOf(d: Value, outline: StepOutline): StepState {
  const state = d.Steps.find((s) => s.name === outline.name);
  if (!state) throw new Error(`deployment has no step ${outline.name}`);
  return state;
}

/** Why the undo of a step ended its rollback, in words a person can act on. */
function undoFailure(d: Value, steps: readonly StepOutline[], i: number, why: string): string {
  const left = stepsToUndo(d, steps).map((j) => steps[j]!.name);
  return (
    `${why}; the rollback stopped there: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} not undone ` +
    `(${d.Resources?.AutoScalingGroup ?? d.AutoScalingGroupName} is left as it is). ` +
    `Check the group, then deploy the version it should run.`
  );
}

/**
 * Decides, from the saved deployment and the time alone, what happens next: run or undo step N, wait
 * until T, roll back, finish with a status. Pure: the executor carries the decision out and saves.
 */
export function decide(d: Value, steps: readonly StepOutline[], now: number, policy: RetryPolicy): Decision {
  switch (d.Status) {
    case 'Success':
    case 'Failed':
    case 'Cancelled':
    case 'Rolled Back':
    case 'Rollback Failed':
      return { kind: 'none' };
    case 'Queued':
      return { kind: 'start' };
    case 'Rolling Back':
      return decideRollback(d, steps, now, policy);
    case 'In Progress':
    case 'Awaiting Approval':
      return decideForward(d, steps, now);
  }
}

function decideForward(d: Value, steps: readonly StepOutline[], now: number): Decision {
  if (d.CancelRequestedBy) return { kind: 'roll-back', reason: `cancelled by ${d.CancelRequestedBy}` };
  if (d.RollbackRequestedBy) return { kind: 'roll-back', reason: `rolled back by ${d.RollbackRequestedBy}` };
  const i = steps.findIndex((outline) => {
    const s = stateOf(d, outline).status;
    // a step after the rollout that failed is over: the version is out all the same
    return s !== 'succeeded' && s !== 'skipped' && !(s === 'failed' && outline.afterRollout);
  });
  if (i === -1) return { kind: 'finish', status: 'Success' };
  const outline = steps[i]!;
  const state = stateOf(d, outline);
  if (state.status === 'failed')
    return { kind: 'roll-back', reason: `${outline.name}: ${state.error ?? 'failed'}` };
  const started = time(state.startedAt);
  const deadline = started === undefined ? undefined : started + outline.timeoutSeconds * 1000;
  if (deadline !== undefined && now >= deadline) {
    // the strategy's conclusion says what the step left undone
    if (outline.afterRollout) return { kind: 'finish', status: 'Success' };
    return {
      kind: 'roll-back',
      reason: `${outline.name} timed out after ${outline.timeoutSeconds} s`,
      timedOut: i,
    };
  }
  const due = earliest(time(state.retryAt), time(state.checkAt));
  if (due !== undefined && due > now) return { kind: 'wait', until: earliest(due, deadline)! };
  return { kind: 'run', step: i };
}

function decideRollback(d: Value, steps: readonly StepOutline[], now: number, policy: RetryPolicy): Decision {
  const [i] = stepsToUndo(d, steps);
  if (i === undefined) {
    return d.CancelRequestedBy
      ? { kind: 'finish', status: 'Cancelled', reason: d.ErrorReason }
      : { kind: 'finish', status: 'Rolled Back', reason: d.ErrorReason };
  }
  const outline = steps[i]!;
  const undo = stateOf(d, outline).undo;
  if (undo?.status === 'failed')
    return {
      kind: 'finish',
      status: 'Rollback Failed',
      reason: undoFailure(d, steps, i, `undo of ${outline.name} failed: ${undo.error ?? 'unknown error'}`),
    };
  if (undo && undo.attempts >= policy.maxAttempts)
    return {
      kind: 'finish',
      status: 'Rollback Failed',
      reason: undoFailure(
        d,
        steps,
        i,
        `undo of ${outline.name} failed ${undo.attempts} times (last: ${undo.error ?? 'unknown error'})`,
      ),
    };
  const deadline = undo ? Date.parse(undo.startedAt) + outline.timeoutSeconds * 1000 : undefined;
  if (deadline !== undefined && now >= deadline)
    return {
      kind: 'finish',
      status: 'Rollback Failed',
      reason: undoFailure(d, steps, i, `undo of ${outline.name} timed out after ${outline.timeoutSeconds} s`),
    };
  const due = earliest(time(undo?.retryAt), time(undo?.checkAt));
  if (due !== undefined && due > now) return { kind: 'wait', until: earliest(due, deadline)! };
  return { kind: 'undo', step: i };
}
