import type { z } from 'zod';
import type { Deployment, DeploymentProgress, DeploymentResources } from '@shared/deployments/deployment';
import type { FleetPass } from '../../fleet/fleet-pass';
import type { ToggleSettings } from '../toggle-settings';
import type { ChildDeployments } from './child-deployments';

/** Where a rollout stands on the fleet, as a step reads it (the engine stamps the time). */
export type FleetProgress = Omit<DeploymentProgress, 'at'>;

/** What a step works with: the deployment, its resources, the outputs of the steps before it, the fleet, the time. */
export interface StepContext<In> {
  readonly deploymentId: string;
  readonly deployment: Deployment['Value'];
  /** The AWS resources named when the deployment was requested. */
  readonly resources: DeploymentResources;
  /** The outputs of the steps before this one, parsed by this step's `needs` schema. */
  readonly inputs: In;
  readonly fleet: FleetPass;
  /** The engine's clock, in ms. */
  readonly now: number;
  /** The deployments a step starts and follows (an image patch operation's groups). */
  readonly children?: ChildDeployments;
  /** The feature toggles a step sets (the deployment's toggle changes, its canary toggle). */
  readonly toggles?: ToggleSettings;
}

/** What a step says after one call: not done yet (look again later), done with its outputs, or failed. */
export type StepResult<Out> =
  | {
      readonly kind: 'running';
      readonly note?: string;
      readonly progress?: FleetProgress;
      /** When to look again; the engine's poll interval unless the step knows better (a bake's end). */
      readonly checkAfterMs?: number;
      /**
       * The change awaited is about to show (the last instances of a set coming up, old ones shutting
       * down): look again after a quarter of the poll interval, on the finer grid all such steps share.
       */
      readonly soon?: boolean;
      /**
       * The change awaited is one Auto Scaling announces (instances going InService or terminating, with
       * EC2 health checks): where the group's events reach the engine, it looks again when they come and
       * polls only as a fallback, at a few times the poll interval (soon or not).
       */
      readonly announced?: boolean;
    }
  | { readonly kind: 'succeeded'; readonly outputs: Out; readonly note?: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** What an undo says after one call. */
export type UndoResult =
  | { readonly kind: 'running'; readonly note?: string; readonly checkAfterMs?: number }
  | { readonly kind: 'succeeded'; readonly note?: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** A zod object schema, whose keys are what a step reads or writes. */
export type KeyedSchema<T> = z.ZodType<T> & { readonly shape: Readonly<Record<string, unknown>> };

/**
 * One small, named, idempotent step of a strategy. It declares the outputs it gives (saved with the
 * deployment before the next step runs, or before the next step that is not repeatable) and the inputs it needs (outputs of earlier steps, checked when
 * the strategy is built, so a step cannot read a key no step wrote). `run` is called again while it
 * answers running; `undo` puts back what it did, from its inputs only (what earlier steps recorded), when
 * the deployment rolls back. Retries, backoff and timeouts belong to the engine.
 */
export interface Step<In = unknown, Out = unknown> {
  readonly name: string;
  /** Real seconds from its first run before it fails as timed out (its undo has as long). */
  readonly timeoutSeconds: number;
  /** The deployment's status while this step waits (a step waiting on people, not on AWS). */
  readonly waitingStatus?: 'Awaiting Approval';
  /**
   * Running it again, after a crash lost its outcome, changes nothing a rollback must undo: it only reads
   * the fleet, or creates what its idempotency token makes the same resource. Its outputs are then saved
   * with the next save before a step that is not repeatable, not in a save of their own.
   */
  readonly repeatable?: boolean;
  /**
   * It runs once the version is out (applying what success brings): its failure does not roll the
   * deployment back, which ends Success with the step failed and saying why.
   */
  readonly afterRollout?: boolean;
  readonly needs: KeyedSchema<In>;
  readonly gives: KeyedSchema<Out>;
  readonly run: (ctx: StepContext<In>) => Promise<StepResult<Out>>;
  readonly undo?: (ctx: StepContext<In>) => Promise<UndoResult>;
}

/**
 * A step of any inputs and outputs, as a strategy lists them (every Step<In, Out> is one). The engine hands
 * `run` and `undo` the inputs parsed by the step's own `needs`, the one place where the types meet again.
 */
export interface AnyStep {
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly waitingStatus?: 'Awaiting Approval';
  readonly repeatable?: boolean;
  readonly afterRollout?: boolean;
  readonly needs: KeyedSchema<unknown>;
  readonly gives: KeyedSchema<unknown>;
  readonly run: (ctx: StepContext<never>) => Promise<StepResult<unknown>>;
  readonly undo?: (ctx: StepContext<never>) => Promise<UndoResult>;
}

/** Declares a step with its types inferred from its schemas. */
export function step<In, Out>(s: Step<In, Out>): Step<In, Out> {
  return s;
}

/** Shorthands for step results. */
export const running = (
  note?: string,
  progress?: FleetProgress,
  checkAfterMs?: number,
): { kind: 'running'; note?: string; progress?: FleetProgress; checkAfterMs?: number } => ({
  kind: 'running',
  ...(note !== undefined ? { note } : {}),
  ...(progress ? { progress } : {}),
  ...(checkAfterMs !== undefined ? { checkAfterMs } : {}),
});
/** Not done yet, but about to be: looked at again sooner than the poll interval (see `soon`). */
export const runningSoon = (
  note: string,
  progress?: FleetProgress,
): { kind: 'running'; note: string; progress?: FleetProgress; soon: true } => ({
  kind: 'running',
  note,
  ...(progress ? { progress } : {}),
  soon: true,
});
/** The same answer, awaiting a change that Auto Scaling announces (see `announced`). */
export const announced = <R extends { kind: 'running' }>(result: R): R & { announced: true } => ({
  ...result,
  announced: true,
});
export const succeeded = <Out>(outputs: Out, note?: string): StepResult<Out> => ({
  kind: 'succeeded',
  outputs,
  ...(note !== undefined ? { note } : {}),
});
export const failed = (reason: string): { kind: 'failed'; reason: string } => ({ kind: 'failed', reason });
export const undone = (note?: string): UndoResult => ({
  kind: 'succeeded',
  ...(note !== undefined ? { note } : {}),
});
