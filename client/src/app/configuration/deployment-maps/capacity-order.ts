import type { AbstractControl, FormGroupDirective, NgForm, ValidatorFn } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import { AutoScalingSettings } from '@shared/catalogue/deployment-map';

/**
 * The shared rule MinCapacity <= DesiredCapacity <= MaxCapacity on the AutoScalingSettings group, checked
 * with the shared schema so the form refuses what the server will; each number's own limits are left
 * to its field.
 */
export const capacityOrder: ValidatorFn = (group) => {
  const value = group.value as Record<string, unknown>;
  const numbers = [value['MinCapacity'], value['DesiredCapacity'], value['MaxCapacity']];
  if (!numbers.every((n) => typeof n === 'number')) {
    return null;
  }
  const result = AutoScalingSettings.safeParse(value);
  const order = result.error?.issues.find((issue) => issue.code === 'custom');
  return order ? { capacityOrder: order.message } : null;
};

/** Shows the Desired field in error when its group breaks the order rule, so the message sits there. */
export const desiredCapacityErrors: ErrorStateMatcher = {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    if (!control) {
      return false;
    }
    const broken = control.invalid || control.parent?.hasError('capacityOrder') === true;
    return broken && (control.touched || control.dirty || form?.submitted === true);
  },
};
