import type {
  Deployment,
  DeploymentLogLine,
  DeploymentProgress,
  StepState,
  UndoState,
} from '@shared/deployments/deployment';
import type { Decision, RetryPolicy, StepOutline } from './decide';
import type { FleetProgress, StepResult, UndoResult } from './step';

type Value = Deployment['Value'];

/** A log line as the engine writes it: stamped when it happened, saved with the record. */
export type LogLine = DeploymentLogLine;

/** A deployment after an outcome is recorded: the new value, its log lines, and whether it must be saved now. */
export interface Recorded {
  readonly value: Value;
  readonly log: readonly LogLine[];
  /**
   * Whether the change must be saved before anything else happens: a step that gave outputs (facts a
   * re-run might no longer see), any status change, an error's attempt count. A step without outputs is
   * idempotent by contract; its success is saved with the next save.
   */
  readonly mustSave: boolean;
  /** Set when the only reason to save is a new reading of the fleet (which the engine may save less often). */
  readonly progressOnly?: boolean;
  /**
   * Set when a repeatable step gave outputs that are not saved yet: they must be before the next step
   * that is not repeatable runs (it, or its undo, may depend on them).
   */
  readonly outputsUnsaved?: boolean;
}

/** How a step's run or undo ended: its own answer, or an error (transient ones are retried). */
export type Outcome<R> =
  | { readonly kind: 'answer'; readonly answer: R }
  | { readonly kind: 'error'; readonly message: string; readonly transient: boolean };

/** How much sooner than the poll interval a step that expects its change soon is looked at again. */
const SOON = 4;

const iso = (ms: number) => new Date(ms).toISOString();
const line = (now: number, level: LogLine['level'], message: string): LogLine => ({
  at: iso(now),
  level,
  message,
});

/**
 * The point of the poll grid about `ms` away (never sooner than half of it): deployments that poll then
 * share one read. `now` is a little after the grid point the pass started on (its reads took time), so a
 * plain "first grid point `ms` away" would skip a point and poll at twice the interval.
 */
export function nextPoll(now: number, ms: number, pollMs: number): number {
  return Math.ceil((now + ms / 2) / pollMs) * pollMs;
}

function withStep(d: Value, name: string, change: (s: StepState) => StepState): Value {
  return { ...d, Steps: d.Steps.map((s) => (s.name === name ? change(s) : s)) };
}

function clean(state: StepState): StepState {
  const { retryAt: _r, checkAt: _c, error: _e, ...rest } = state;
  return rest;
}

/** Whether progress changed (the time it was seen aside): only changes are saved and streamed. */
function sameProgress(a: DeploymentProgress | undefined, b: FleetProgress): boolean {
  if (!a) return false;
  const { at: _at, ...rest } = a;
  return JSON.stringify(rest) === JSON.stringify(b);
}

/** Queued to In Progress (saved with the first step's outcome: nothing happened to the fleet yet). */
export function recordStart(d: Value, now: number): Recorded {
  return { value: { ...d, Status: 'In Progress' }, log: [line(now, 'info', 'started')], mustSave: false };
}

/** In Progress to Rolling Back, with the reason; a step that timed out is marked failed. */
export function recordRollBack(
  d: Value,
  decision: Extract<Decision, { kind: 'roll-back' }>,
  steps: readonly StepOutline[],
  now: number,
): Recorded {
  let value: Value = { ...d, Status: 'Rolling Back', ErrorReason: decision.reason };
  if (decision.timedOut !== undefined) {
    value = withStep(value, steps[decision.timedOut]!.name, (s) => ({
      ...clean(s),
      status: 'failed',
      endedAt: iso(now),
      error: 'timed out',
    }));
  }
  const requested = d.CancelRequestedBy ?? d.RollbackRequestedBy;
  const message =
    decision.timedOut === undefined && requested
      ? d.CancelRequestedBy
        ? `cancelled by ${d.CancelRequestedBy}: undoing what was done`
        : `${d.RollbackRequestedBy} asked for a rollback: undoing what was done`
      : `${decision.reason}; rolling back`;
  return {
    value,
    log: [line(now, decision.timedOut === undefined && requested ? 'warn' : 'error', message)],
    mustSave: true,
  };
}

