import type { ObservedInstance } from './fleet-observer';

/** Whether an instance serves: InService and Healthy in its ASG. */
export function isInService(i: Pick<ObservedInstance, 'lifecycleState' | 'healthStatus'>): boolean {
  return i.lifecycleState === 'InService' && i.healthStatus === 'Healthy';
}
