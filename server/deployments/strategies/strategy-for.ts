import type { Deployment } from '@shared/deployments/deployment';
import type { Step } from '../engine/step';
import { awaitApproval } from './await-approval';
import { scaleUpPatch } from './scale-up-patch';

/** The steps of a deployment's strategy, or why it cannot run. */
export function strategyFor(d: Deployment['Value']): readonly Step[] | string {
  if (d.DeploymentType === 'bg')
    return 'blue/green rollouts are not available in this release yet: deploy with mode overwrite';
  return d.RequireApproval ? [awaitApproval, ...scaleUpPatch] : scaleUpPatch;
}
