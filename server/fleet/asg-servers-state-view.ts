import type {
  AsgServersState,
  AsgServiceState,
  OverallHealth,
  SimpleService,
} from '@shared/fleet/asg-servers-state';
import type { SliceOrNone } from '@shared/fleet/slice-name';
import type { ObservedGroup, ObservedInstance, ObservedRole } from './fleet-observer';
import type { InstanceUserData } from './instance-user-data';
import { isInService } from './is-in-service';

type Services = readonly InstanceUserData['services'][number][];

/** How a share of instances serves: all of them, some, none; Missing when there are none. */
export function healthOf(healthy: number, total: number): OverallHealth {
  if (total === 0) return 'Missing';
  if (healthy === total) return 'Healthy';
  return healthy === 0 ? 'Error' : 'Warning';
}

function instanceHealth(i: ObservedInstance): OverallHealth {
  if (isInService(i)) return 'Healthy';
  return i.lifecycleState === 'InService' ? 'Error' : 'Warning';
}

/**
 * The `/environments/{name}/servers/{asgName}` reply: what the ASG should run (its launch template's
 * services, `expected`) against what each of its instances runs (their own launch template versions).
 */
export function asgServersStateView(
  environment: string,
  role: ObservedRole,
  group: ObservedGroup,
  expected: Services,
): AsgServersState {
  const slice: SliceOrNone = group.slice ?? 'none';
  const live = group.instances.filter((i) => !i.lifecycleState.startsWith('Terminat'));
  const expectedVersion = new Map(expected.map((s) => [s.name, s.version]));
  const diff = (s: Services[number]) => {
    const want = expectedVersion.get(s.name);
    if (want === undefined) return 'Unexpected' as const;
    return want === s.version ? null : ('Version' as const);
  };
  const instances = live.map((i) => {
    const services = i.services.map((s) => ({
      Name: s.name,
      Version: s.version,
      Slice: slice,
      NameAndSlice: slice === 'none' ? s.name : `${s.name}-${slice}`,
      OverallHealth: instanceHealth(i),
      DiffWithTargetState: diff(s),
      HealthChecks: [],
      Issues: { Warnings: [], Errors: [] },
    }));
    const missing = expected.some(
      (e) => !i.services.some((s) => s.name === e.name && s.version === e.version),
    );
    return {
      InstanceId: i.id,
      Name: i.id,
      LifecycleState: i.lifecycleState,
      HealthStatus: i.healthStatus,
      OverallHealth: instanceHealth(i),
      RunningServicesCount: i.services.length,
      MissingOrUnexpectedServices: missing || services.some((s) => s.DiffWithTargetState !== null),
      Services: services,
    };
  });
  const running = new Map<string, Services[number]>();
  for (const i of live) for (const s of i.services) running.set(`${s.name}\u0000${s.version}`, s);
  const stateOf = (s: Services[number], action: AsgServiceState['Action']): AsgServiceState => {
    const on = live.filter((i) => i.services.some((r) => r.name === s.name && r.version === s.version));
    const healthy = on.filter(isInService).length;
    return {
      Name: s.name,
      Version: s.version,
      Slice: slice,
      Action: action,
      DiffWithTargetState: action === 'Install' ? null : diff(s),
      InstancesCount: { Healthy: healthy, Total: on.length },
      InstancesNames: on.map((i) => i.id),
      // an expected service judged against the whole group: every live instance should run it
      OverallHealth:
        action === 'Install'
          ? healthOf(healthy, Math.max(live.length, on.length))
          : healthOf(healthy, on.length),
      HealthChecks: [],
    };
  };
  const expectedStates = expected.map((s) => stateOf(s, 'Install'));
  const unexpected = [...running.values()]
    .filter((s) => expectedVersion.get(s.name) !== s.version)
    .map((s) => stateOf(s, 'Ignore'));
  const simple = (s: Services[number]): SimpleService => ({ Name: s.name, Version: s.version, Slice: slice });
  const missing = expected.filter((s) => !running.has(`${s.name}\u0000${s.version}`));
  return {
    Name: group.name,
    EnvironmentName: environment,
    Role: role.layout.role,
    ServicesCount: {
      Expected: expected.length,
      Unexpected: unexpected.length,
      Missing: missing.length,
      Ignored: unexpected.length,
    },
    AllExpectedServicesPresent: missing.length === 0,
    AllExpectedServicesHealthy: expectedStates.every((s) => s.OverallHealth === 'Healthy'),
    ExpectedServices: expected.map(simple),
    MissingServices: missing.map(simple),
    Services: [...expectedStates, ...unexpected],
    Instances: instances,
  };
}
