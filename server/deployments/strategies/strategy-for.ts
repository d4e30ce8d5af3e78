import type { Deployment } from '@shared/deployments/deployment';
import type { Step } from '../engine/step';
import { awaitApproval } from './await-approval';
import { blueGreen } from './blue-green';
import { scaleUpPatch } from './scale-up-patch';

/** The steps of a deployment's strategy. */
export function strategyFor(d: Deployment['Value']): readonly Step[] {
  if (d.DeploymentType === 'bg') return blueGreen(d.CanarySteps, d.RequireApproval);
  return d.RequireApproval ? [awaitApproval, ...scaleUpPatch] : scaleUpPatch;
}
