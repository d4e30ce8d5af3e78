import { z } from 'zod';
import type { SimInstance } from '../cloud';

/** An instance as EC2 keeps it: tags can change, and it remembers why it is in its state. */
export const InstanceRecord = z.object({
  instance: z.object({
    instanceId: z.string(),
    imageId: z.string(),
    instanceType: z.string(),
    availabilityZone: z.string(),
    launchTime: z.string(),
    launchTemplate: z
      .object({ launchTemplateId: z.string(), launchTemplateName: z.string(), version: z.number() })
      .optional(),
    payload: z.object({
      services: z.array(z.object({ name: z.string(), version: z.string() })).readonly(),
      healthPath: z.string(),
    }),
    tags: z.record(z.string(), z.string()),
    privateIpAddress: z.string(),
    state: z.enum(['pending', 'running', 'shutting-down', 'terminated']),
    localPort: z.number().optional(),
  }),
  reservationId: z.string(),
  /** Why the instance stopped or failed (`Server.InternalError`, `Client.UserInitiatedShutdown`). */
  stateReason: z.object({ code: z.string(), message: z.string() }).optional(),
  stateTransitionReason: z.string().optional(),
}) satisfies z.ZodType<{ instance: SimInstance }>;
/** An instance as EC2 keeps it. */
export type InstanceRecord = z.infer<typeof InstanceRecord>;

/** EC2's numeric state codes. */
export const STATE_CODES: Readonly<Record<SimInstance['state'], number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
};
