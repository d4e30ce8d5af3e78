import type { Instance } from '@shared/fleet/instance';

/**
 * Builds an instance for specs, as `GET /instances` lists it; pass only what the spec is about. By default
 * it is running in st1's st1-inf-Web on the latest stable base image.
 */
export function testInstance(
  options: {
    id?: string;
    group?: string | null;
    environment?: string | null;
    /** Its image's name; null for an image that is not the account's. */
    image?: string | null;
    latestStable?: boolean;
    daysBehind?: number;
    state?: string;
  } = {},
): Instance {
  const image = options.image === undefined ? 'base-1.3.0' : options.image;
  const group = options.group === undefined ? 'st1-inf-Web' : options.group;
  return {
    InstanceId: options.id ?? 'i-0001',
    ImageId: 'ami-0001',
    InstanceType: 't3.small',
    LaunchTime: '2026-11-27T10:00:00.000Z',
    State: { Code: 16, Name: options.state ?? 'running' },
    Placement: { AvailabilityZone: 'eu-west-1a' },
    PrivateIpAddress: '10.0.0.1',
    PrivateDnsName: null,
    Tags: [],
    Name: '',
    Environment: options.environment === undefined ? 'st1' : options.environment,
    OwningCluster: 'Infra',
    Role: 'Web',
    AccountName: 'sandbox',
    AutoScalingGroupName: group,
    LifecycleState: group ? 'InService' : null,
    Maintenance: false,
    AgeDays: 4,
    Ami:
      image === null
        ? null
        : {
            Name: image,
            AmiType: 'base',
            AmiVersion: image.replace(/^.*-/, ''),
            IsLatestStable: options.latestStable ?? true,
            DaysBehindLatest: options.daysBehind ?? 0,
          },
  };
}
