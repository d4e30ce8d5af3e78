import { z } from 'zod';

/** Whether an ASG is ready to deploy to: every instance InService and Healthy, and the desired count reached. */
export const AsgReadiness = z
  .strictObject({
    ReadyToDeploy: z.boolean(),
    InstancesByLifecycleState: z.record(z.string(), z.number().int()),
    InstancesTotalCount: z.number().int(),
  })
  .meta({ id: 'AsgReadiness' });
export type AsgReadiness = z.infer<typeof AsgReadiness>;
