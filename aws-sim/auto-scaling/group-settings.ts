import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import { SCALING_PROCESSES, TERMINATION_POLICIES, type ScalingGroup, type ScalingProcess } from './types';

/** AWS's refusal of sizes out of order: min <= desired <= max. */
export function assertCapacity(min: number, max: number, desired: number): void {
  for (const [name, v] of [
    ['minSize', min],
    ['maxSize', max],
    ['desiredCapacity', desired],
  ] as const)
    if (v < 0)
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
      );
  if (min > max)
    throw new AwsError(
      'ValidationError',
      `Max bound, ${max}, must be greater than or equal to min bound, ${min}`,
    );
  if (desired < min || desired > max)
    throw new AwsError(
      'ValidationError',
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
}

/** The group's launch template from `LaunchTemplate.*`, checked against EC2 as AWS does. */
export function readLaunchTemplate(cloud: Cloud, params: QueryParams): ScalingGroup['launchTemplate'] {
  const lt = params.sub('LaunchTemplate');
  const id = lt.get('LaunchTemplateId');
  const name = lt.get('LaunchTemplateName');
  if (!id && !name)
    throw new AwsError(
      'ValidationError',
      'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
    );
  if (id && name)
    throw new AwsError(
      'ValidationError',
      'You must use a valid fully-formed launch template. Valid requests must contain either launchTemplateId or launchTemplateName.',
    );
  const version = lt.get('Version') ?? '$Default';
  try {
    const ref = cloud.ec2.resolveLaunchTemplate({ id, name, version });
    return { launchTemplateId: ref.launchTemplateId, launchTemplateName: ref.launchTemplateName, version };
  } catch (e) {
    if (e instanceof AwsError)
      throw new AwsError(
        'ValidationError',
        `You must use a valid fully-formed launch template. ${e.message}`,
      );
    throw e;
  }
}

/**
 * The group's zones from `AvailabilityZones` or `VPCZoneIdentifier`. EC2 here has no subnets, so the
 * subnets of a VPCZoneIdentifier are spread over the region's zones in order (first subnet, first zone).
 */
export function readZones(
  cloud: Cloud,
  params: QueryParams,
): { zones: string[]; vpcZoneIdentifier?: string } {
  const region = cloud.ec2.availabilityZones();
  const vpc = params.get('VPCZoneIdentifier');
  if (vpc) {
    const subnets = vpc
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return { zones: [...new Set(subnets.map((_, i) => region[i % region.length]!))], vpcZoneIdentifier: vpc };
  }
  const zones = params.members('AvailabilityZones');
  if (!zones.length)
    throw new AwsError('ValidationError', 'At least one Availability Zone or VPC Subnet is required.');
  for (const z of zones)
    if (!region.includes(z))
      throw new AwsError('ValidationError', `The availability zone ${z} is not legal for this call.`);
  return { zones: [...new Set(zones)] };
}

/** `HealthCheckType`, EC2 or ELB. */
export function readHealthCheckType(value: string): 'EC2' | 'ELB' {
  if (value !== 'EC2' && value !== 'ELB')
    throw new AwsError(
      'ValidationError',
      `Invalid health check type: ${value}. Valid values are EC2 and ELB.`,
    );
  return value;
}

/** `TerminationPolicies.member.N`, each one AWS knows. */
export function readTerminationPolicies(params: QueryParams): string[] | undefined {
  if (!params.has('TerminationPolicies')) return undefined;
  const policies = params.members('TerminationPolicies');
  for (const p of policies)
    if (!(TERMINATION_POLICIES as readonly string[]).includes(p))
      throw new AwsError('ValidationError', `Termination policy ${p} is not valid.`);
  return policies.length ? policies : ['Default'];
}

/** Target group ARNs that ELBv2 knows, or AWS's ValidationError. */
export function assertTargetGroups(cloud: Cloud, arns: readonly string[]): void {
  if (arns.some((a) => !cloud.elb.targetGroupExists(a)))
    throw new AwsError(
      'ValidationError',
      'Provided Target Groups may not be valid. Please ensure they exist and try again.',
    );
}

/** `ScalingProcesses.member.N` (all processes when none are named). */
export function readProcesses(params: QueryParams): ScalingProcess[] {
  const named = params.members('ScalingProcesses');
  for (const p of named)
    if (!(SCALING_PROCESSES as readonly string[]).includes(p))
      throw new AwsError('ValidationError', `Process names must be one of: ${SCALING_PROCESSES.join(', ')}`);
  return named.length ? (named as ScalingProcess[]) : [...SCALING_PROCESSES];
}
