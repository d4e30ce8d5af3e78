import type { Deployment } from '@shared/deployments/deployment';
import type { Strategy } from '../engine/strategy';
import { blueGreen } from './blue-green';
import { imagePatch } from './image-patch';
import { patchOperation, patchOperationAfterApproval } from './patch-operation';
import { scaleUpPatch, scaleUpPatchAfterApproval } from './scale-up-patch';

/** What chooses a strategy: the mode, the canary weights and whether an approval comes first. */
export type StrategyChoice = Pick<Deployment['Value'], 'DeploymentType' | 'CanarySteps' | 'RequireApproval'>;

const blueGreens = new Map<string, Strategy>();

/** The strategy of a deployment (built once per set of options). */
export function strategyFor(d: StrategyChoice): Strategy {
  if (d.DeploymentType === 'patch') return imagePatch;
  if (d.DeploymentType === 'patch-operation')
    return d.RequireApproval ? patchOperationAfterApproval : patchOperation;
  if (d.DeploymentType !== 'bg') return d.RequireApproval ? scaleUpPatchAfterApproval : scaleUpPatch;
  const key = `${d.CanarySteps.join(',')}|${d.RequireApproval}`;
  let strategy = blueGreens.get(key);
  if (!strategy) blueGreens.set(key, (strategy = blueGreen(d.CanarySteps, d.RequireApproval)));
  return strategy;
}

/** The names of the steps a deployment will run, in order: what dry runs and new records show. */
export function stepNames(d: StrategyChoice): string[] {
  return strategyFor(d).steps.map((s) => s.name);
}
