import { z } from 'zod';
import type { Deployment } from '@shared/deployments/deployment';
import type { AnyStep, FleetProgress, StepContext } from './step';

/**
 * A rollout strategy: its ordered steps, and how it reads the fleet it works on (for the progress the
 * record keeps when the deployment ends). `progress` gets every output recorded so far. `conclude`, when
 * given, adds to the record what the strategy says of the end (what its after-rollout steps did, or
 * that they never ran): pure, from the record as it ends and its final status.
 */
export interface Strategy {
  readonly steps: readonly AnyStep[];
  progress(ctx: StepContext<Readonly<Record<string, unknown>>>): Promise<FleetProgress | undefined>;
  readonly conclude?: (d: Deployment['Value'], status: FinalStatus) => Deployment['Value'];
}

/** The statuses a deployment ends in. */
export type FinalStatus = 'Success' | 'Cancelled' | 'Rolled Back' | 'Rollback Failed';

function isOptional(schema: unknown): boolean {
  return schema instanceof z.ZodType && schema.safeParse(undefined).success;
}

/**
 * Builds a strategy, checking that every step reads only keys that a step before it gives and that no two
 * steps share a name: a strategy that could read a key nobody wrote is refused when it is built.
 */
export function defineStrategy(steps: readonly AnyStep[], progress: Strategy['progress']): Strategy {
  const given = new Set<string>();
  const names = new Set<string>();
  for (const s of steps) {
    if (names.has(s.name)) throw new Error(`strategy has two steps named ${s.name}`);
    names.add(s.name);
    // an optional input (one a strategy may give, as the image patch's scale-out size) needs no step
    const missing = Object.entries(s.needs.shape)
      .filter(([k, schema]) => !given.has(k) && !isOptional(schema))
      .map(([k]) => k);
    if (missing.length)
      throw new Error(`step ${s.name} needs ${missing.join(', ')}, which no step before it gives`);
    for (const k of Object.keys(s.gives.shape)) given.add(k);
  }
  return { steps, progress };
}

/** Chooses a deployment's strategy from its record (its mode, canary steps and approval). */
export type StrategyOf = (d: Deployment['Value']) => Strategy;
