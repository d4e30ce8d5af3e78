import type { NewDeployment } from '@shared/deployments/deployment';
import { parseCanarySteps } from './canary-steps';
import type { DeployTarget } from './deploy-target';

/** What the deploy form holds, as typed. */
export interface DeployFormValue {
  readonly version: string;
  readonly mode: 'overwrite' | 'bg';
  readonly slice: 'blue' | 'green';
  readonly canarySteps: string;
  readonly bakeSeconds: string;
  readonly requireApproval: boolean;
}

/** The `POST /deployments` body for the form; blue/green settings are sent only with blue/green. */
export function deployRequest(
  environment: string,
  target: DeployTarget,
  form: DeployFormValue,
): NewDeployment {
  const base: NewDeployment = {
    environment,
    service: target.service,
    serverRole: target.serverRole,
    version: form.version.trim(),
    mode: 'overwrite',
    requireApproval: form.requireApproval,
  };
  if (form.mode !== 'bg' || !target.fleetPerSlice) {
    return base;
  }
  const bake = form.bakeSeconds.trim();
  return {
    ...base,
    mode: 'bg',
    slice: form.slice,
    canarySteps: parseCanarySteps(form.canarySteps),
    bakeSeconds: bake === '' ? undefined : Number(bake),
  };
}

/** Which form control a server field error (`body.version`) belongs to. */
export function controlForField(field: string): string | undefined {
  const name = field.replace(/^body\./, '');
  const byField: Record<string, string> = {
    version: 'version',
    mode: 'mode',
    slice: 'slice',
    canarySteps: 'canarySteps',
    bakeSeconds: 'bakeSeconds',
    service: 'target',
    serverRole: 'target',
  };
  return byField[name];
}
