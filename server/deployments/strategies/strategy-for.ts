import type { Deployment } from '@shared/deployments/deployment';
import type { Strategy } from '../engine/strategy';
import { awaitApproval } from './await-approval';
import { blueGreen, sliceProgress } from './blue-green';
import { patchProgress, scaleUpPatch } from './scale-up-patch';

/** The strategy of a deployment: its steps, and how it reads the fleet. */
export function strategyFor(d: Deployment['Value']): Strategy {
  if (d.DeploymentType === 'bg')
    return { steps: blueGreen(d.CanarySteps, d.RequireApproval), progress: sliceProgress };
  return {
    steps: d.RequireApproval ? [awaitApproval, ...scaleUpPatch] : scaleUpPatch,
    progress: patchProgress,
  };
}
