import type { Deployment, StepState } from '@shared/deployments/deployment';
import { decide, type StepOutline } from '../../../../server/deployments/engine/decide';
import { aDeploymentValue } from '../../../fixtures/deployment-value';

/** The pure decision of what happens next, from a saved deployment and the time alone. */
describe('decide', () => {
  const T0 = Date.parse('2026-12-01T10:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const policy = { maxAttempts: 3, backoffMs: (n: number) => 100 * n };
  // b gives outputs, so it is saved before c runs: after a, only b may have run unsaved
  const steps: StepOutline[] = [
    { name: 'a', timeoutSeconds: 60, canUndo: true },
    { name: 'b', timeoutSeconds: 60, canUndo: false, givesOutputs: true },
    { name: 'c', timeoutSeconds: 60, canUndo: true },
  ];

  function deployment(
    status: Deployment['Value']['Status'],
    states: Partial<StepState>[] = [],
    extra: Partial<Deployment['Value']> = {},
  ): Deployment['Value'] {
    return aDeploymentValue({
      Status: status,
      StartTimestamp: iso(T0),
      Steps: steps.map((s, i) => ({
        name: s.name,
        status: 'pending',
        attempts: 0,
        outputs: {},
        ...states[i],
      })),
      ...extra,
    });
  }
  const done: Partial<StepState> = { status: 'succeeded', startedAt: iso(T0), endedAt: iso(T0) };
  const underway: Partial<StepState> = { status: 'running', startedAt: iso(T0) };

  it('starts a queued deployment, then runs its first step', () => {
    expect(decide(deployment('Queued'), steps, T0, policy)).toEqual({ kind: 'start' });
    expect(decide(deployment('In Progress'), steps, T0, policy)).toEqual({ kind: 'run', step: 0 });
  });

  it('runs the next step at once after one succeeds', () => {
    expect(decide(deployment('In Progress', [done]), steps, T0, policy)).toEqual({ kind: 'run', step: 1 });
  });

  it('waits until a running step is due to be looked at again, or its backoff has passed', () => {
    const checking = deployment('In Progress', [{ ...underway, checkAt: iso(T0 + 2000) }]);
    expect(decide(checking, steps, T0 + 500, policy)).toEqual({ kind: 'wait', until: T0 + 2000 });
    expect(decide(checking, steps, T0 + 2000, policy)).toEqual({ kind: 'run', step: 0 });
    const backing = deployment('In Progress', [{ ...underway, retryAt: iso(T0 + 300) }]);
    expect(decide(backing, steps, T0 + 100, policy)).toEqual({ kind: 'wait', until: T0 + 300 });
  });

  it('never waits past a step timeout: the wait ends at the deadline, then the deployment rolls back', () => {
    const late = deployment('In Progress', [done, { ...underway, checkAt: iso(T0 + 120_000) }]);
    expect(decide(late, steps, T0 + 1000, policy)).toEqual({ kind: 'wait', until: T0 + 60_000 });
    expect(decide(late, steps, T0 + 60_000, policy)).toEqual({
      kind: 'roll-back',
      reason: 'b timed out after 60 s',
      timedOut: 1,
    });
  });

  for (const at of [0, 1, 2]) {
    it(`rolls back on a cancel or rollback request while step ${at} is under way`, () => {
      const states = [done, done, done].slice(0, at).concat([underway]);
      expect(
        decide(deployment('In Progress', states, { CancelRequestedBy: 'bob' }), steps, T0, policy),
      ).toEqual({
        kind: 'roll-back',
        reason: 'cancelled by bob',
      });
      expect(
        decide(deployment('Awaiting Approval', states, { RollbackRequestedBy: 'bob' }), steps, T0, policy),
      ).toEqual({ kind: 'roll-back', reason: 'rolled back by bob' });
    });
  }

  it('finishes Success when every step succeeded', () => {
    expect(decide(deployment('In Progress', [done, done, done]), steps, T0, policy)).toEqual({
      kind: 'finish',
      status: 'Success',
    });
  });

  it('undoes the steps that ran, newest first, skipping those without an undo', () => {
    const rolling = deployment('Rolling Back', [done, done, { ...underway }], { ErrorReason: 'x' });
    expect(decide(rolling, steps, T0, policy)).toEqual({ kind: 'undo', step: 2 });
    const cUndone = deployment(
      'Rolling Back',
      [done, done, { ...underway, undo: { status: 'succeeded', attempts: 0, startedAt: iso(T0) } }],
      { ErrorReason: 'x' },
    );
    expect(decide(cUndone, steps, T0, policy)).toEqual({ kind: 'undo', step: 0 });
  });

  it('also undoes the steps that may have run unsaved: pending right after the last recorded, up to one with outputs', () => {
    const outlined: StepOutline[] = [
      { name: 'a', timeoutSeconds: 60, canUndo: false, givesOutputs: true },
      { name: 'b', timeoutSeconds: 60, canUndo: true },
      { name: 'c', timeoutSeconds: 60, canUndo: true, givesOutputs: true },
    ];
    const d = deployment('Rolling Back', [done], { ErrorReason: 'x' });
    // b (no outputs, saved lazily) and c (its call may have come before its save) may have run
    expect(decide(d, outlined, T0, policy)).toEqual({ kind: 'undo', step: 2 });
    const cUndone = deployment(
      'Rolling Back',
      [done, {}, { undo: { status: 'succeeded', attempts: 0, startedAt: iso(T0) } }],
      { ErrorReason: 'x' },
    );
    expect(decide(cUndone, outlined, T0, policy)).toEqual({ kind: 'undo', step: 1 });
    // nothing recorded at all: nothing ran
    expect(decide(deployment('Rolling Back', [], { ErrorReason: 'x' }), outlined, T0, policy)).toEqual(
      jasmine.objectContaining({ kind: 'finish', status: 'Rolled Back' }),
    );
  });

  it('ends Rolled Back, or Cancelled when it was cancelled, once everything is undone', () => {
    const undoneA = { ...done, undo: { status: 'succeeded' as const, attempts: 0, startedAt: iso(T0) } };
    expect(decide(deployment('Rolling Back', [undoneA], { ErrorReason: 'why' }), steps, T0, policy)).toEqual({
      kind: 'finish',
      status: 'Rolled Back',
      reason: 'why',
    });
    expect(
      decide(
        deployment('Rolling Back', [undoneA], { ErrorReason: 'why', CancelRequestedBy: 'bob' }),
        steps,
        T0,
        policy,
      ),
    ).toEqual({ kind: 'finish', status: 'Cancelled', reason: 'why' });
  });

  it('waits out an undo backoff, and ends Rollback Failed once the undo exhausted its attempts', () => {
    const retrying = deployment('Rolling Back', [
      {
        ...done,
        undo: { status: 'running', attempts: 2, startedAt: iso(T0), retryAt: iso(T0 + 200), error: 'boom' },
      },
    ]);
    expect(decide(retrying, steps, T0 + 100, policy)).toEqual({ kind: 'wait', until: T0 + 200 });
    expect(decide(retrying, steps, T0 + 200, policy)).toEqual({ kind: 'undo', step: 0 });
    const exhausted = deployment('Rolling Back', [
      { ...done, undo: { status: 'running', attempts: 3, startedAt: iso(T0), error: 'boom' } },
    ]);
    const d = decide(exhausted, steps, T0 + 300, policy);
    expect(d.kind).toBe('finish');
    if (d.kind !== 'finish') return;
    expect(d.status).toBe('Rollback Failed');
    expect(d.reason).toContain('undo of a failed 3 times (last: boom)');
    expect(d.reason).toContain('a is not undone');
    expect(d.reason).toContain('e1-tm-web is left as it is');
  });

  it('ends Rollback Failed when an undo fails for good or runs past its timeout', () => {
    const refused = deployment('Rolling Back', [
      { ...done, undo: { status: 'failed', attempts: 1, startedAt: iso(T0), error: 'not allowed' } },
    ]);
    expect(decide(refused, steps, T0, policy)).toEqual(
      jasmine.objectContaining({ status: 'Rollback Failed' }),
    );
    const slow = deployment('Rolling Back', [
      { ...done, undo: { status: 'running', attempts: 0, startedAt: iso(T0), checkAt: iso(T0 + 120_000) } },
    ]);
    expect(decide(slow, steps, T0 + 1000, policy)).toEqual({ kind: 'wait', until: T0 + 60_000 });
    expect(decide(slow, steps, T0 + 60_000, policy)).toEqual(
      jasmine.objectContaining({ kind: 'finish', status: 'Rollback Failed' }),
    );
  });

  it('has nothing to do for a deployment that is over', () => {
    for (const status of ['Success', 'Failed', 'Cancelled', 'Rolled Back', 'Rollback Failed'] as const)
      expect(decide(deployment(status), steps, T0, policy)).toEqual({ kind: 'none' });
  });
});
