import type { StepState } from '@shared/deployments/deployment';

/** How far a deployment's steps have got. */
export interface StepProgress {
  readonly succeeded: number;
  readonly total: number;
  /** Percentage for a progress bar. */
  readonly percent: number;
  /** The step running now, or else the first not yet done. */
  readonly current: string | undefined;
}

/** Counts the steps done (succeeded or skipped) and names the current one. */
export function stepProgress(steps: readonly StepState[]): StepProgress {
  const succeeded = steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped').length;
  const total = steps.length;
  const current =
    steps.find((s) => s.status === 'running' || s.status === 'failed') ??
    steps.find((s) => s.status === 'pending');
  return {
    succeeded,
    total,
    percent: total === 0 ? 0 : Math.round((succeeded / total) * 100),
    current: current?.name,
  };
}
