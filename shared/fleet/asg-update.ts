import { z } from 'zod';
import { AutoScalingGroup } from './auto-scaling-group';

const Capacity = z.number().int().min(0, 'must be at least 0').max(1000, 'must be at most 1000');
const Seconds = z.number().int().min(0, 'must be at least 0').max(86_400, 'must be at most 86400');

/** The settings of an ASG that `PUT /asgs/{name}` changes. */
export const ASG_SETTINGS = [
  'MinSize',
  'MaxSize',
  'DesiredCapacity',
  'DefaultCooldown',
  'HealthCheckType',
  'HealthCheckGracePeriod',
  'TerminationPolicies',
  'NewInstancesProtectedFromScaleIn',
] as const;

/** What the group's state says and no request changes: ignored when sent back. */
export const ASG_STATE = ['AutoScalingGroupARN', 'CreatedTime', 'Instances', 'Status'] as const;

/**
 * The body of `PUT /asgs/{name}`: the original's `AWSAutoScalingGroup`, so that a script may send back
 * what `GET /asgs/{name}` gave with some settings changed. The ASG_SETTINGS are applied; its state is
 * ignored; any other field (zones, subnets, tags, launch template, target groups) must be what the group
 * has, since this portal changes those otherwise (a 400 names the field).
 */
export const AsgUpdate = AutoScalingGroup.partial()
  .extend({
    MinSize: Capacity.optional(),
    MaxSize: Capacity.optional(),
    DesiredCapacity: Capacity.optional(),
    DefaultCooldown: Seconds.optional(),
    HealthCheckType: z.enum(['EC2', 'ELB']).optional(),
    HealthCheckGracePeriod: Seconds.optional(),
    TerminationPolicies: z
      .array(
        z.enum([
          'Default',
          'OldestInstance',
          'NewestInstance',
          'OldestLaunchConfiguration',
          'ClosestToNextInstanceHour',
          'OldestLaunchTemplate',
          'AllocationStrategy',
        ]),
      )
      .max(10)
      .optional(),
    NewInstancesProtectedFromScaleIn: z.boolean().optional(),
    /** The original's launch configuration: groups here launch from templates, so only null or absent. */
    LaunchConfigurationName: z.string().optional(),
  })
  .strict()
  .meta({ id: 'AsgUpdate' });
export type AsgUpdate = z.infer<typeof AsgUpdate>;
