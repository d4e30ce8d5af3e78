import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { ServerRole } from '@shared/fleet/environment-servers';
import type { Image } from '@shared/fleet/image';
import type { LaunchConfig } from '@shared/fleet/launch-config';

/** When the specs' locks were taken. */
export const testLockedAt = '2026-01-05T09:00:00.000Z';

/** Builds an environment for specs; pass only what the spec is about. A lock is alice's, with a reason. */
export function testEnvironment(
  options: {
    name?: string;
    type?: string;
    team?: string;
    locked?: boolean;
    reason?: string;
    maintenance?: boolean;
  } = {},
): OpsEnvironment {
  const lock = options.locked
    ? {
        DeploymentsLocked: true,
        LockReason: options.reason ?? 'Release freeze for the data-centre move',
        LockedBy: 'alice',
        LockedAt: testLockedAt,
      }
    : { DeploymentsLocked: false };
  return {
    EnvironmentName: options.name ?? 'st1',
    Value: {
      EnvironmentType: options.type ?? 'Staging',
      OwningCluster: options.team ?? 'Infra',
      DeploymentMap: 'Main',
      ...lock,
      InMaintenance: options.maintenance ?? false,
    },
    Version: 0,
  };
}

/** Builds a server role for specs: one ASG (or a blue and a green one) running the hosted services. */
export function testRole(
  options: { role?: string; cluster?: string; services?: string[]; fleetPerSlice?: boolean } = {},
): ServerRole {
  const role = options.role ?? 'Web';
  const services = options.services ?? ['checkout'];
  const slices = options.fleetPerSlice ? (['blue', 'green'] as const) : [undefined];
  return {
    Name: `st1-inf-${role}`,
    Role: role,
    Cluster: options.cluster ?? 'Infra',
    FleetPerSlice: options.fleetPerSlice ?? false,
    HostedServices: services,
    Services: [],
    Size: { Current: 2, Desired: 2 },
    Status: { Status: 'Healthy' },
    AutoScalingGroups: slices.map((slice) => ({
      Name: slice ? `st1-inf-${role}-${slice}` : `st1-inf-${role}`,
      Slice: slice,
      Exists: true,
      Size: { Current: 2, Desired: 3 },
      InServiceCount: 2,
      HealthyCount: 1,
      Services: services.map((Name) => ({
        Name,
        Version: '1.2.0',
        Slice: slice ?? 'none',
        InstanceCount: 2,
      })),
    })),
    Slices: options.fleetPerSlice
      ? [
          { Name: 'blue', Weight: 100, State: 'Active' },
          { Name: 'green', Weight: 0, State: 'Inactive' },
        ]
      : undefined,
  };
}

/** Builds an ASG's launch configuration for specs: web-linux-1.0.0, t3.small, web 1.2.0. */
export function testLaunchConfig(options: Partial<LaunchConfig> = {}): LaunchConfig {
  return {
    AMI: 'web-linux-1.0.0',
    ImageId: 'ami-0aaaaaaaaaaaaaaa1',
    InstanceProfileName: 'st1-web-profile',
    InstanceType: 't3.small',
    SecurityGroups: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
    UserData: '{"services":[{"name":"web","version":"1.2.0"}],"healthPath":"/health"}',
    Volumes: [
      { Name: 'OS', Size: 30, Type: 'SSD', DeviceName: '/dev/xvda' },
      { Name: 'Data', Size: 100, Type: 'Disk', DeviceName: '/dev/sdb' },
    ],
    AutoScalingGroupName: 'st1-inf-Web-blue',
    LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', Version: '3' },
    DecodedUserData: { services: [{ name: 'web', version: '1.2.0' }], healthPath: '/health' },
    ...options,
  };
}

/** Builds an image for specs, of type web-linux unless named otherwise. */
export function testImage(
  id: string,
  version: string,
  options: { type?: string; latestStable?: boolean; rank?: number } = {},
): Image {
  const type = options.type ?? 'web-linux';
  return {
    ImageId: id,
    Name: `${type}-${version}`,
    CreationDate: '2026-01-01T00:00:00.000Z',
    Platform: 'Linux',
    Description: '',
    AmiType: type,
    AmiVersion: version,
    IsCompatibleImage: true,
    IsStable: options.latestStable ?? false,
    Encrypted: true,
    RootVolumeSize: 30,
    Rank: options.rank ?? 1,
    IsLatest: (options.rank ?? 1) === 1,
    IsLatestStable: options.latestStable ?? false,
    DaysBehindLatest: 0,
    AccountName: 'main',
  };
}
