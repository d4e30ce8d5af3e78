import { z } from 'zod';
import { OverallHealth } from './asg-servers-state';
import { SliceOrNone } from './slice-name';

/** A server role's share of a service slice's instances (the original `ServiceStatusDetail`). */
export const ServiceStatusDetail = z.strictObject({
  name: z.string(),
  desiredCount: z.number().int(),
  healthyCount: z.number().int(),
  unhealthyCount: z.number().int(),
  /** Consul's failing checks in the original; this portal judges by Auto Scaling health: always empty. */
  'failing-checks': z.array(z.never()),
});

/** The health of one slice of a service in an environment (the original `ServiceStatusSummary`). */
export const ServiceStatusSummary = z
  .strictObject({
    name: z.string().describe('the environment, service and slice: `env-service[-slice]`'),
    environment: z.string(),
    service: z.string(),
    slice: SliceOrNone,
    desiredCount: z.number().int(),
    desiredAndHealthyCount: z.number().int(),
    undesiredCount: z.number().int(),
    roles: z.array(ServiceStatusDetail),
    orphanedInstances: z.array(ServiceStatusDetail),
    OverallHealth,
    InstancesCount: z.strictObject({ Healthy: z.number().int(), Total: z.number().int() }),
  })
  .meta({ id: 'ServiceStatusSummary' });
export type ServiceStatusSummary = z.infer<typeof ServiceStatusSummary>;

/** The `/services/{service}/health` reply: the service over its slices that should have instances. */
export const ServiceHealth = z
  .strictObject({
    Name: z.string(),
    EnvironmentName: z.string(),
    OverallHealth,
    InstancesCount: z.strictObject({ Healthy: z.number().int(), Total: z.number().int() }),
    desiredCount: z.number().int(),
    desiredAndHealthyCount: z.number().int(),
    undesiredCount: z.number().int(),
    Slices: z.array(ServiceStatusSummary),
  })
  .meta({ id: 'ServiceHealth' });
export type ServiceHealth = z.infer<typeof ServiceHealth>;

/** One instance of an installation check: whether it runs the version its ASG should run. */
export const InstallationCheckInstance = z.strictObject({
  InstanceId: z.string(),
  AutoScalingGroupName: z.string(),
  LifecycleState: z.string(),
  /** The version of the service the instance runs; null when it runs none. */
  Version: z.string().nullable(),
  Installed: z.boolean(),
});

/** The `/services/{service}/installationcheck/{slice}` reply. */
export const InstallationCheck = z
  .strictObject({
    ServiceName: z.string(),
    EnvironmentName: z.string(),
    Slice: SliceOrNone,
    /** The version the slice's ASGs launch new instances with; null when they name none. */
    ExpectedVersion: z.string().nullable(),
    AllInstalled: z.boolean(),
    InstancesCount: z.strictObject({ Installed: z.number().int(), Total: z.number().int() }),
    Instances: z.array(InstallationCheckInstance),
  })
  .meta({ id: 'InstallationCheck' });
export type InstallationCheck = z.infer<typeof InstallationCheck>;

/** The `/services/{service}` reply: where a service runs in an environment, role by role. */
export const ServiceInEnvironment = z
  .strictObject({
    Name: z.string(),
    EnvironmentName: z.string(),
    ServerRoles: z.array(
      z.strictObject({
        ServerRole: z.string(),
        OwningCluster: z.string(),
        FleetPerSlice: z.boolean(),
        AutoScalingGroups: z.array(z.string()),
        Versions: z.array(
          z.strictObject({ Version: z.string(), Slice: SliceOrNone, InstanceCount: z.number().int() }),
        ),
      }),
    ),
  })
  .meta({ id: 'ServiceInEnvironment' });
export type ServiceInEnvironment = z.infer<typeof ServiceInEnvironment>;

/** An instance of an ASG and its private address (`/asgs/{name}/ips`). */
export const AsgIp = z
  .strictObject({
    InstanceId: z.string(),
    PrivateIpAddress: z.string().nullable(),
    AvailabilityZone: z.string(),
    LifecycleState: z.string(),
    State: z.string().describe('the EC2 state: pending, running, ...'),
  })
  .meta({ id: 'AsgIp' });
export type AsgIp = z.infer<typeof AsgIp>;
