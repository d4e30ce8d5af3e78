import { FormControl } from '@angular/forms';
import { canaryStepsValidator, parseCanarySteps } from './canary-steps';

describe('canary steps', () => {
  it('reads comma or space separated percentages and leaves empty to the server default', () => {
    expect(parseCanarySteps('10, 50 100')).toEqual([10, 50, 100]);
    expect(parseCanarySteps('  ')).toBeUndefined();
  });

  it('refuses steps that do not rise or do not end at 100, as the server would', () => {
    expect(canaryStepsValidator(new FormControl('10,50,100'))).toBeNull();
    expect(canaryStepsValidator(new FormControl('50,10,100'))).toEqual({ schema: 'must rise step by step' });
    expect(canaryStepsValidator(new FormControl('10,50'))).toEqual({ schema: 'must end at 100' });
  });
});
