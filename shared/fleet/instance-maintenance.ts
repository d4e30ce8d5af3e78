import { z } from 'zod';

/** Whether an instance's lifecycle state in its ASG is maintenance: entering standby (draining) or in it. */
export function isInMaintenance(lifecycleState: string | null | undefined): boolean {
  return lifecycleState === 'Standby' || lifecycleState === 'EnteringStandby';
}

/** `PUT /instances/{id}/maintenance`, the original's body: into maintenance (ASG Standby) or out of it. */
export const InstanceMaintenanceChange = z
  .strictObject({ enable: z.boolean().describe('true: into maintenance (Standby); false: back in service') })
  .meta({ id: 'InstanceMaintenanceChange' });
export type InstanceMaintenanceChange = z.infer<typeof InstanceMaintenanceChange>;

/** The reply: the original's `{ok: true}`, then where the instance is now. */
export const InstanceMaintenance = z
  .strictObject({
    ok: z.literal(true),
    InstanceId: z.string(),
    AutoScalingGroupName: z.string(),
    Maintenance: z.boolean(),
    LifecycleState: z
      .string()
      .describe(
        'EnteringStandby while its target groups drain it, then Standby; Pending, then InService, back',
      ),
    DesiredCapacity: z.number().int().describe("the group's desired capacity after the change"),
    Replaced: z
      .boolean()
      .describe('the group launches a replacement (its desired capacity was at its minimum, so it stays)'),
  })
  .meta({ id: 'InstanceMaintenance' });
export type InstanceMaintenance = z.infer<typeof InstanceMaintenance>;
