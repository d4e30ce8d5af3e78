import type { Deployment, DeploymentProgress } from '@shared/deployments/deployment';
import type { FleetOperations } from '../fleet-operations';

/** What a step says after one call: not done yet, done (with outputs to keep), or failed (with why). */
export type StepResult =
  | { readonly kind: 'running'; readonly note?: string; readonly progress?: Omit<DeploymentProgress, 'at'> }
  | {
      readonly kind: 'succeeded';
      readonly outputs?: Readonly<Record<string, unknown>>;
      readonly note?: string;
    }
  | { readonly kind: 'failed'; readonly reason: string };

/** What a step works with: the deployment, the outputs of the steps before it, the fleet, a log. */
export interface StepContext {
  readonly deployment: Deployment['Value'];
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly fleet: FleetOperations;
  log(message: string): void;
}

/**
 * One small, named, idempotent step of a strategy. `run` is called again (after a backoff) while it
 * answers running; `undo` puts back what it did, from its own outputs, when the deployment rolls back.
 */
export interface Step {
  readonly name: string;
  /** Simulated-time-free limit: real seconds before the step fails as timed out. */
  readonly timeoutSeconds: number;
  /** The deployment's status while this step waits (a step waiting on people, not on AWS). */
  readonly waitingStatus?: 'Awaiting Approval';
  run(ctx: StepContext): Promise<StepResult>;
  undo?(ctx: StepContext): Promise<StepResult>;
}

/** Shorthands for step results. */
export const running = (note?: string, progress?: Omit<DeploymentProgress, 'at'>): StepResult => ({
  kind: 'running',
  note,
  progress,
});
export const succeeded = (outputs?: Record<string, unknown>, note?: string): StepResult => ({
  kind: 'succeeded',
  outputs,
  note,
});
export const failed = (reason: string): StepResult => ({ kind: 'failed', reason });