/** Folds one call of a step's run into the deployment. */
export function recordRun(
  d: Value,
  outline: StepOutline,
  outcome: Outcome<StepResult<unknown>>,
  options: { now: number; policy: RetryPolicy; pollMs: number; eventPollMs?: number },
): Recorded {
  const { now, policy, pollMs, eventPollMs } = options;
  const state = d.Steps.find((s) => s.name === outline.name)!;
  const startedAt = state.startedAt ?? iso(now);
  const failStep = (error: string, reason: string): Recorded => {
    if (outline.afterRollout) return failAfterRollout(d, outline, { error, reason, startedAt, now });
    return {
      value: {
        ...withStep(d, outline.name, (s) => ({
          ...clean(s),
          status: 'failed',
          startedAt,
          endedAt: iso(now),
          error,
        })),
        Status: 'Rolling Back',
        ErrorReason: reason,
      },
      log: [line(now, 'error', `${reason}; rolling back`)],
      mustSave: true,
    };
  };
  if (outcome.kind === 'error') {
    const attempts = state.attempts + 1;
    if (!outcome.transient || attempts >= policy.maxAttempts)
      return failStep(outcome.message, `${outline.name} failed: ${outcome.message}`);
    return {
      value: withStep(d, outline.name, (s) => ({
        ...clean(s),
        status: 'running',
        startedAt,
        attempts,
        error: outcome.message,
        retryAt: iso(now + policy.backoffMs(attempts)),
      })),
      log: [line(now, 'warn', `${outline.name}: ${outcome.message} (attempt ${attempts}, will retry)`)],
      mustSave: true,
    };
  }
  const answer = outcome.answer;
  switch (answer.kind) {
    case 'failed':
      return failStep(answer.reason, `${outline.name}: ${answer.reason}`);
    case 'running': {
      const status = outline.waitingStatus ?? 'In Progress';
      const progressChanged = answer.progress !== undefined && !sameProgress(d.Progress, answer.progress);
      const noteChanged = answer.note !== undefined && answer.note !== state.error;
      const changed = d.Status !== status || state.status !== 'running' || noteChanged;
      const mustSave = changed || progressChanged;
      // a change the group's events announce is looked at when they come: the poll is only the fallback
      const grid =
        answer.announced && eventPollMs !== undefined ? eventPollMs : answer.soon ? pollMs / SOON : pollMs;
      const checkAt =
        answer.checkAfterMs === undefined ? nextPoll(now, grid, grid) : now + answer.checkAfterMs;
      const value: Value = {
        ...withStep(d, outline.name, (s) => ({
          ...clean(s),
          status: 'running',
          startedAt,
          ...(answer.note !== undefined ? { error: answer.note } : {}),
          checkAt: iso(checkAt),
        })),
        Status: status,
        ...(progressChanged ? { Progress: { ...answer.progress!, at: iso(now) } } : {}),
      };
      return {
        value,
        log: noteChanged ? [line(now, 'info', `${outline.name}: ${answer.note}`)] : [],
        mustSave,
        ...(progressChanged && !changed ? { progressOnly: true } : {}),
      };
    }
    case 'succeeded': {
      const value: Value = {
        ...withStep(d, outline.name, (s) => ({
          ...clean(s),
          status: 'succeeded',
          startedAt,
          endedAt: iso(now),
          outputs: { ...(answer.outputs as Record<string, unknown>) },
        })),
        Status: 'In Progress',
      };
      const givesOutputs = outline.givesOutputs === true;
      const deferred = givesOutputs && outline.repeatable === true;
      return {
        value,
        log: [line(now, 'info', `${outline.name} done${answer.note ? `: ${answer.note}` : ''}`)],
        mustSave: (givesOutputs && !deferred) || d.Status !== 'In Progress',
        ...(deferred ? { outputsUnsaved: true } : {}),
      };
    }
  }
}

