import { z } from 'zod';

const Capacity = z.number().int().min(0, 'must be at least 0').max(1000, 'must be at most 1000');

/** A change of an ASG's size: any of min, desired and max (the original API's body of `PUT /asgs/{name}/size`). */
export const AsgSizeChange = z
  .strictObject({ min: Capacity.optional(), desired: Capacity.optional(), max: Capacity.optional() })
  .refine((s) => s.min !== undefined || s.desired !== undefined || s.max !== undefined, {
    message: 'must set at least one of min, desired and max',
  })
  .meta({ id: 'AsgSizeChange' });
export type AsgSizeChange = z.infer<typeof AsgSizeChange>;

/** An ASG's size after a change. */
export const AsgSize = z
  .strictObject({ min: z.number().int(), desired: z.number().int(), max: z.number().int() })
  .meta({ id: 'AsgSize' });
export type AsgSize = z.infer<typeof AsgSize>;
