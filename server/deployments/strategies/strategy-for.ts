import type { Deployment } from '@shared/deployments/deployment';
import { defineStrategy, type Strategy } from '../engine/strategy';
import { applyFeatureToggles, concludeToggles } from './apply-feature-toggles';
import { blueGreen } from './blue-green';
import { imagePatch } from './image-patch';
import { patchOperation, patchOperationAfterApproval } from './patch-operation';
import { scaleUpPatch, scaleUpPatchAfterApproval } from './scale-up-patch';

/**
 * What chooses a strategy: the mode, the canary weights, whether an approval comes first, and the
 * feature toggles it carries (changes applied after the rollout, a canary toggle following the weights).
 */
export type StrategyChoice = Pick<
  Deployment['Value'],
  'DeploymentType' | 'CanarySteps' | 'RequireApproval' | 'FeatureToggles'
>;

const built = new Map<string, Strategy>();

/** The rollout itself, for a version (scale-up patching or blue/green with its canary toggle). */
function rollout(d: StrategyChoice): Strategy {
  if (d.DeploymentType !== 'bg') return d.RequireApproval ? scaleUpPatchAfterApproval : scaleUpPatch;
  return blueGreen(d.CanarySteps, d.RequireApproval, { canaryToggle: !!d.FeatureToggles?.CanaryToggle });
}

/** The strategy of a deployment (built once per set of options). */
export function strategyFor(d: StrategyChoice): Strategy {
  if (d.DeploymentType === 'patch') return imagePatch;
  if (d.DeploymentType === 'patch-operation')
    return d.RequireApproval ? patchOperationAfterApproval : patchOperation;
  const toggles = d.FeatureToggles;
  const changes = (toggles?.Changes.length ?? 0) > 0;
  const key = [
    d.DeploymentType,
    d.DeploymentType === 'bg' ? d.CanarySteps.join(',') : '',
    d.RequireApproval,
    !!toggles?.CanaryToggle,
    changes,
  ].join('|');
  let strategy = built.get(key);
  if (!strategy) {
    const base = rollout(d);
    strategy = !toggles
      ? base
      : {
          ...defineStrategy(changes ? [...base.steps, applyFeatureToggles] : base.steps, base.progress),
          conclude: concludeToggles,
        };
    built.set(key, strategy);
  }
  return strategy;
}

/** The names of the steps a deployment will run, in order: what dry runs and new records show. */
export function stepNames(d: StrategyChoice): string[] {
  return strategyFor(d).steps.map((s) => s.name);
}
