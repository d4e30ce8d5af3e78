import type { AsgInstance, AutoScalingGroup } from '@shared/fleet/auto-scaling-group';

/**
 * Builds an Auto Scaling group for specs, as `GET /asgs` lists it; pass only what the spec is about. By
 * default it is st1's, wants 2 instances and has 2 InService and Healthy ones.
 */
export function testAsg(
  options: {
    name?: string;
    /** Its `Environment` tag; null for a group without one. */
    environment?: string | null;
    desired?: number;
    /** InService and Healthy instances. */
    healthy?: number;
    /** InService instances that Auto Scaling finds Unhealthy. */
    unhealthy?: number;
    /** Instances still Pending. */
    pending?: number;
  } = {},
): AutoScalingGroup {
  const environment = options.environment === undefined ? 'st1' : options.environment;
  const instances: AsgInstance[] = [
    ...Array.from({ length: options.healthy ?? 2 }, () => instance('InService', 'Healthy')),
    ...Array.from({ length: options.unhealthy ?? 0 }, () => instance('InService', 'Unhealthy')),
    ...Array.from({ length: options.pending ?? 0 }, () => instance('Pending', 'Healthy')),
  ].map((i, n) => ({ ...i, InstanceId: `i-${n}` }));
  return {
    AutoScalingGroupName: options.name ?? 'st1-inf-Web',
    MinSize: 0,
    MaxSize: 6,
    DesiredCapacity: options.desired ?? 2,
    AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    Instances: instances,
    SuspendedProcesses: [],
    Tags: environment === null ? [] : [{ Key: 'Environment', Value: environment }],
    TerminationPolicies: ['Default'],
  };
}

function instance(LifecycleState: string, HealthStatus: string): AsgInstance {
  return { InstanceId: '', AvailabilityZone: 'eu-west-1a', LifecycleState, HealthStatus };
}
