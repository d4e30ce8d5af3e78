import type { ValidatorFn } from '@angular/forms';
import { NewDeployment } from '@shared/deployments/deployment';

/** Reads canary steps typed as "10, 50, 100"; undefined when left empty, NaN entries when not numbers. */
export function parseCanarySteps(text: string): number[] | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed.split(/[\s,]+/).map(Number);
}

/** Checks typed canary steps against the server's rule: rising whole percentages ending at 100. */
export const canaryStepsValidator: ValidatorFn = (control) => {
  const steps = parseCanarySteps(String(control.value ?? ''));
  if (steps === undefined) {
    return null;
  }
  const result = NewDeployment.shape.canarySteps.safeParse(steps);
  return result.success ? null : { schema: result.error.issues[0]?.message ?? 'is not valid' };
};
