import type { DeploymentMode } from '@shared/deployments/deployment';

/** The named steps a deployment will run, in order, for its strategy and options. */
export function strategyOutline(
  mode: DeploymentMode,
  options: { canarySteps: readonly number[]; requireApproval: boolean },
): string[] {
  if (mode === 'overwrite') {
    return [
      ...(options.requireApproval ? ['await-approval'] : []),
      'record-capacity',
      'suspend-processes',
      'create-launch-template-version',
      'scale-out',
      'wait-for-new-instances',
      'remove-old-instances',
      'verify-version',
      'restore-capacity',
    ];
  }
  const steps = ['prepare-inactive-slice', 'scale-inactive-slice', 'wait-for-inactive-slice'];
  for (const weight of options.canarySteps) {
    if (weight === 100 && options.requireApproval) steps.push('await-approval');
    steps.push(`shift-traffic-${weight}`);
    if (weight < 100) steps.push(`bake-${weight}`);
  }
  steps.push('keep-old-slice-warm', 'scale-down-old-slice');
  return steps;
}
