import type { StepOutline } from '../../../../server/deployments/engine/decide';
import { nextPoll, recordRun } from '../../../../server/deployments/engine/record-outcome';
import { aDeploymentValue } from '../../../fixtures/deployment-value';

/** How one outcome of a step is folded into the record, and when it must be saved. */
describe('recording an outcome', () => {
  const T0 = Date.parse('2026-12-01T10:00:00Z');
  const policy = { maxAttempts: 3, backoffMs: (n: number) => 100 * n };
  const options = { now: T0 + 7, policy, pollMs: 100 };

  const deployment = () =>
    aDeploymentValue({
      Status: 'In Progress',
      Steps: [{ name: 'a', status: 'pending', attempts: 0, outputs: {} }],
    });
  const succeeded = { kind: 'answer', answer: { kind: 'succeeded', outputs: { x: 1 } } } as const;

  it('polls on the grid one interval on, though the pass began a little after its grid point', () => {
    // a pass that started at T0 decides at T0 + 7: its next look is T0 + 100, not T0 + 200
    expect(nextPoll(T0 + 7, 100, 100)).toBe(T0 + 100);
    expect(nextPoll(T0 + 49, 100, 100)).toBe(T0 + 100);
    expect(nextPoll(T0, 100, 100)).toBe(T0 + 100);
    const waiting = recordRun(
      deployment(),
      { name: 'a', timeoutSeconds: 60, canUndo: false },
      { kind: 'answer', answer: { kind: 'running', note: 'booting' } },
      options,
    );
    expect(waiting.value.Steps[0]!.checkAt).toBe(new Date(T0 + 100).toISOString());
    const soon = recordRun(
      deployment(),
      { name: 'a', timeoutSeconds: 60, canUndo: false },
      { kind: 'answer', answer: { kind: 'running', note: 'shutting down', soon: true } },
      options,
    );
    expect(soon.value.Steps[0]!.checkAt).toBe(new Date(T0 + 25).toISOString());
  });

  it('looks again at an announced change at the fallback poll where its events come, and at the interval where they do not', () => {
    const outline = { name: 'a', timeoutSeconds: 60, canUndo: false };
    const answer = { kind: 'running', note: 'shutting down', soon: true, announced: true } as const;
    const heard = recordRun(
      deployment(),
      outline,
      { kind: 'answer', answer },
      { ...options, eventPollMs: 500 },
    );
    // the events wake it; the poll on the coarser grid only covers one that went missing
    expect(heard.value.Steps[0]!.checkAt).toBe(new Date(T0 + 500).toISOString());
    const unheard = recordRun(deployment(), outline, { kind: 'answer', answer }, options);
    expect(unheard.value.Steps[0]!.checkAt).toBe(new Date(T0 + 25).toISOString());
    // a change no event announces (a target's health) polls at the interval, events or not
    const plain = recordRun(
      deployment(),
      outline,
      { kind: 'answer', answer: { kind: 'running', note: 'not yet healthy' } },
      { ...options, eventPollMs: 500 },
    );
    expect(plain.value.Steps[0]!.checkAt).toBe(new Date(T0 + 100).toISOString());
  });

  it('saves the outputs of a step that is not repeatable at once, and defers those of a repeatable one', () => {
    const outline: StepOutline = { name: 'a', timeoutSeconds: 60, canUndo: false, givesOutputs: true };
    const now = recordRun(deployment(), outline, succeeded, options);
    expect(now.mustSave).toBeTrue();
    expect(now.outputsUnsaved).toBeUndefined();
    const later = recordRun(deployment(), { ...outline, repeatable: true }, succeeded, options);
    expect(later.mustSave).toBeFalse();
    expect(later.outputsUnsaved).toBeTrue();
    expect(later.value.Steps[0]!.outputs).toEqual({ x: 1 });
  });
});
