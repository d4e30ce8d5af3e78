import type { SimInstance, TargetHealthState } from '../cloud';
import type { TargetGroupRecord, TargetRecord } from './elbv2-model';

/** A target's health as DescribeTargetHealth reports it. */
export interface DisplayedHealth {
  readonly state: TargetHealthState;
  readonly reason?: string;
  readonly description?: string;
}

/**
 * Computes the reported health from the stored check progress and the present facts (draining, the
 * instance's state, whether a listener uses the group), as AWS orders them: the displayed state is
 * derived, never stored.
 */
export function targetHealth(
  target: TargetRecord,
  group: TargetGroupRecord,
  inUse: boolean,
  instance: SimInstance | undefined,
): DisplayedHealth {
  if (target.phase === 'draining')
    return {
      state: 'draining',
      reason: 'Target.DeregistrationInProgress',
      description: 'Target deregistration is in progress',
    };
  if (!instance || instance.state === 'shutting-down' || instance.state === 'terminated')
    return {
      state: 'unused',
      reason: 'Target.InvalidState',
      description: 'Target is in the stopped or terminated state',
    };
  if (!inUse)
    return {
      state: 'unused',
      reason: 'Target.NotInUse',
      description: 'Target group is not configured to receive traffic from the load balancer',
    };
  if (!group.healthCheck.enabled)
    return {
      state: 'unavailable',
      reason: 'Target.HealthCheckDisabled',
      description: 'Health checks are disabled',
    };
  switch (target.phase) {
    case 'healthy':
      return { state: 'healthy' };
    case 'unhealthy':
      return {
        state: 'unhealthy',
        reason: target.failure?.code ?? 'Target.FailedHealthChecks',
        description: target.failure?.description ?? 'Health checks failed',
      };
    default:
      return target.checked
        ? {
            state: 'initial',
            reason: 'Elb.InitialHealthChecking',
            description: 'Initial health checks in progress',
          }
        : {
            state: 'initial',
            reason: 'Elb.RegistrationInProgress',
            description: 'Target registration is in progress',
          };
  }
}

/** Whether a target may get new requests (healthy, or the group's fail-open set when none is). */
export function isServing(target: TargetRecord, instance: SimInstance | undefined): boolean {
  return target.phase !== 'draining' && instance?.state === 'running' && instance.localPort !== undefined;
}
