import { z } from 'zod';
import { SliceOrNone } from './slice-name';

/** A service by name, version and slice (the original `SimpleServiceObject`). */
export const SimpleService = z.strictObject({ Name: z.string(), Version: z.string(), Slice: SliceOrNone });
export type SimpleService = z.infer<typeof SimpleService>;

/** How something serves: all its instances do, some do, none do, or it runs nowhere it should. */
export const OverallHealth = z.enum(['Healthy', 'Warning', 'Error', 'Missing']);
export type OverallHealth = z.infer<typeof OverallHealth>;

/**
 * How a service differs from what the ASG should run (its launch template's services): null when it
 * matches, `Version` when another version runs, `Unexpected` when the ASG should not run it at all.
 */
export const DiffWithTargetState = z.enum(['Version', 'Unexpected']).nullable();

/** A service on one instance. */
export const InstanceService = z.strictObject({
  Name: z.string(),
  Version: z.string(),
  Slice: SliceOrNone,
  NameAndSlice: z.string(),
  OverallHealth,
  DiffWithTargetState,
  /** Consul's checks in the original; this portal has none per service: always empty. */
  HealthChecks: z.array(z.never()),
  Issues: z.strictObject({ Warnings: z.array(z.string()), Errors: z.array(z.string()) }),
});

/** An instance of the ASG with what it runs. */
export const AsgServerInstance = z.strictObject({
  InstanceId: z.string(),
  Name: z.string(),
  LifecycleState: z.string(),
  HealthStatus: z.string(),
  OverallHealth,
  /** How many services it runs (the original's clients count with it). */
  RunningServicesCount: z.number().int(),
  MissingOrUnexpectedServices: z.boolean(),
  Services: z.array(InstanceService),
});

/** A service the ASG should run or runs, across its instances. */
export const AsgServiceState = z.strictObject({
  Name: z.string(),
  Version: z.string(),
  Slice: SliceOrNone,
  /** `Install` for what the ASG should run, `Ignore` for what runs there unexpected. */
  Action: z.enum(['Install', 'Ignore']),
  DiffWithTargetState,
  InstancesCount: z.strictObject({ Healthy: z.number().int(), Total: z.number().int() }),
  InstancesNames: z.array(z.string()),
  OverallHealth,
  HealthChecks: z.array(z.never()),
});
export type AsgServiceState = z.infer<typeof AsgServiceState>;

/** The `/environments/{name}/servers/{asgName}` reply (the original `ASGServersState`). */
export const AsgServersState = z
  .strictObject({
    Name: z.string(),
    EnvironmentName: z.string(),
    Role: z.string(),
    ServicesCount: z.strictObject({
      Expected: z.number().int(),
      Unexpected: z.number().int(),
      Missing: z.number().int(),
      Ignored: z.number().int(),
    }),
    AllExpectedServicesPresent: z.boolean(),
    AllExpectedServicesHealthy: z.boolean(),
    ExpectedServices: z.array(SimpleService),
    MissingServices: z.array(SimpleService),
    Services: z.array(AsgServiceState),
    Instances: z.array(AsgServerInstance),
  })
  .meta({ id: 'ASGServersState' });
export type AsgServersState = z.infer<typeof AsgServersState>;