/** A step after the rollout failed: the step says why, and the deployment goes on to end Success. */
function failAfterRollout(
  d: Value,
  outline: StepOutline,
  failure: { error: string; reason: string; startedAt: string; now: number },
): Recorded {
  const { error, reason, startedAt, now } = failure;
  return {
    value: withStep(d, outline.name, (s) => ({
      ...clean(s),
      status: 'failed',
      startedAt,
      endedAt: iso(now),
      error,
    })),
    log: [line(now, 'error', `${reason}; the version stays out (no rollback after the rollout)`)],
    mustSave: true,
  };
}

/** Folds one call of a step's undo into the deployment. */
export function recordUndo(
  d: Value,
  outline: StepOutline,
  outcome: Outcome<UndoResult>,
  options: { now: number; policy: RetryPolicy; pollMs: number },
): Recorded {
  const { now, policy, pollMs } = options;
  const state = d.Steps.find((s) => s.name === outline.name)!;
  const before: UndoState = state.undo ?? { status: 'running', attempts: 0, startedAt: iso(now) };
  const { retryAt: _r, checkAt: _c, error: _e, ...base } = before;
  const set = (undo: UndoState, log: LogLine[], mustSave: boolean): Recorded => ({
    value: withStep(d, outline.name, (s) => ({ ...s, undo })),
    log,
    mustSave,
  });
  if (outcome.kind === 'error') {
    const attempts = before.attempts + 1;
    if (!outcome.transient)
      return set(
        { ...base, status: 'failed', attempts, error: outcome.message },
        [line(now, 'error', `undo of ${outline.name}: ${outcome.message}`)],
        true,
      );
    return set(
      {
        ...base,
        status: 'running',
        attempts,
        error: outcome.message,
        retryAt: iso(now + policy.backoffMs(attempts)),
      },
      [line(now, 'warn', `undo of ${outline.name}: ${outcome.message} (attempt ${attempts}, will retry)`)],
      true,
    );
  }
  const answer = outcome.answer;
  switch (answer.kind) {
    case 'failed':
      return set(
        { ...base, status: 'failed', error: answer.reason },
        [line(now, 'error', `undo of ${outline.name} failed: ${answer.reason}`)],
        true,
      );
    case 'running': {
      const checkAt =
        answer.checkAfterMs === undefined ? nextPoll(now, pollMs, pollMs) : now + answer.checkAfterMs;
      const noteChanged = answer.note !== undefined && answer.note !== before.error;
      return set(
        {
          ...base,
          status: 'running',
          ...(answer.note !== undefined ? { error: answer.note } : {}),
          checkAt: iso(checkAt),
        },
        noteChanged ? [line(now, 'info', `undo of ${outline.name}: ${answer.note}`)] : [],
        state.undo === undefined || noteChanged,
      );
    }
    case 'succeeded':
      return set(
        { ...base, status: 'succeeded', endedAt: iso(now) },
        [line(now, 'info', `undid ${outline.name}${answer.note ? `: ${answer.note}` : ''}`)],
        false,
      );
  }
}

/** The deployment ended: its status, end time, reason and the last reading of the fleet. */
export function recordFinish(
  d: Value,
  decision: Extract<Decision, { kind: 'finish' }>,
  progress: FleetProgress | undefined,
  now: number,
): Recorded {
  const value: Value = {
    ...d,
    Status: decision.status,
    EndTimestamp: iso(now),
    ...(decision.reason !== undefined ? { ErrorReason: decision.reason } : {}),
    ...(progress ? { Progress: { ...progress, at: iso(now) } } : {}),
  };
  const log =
    decision.status === 'Success'
      ? line(now, 'info', 'deployment succeeded')
      : decision.status === 'Rollback Failed'
        ? line(now, 'error', `rollback failed: ${decision.reason ?? ''}`)
        : line(now, 'warn', `${decision.status.toLowerCase()}: ${decision.reason ?? ''}`);
  return { value, log: [log], mustSave: true };
}

/**
 * The deployment as a person's change leaves it (an approval, a cancel, a rollback request): its running
 * step is due to be looked at now, whatever its next check said.
 */
export function dueNow(d: Value): Value {
  return {
    ...d,
    Steps: d.Steps.map((s) => {
      if (s.status !== 'running' || !s.checkAt) return s;
      const { checkAt: _due, ...rest } = s;
      return rest;
    }),
  };
}
