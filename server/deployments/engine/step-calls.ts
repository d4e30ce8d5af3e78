import type { Deployment, DeploymentResources } from '@shared/deployments/deployment';
import type { FleetPass } from '../../fleet/fleet-pass';
import type { ToggleSettings } from '../toggle-settings';
import type { ChildDeployments } from './child-deployments';
import type { Outcome } from './record-outcome';
import type { AnyStep, FleetProgress, StepContext, StepResult, UndoResult } from './step';
import type { Strategy } from './strategy';
import { isTransient } from './transient';

type Value = Deployment['Value'];

/** Where a step (or its undo) is called: the strategy, the deployment as the engine has it, the pass. */
export interface StepCall {
  readonly strategy: Strategy;
  readonly id: string;
  readonly d: Value;
  readonly fleet: FleetPass;
  readonly now: number;
  readonly children?: ChildDeployments;
  readonly toggles?: ToggleSettings;
}

/** A step's programming error: its inputs or outputs do not match its schemas. Never retried. */
class StepContractError extends Error {}

/** The outputs of the succeeded steps before step `upTo` (all of them when undefined), later ones winning. */
function outputsBefore(strategy: Strategy, d: Value, upTo?: number): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  strategy.steps.slice(0, upTo).forEach((s) => {
    const state = d.Steps.find((x) => x.name === s.name);
    if (state?.status === 'succeeded') Object.assign(outputs, state.outputs);
  });
  return outputs;
}

function resourcesOf(d: Value): DeploymentResources {
  if (!d.Resources)
    throw new StepContractError(
      'the deployment was recorded before its AWS resources were: it cannot be resumed; deploy again',
    );
  return d.Resources;
}

/** The context of step `i`: its inputs parsed by its own `needs` (a key no step wrote fails here). */
function contextFor(
  { strategy, id, d, fleet, now, children, toggles }: StepCall,
  i: number,
): { step: AnyStep; ctx: StepContext<never> } {
  const step = strategy.steps[i]!;
  const inputs = step.needs.safeParse(outputsBefore(strategy, d, i));
  if (!inputs.success)
    throw new StepContractError(`${step.name} cannot read its inputs: ${inputs.error.issues[0]?.message}`);
  const ctx: StepContext<unknown> = {
    deploymentId: id,
    deployment: d,
    resources: resourcesOf(d),
    inputs: inputs.data,
    fleet,
    now,
    ...(children ? { children } : {}),
    ...(toggles ? { toggles } : {}),
  };
  // the inputs were parsed by the step's own schema: this is where its types meet the engine's again
  return { step, ctx: ctx as StepContext<never> };
}

function errorOutcome(e: unknown): Outcome<never> {
  return {
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
    transient: !(e instanceof StepContractError) && isTransient(e),
  };
}

/** Runs step `i` once; its outputs are checked against what it declares it gives. */
export async function runStep(call: StepCall, i: number): Promise<Outcome<StepResult<unknown>>> {
  try {
    const { step, ctx } = contextFor(call, i);
    const answer = await step.run(ctx);
    if (answer.kind === 'succeeded') {
      const outputs = step.gives.safeParse(answer.outputs);
      if (!outputs.success)
        throw new StepContractError(
          `${step.name} gave outputs it does not declare: ${outputs.error.message}`,
        );
      return { kind: 'answer', answer: { ...answer, outputs: outputs.data } };
    }
    return { kind: 'answer', answer };
  } catch (e) {
    return errorOutcome(e);
  }
}

/** Runs the undo of step `i` once. */
export async function undoStep(call: StepCall, i: number): Promise<Outcome<UndoResult>> {
  try {
    const { step, ctx } = contextFor(call, i);
    if (!step.undo) throw new StepContractError(`${step.name} has no undo`);
    return { kind: 'answer', answer: await step.undo(ctx) };
  } catch (e) {
    return errorOutcome(e);
  }
}

/**
 * The fleet as the strategy reads it when the deployment ends; undefined when it cannot be read (or was
 * never touched): a failed reading must not keep a deployment from ending.
 */
export async function finalProgress(
  { strategy, id, d, fleet, now }: StepCall,
  onError: (e: unknown) => void,
): Promise<FleetProgress | undefined> {
  try {
    const ctx = {
      deploymentId: id,
      deployment: d,
      resources: resourcesOf(d),
      inputs: outputsBefore(strategy, d),
      fleet,
      now,
    };
    return await strategy.progress(ctx);
  } catch (e) {
    onError(e);
    return undefined;
  }
}
