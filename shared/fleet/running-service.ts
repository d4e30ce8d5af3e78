import { z } from 'zod';
import { SliceOrNone } from './slice-name';

/** A version of a service running on some instances of a server role. */
export const RunningVersion = z.strictObject({
  Version: z.string(),
  Slice: SliceOrNone,
  InstanceCount: z.number().int(),
});
export type RunningVersion = z.infer<typeof RunningVersion>;

/** A service running in an environment, on one server role, with the versions its instances run. */
export const RunningService = z
  .strictObject({
    Name: z.string(),
    EnvironmentName: z.string(),
    ServerRole: z.string(),
    OwningCluster: z.string(),
    Versions: z.array(RunningVersion),
  })
  .meta({ id: 'RunningService' });
export type RunningService = z.infer<typeof RunningService>;
