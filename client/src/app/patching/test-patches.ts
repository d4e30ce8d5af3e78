import type { PatchOperation, PatchPlan, PlannedGroup } from '@shared/patches/patch';

/** A planned group for specs. */
export function testGroup(name: string, overrides: Partial<PlannedGroup> = {}): PlannedGroup {
  return {
    AutoScalingGroupName: name,
    ServerRole: 'web',
    OwningCluster: 'Infra',
    Action: 'scale-up',
    Image: { ImageId: 'ami-1', Name: 'web-linux-1.0.0' },
    NextImage: { ImageId: 'ami-2', Name: 'web-linux-1.1.0' },
    InstanceCount: 2,
    ScaleOutTo: 4,
    AvailabilityZones: 2,
    ...overrides,
  };
}

/** A plan of st1 (Staging) for specs. */
export function testPlan(overrides: Partial<PatchPlan> = {}): PatchPlan {
  return {
    EnvironmentName: 'st1',
    EnvironmentType: 'Staging',
    ToImage: 'latest-stable',
    MaxParallel: 1,
    OnFailure: 'stop',
    RequiresApproval: false,
    Groups: [testGroup('st1-web-blue')],
    LeftOut: [],
    ...overrides,
  };
}

/** A patch operation for specs. */
export function testPatch(overrides: Partial<PatchOperation> = {}): PatchOperation {
  return {
    PatchID: 'p1',
    EnvironmentName: 'st1',
    EnvironmentType: 'Staging',
    OwningCluster: 'Infra',
    ToImage: 'latest-stable',
    MaxParallel: 1,
    OnFailure: 'stop',
    RequiresApproval: false,
    User: 'ada',
    Status: 'In Progress',
    StartTimestamp: '2026-03-01T10:00:00.000Z',
    Groups: [{ ...testGroup('st1-web-blue'), DeploymentID: 'p1-1', Status: 'In Progress' }],
    LeftOut: [],
    ...overrides,
  };
}
