import { z } from 'zod';
import { ActiveFreezeWindow } from '../catalogue/freeze-window';

/** One invalid input named by where it was found (`body.Value.BluePort`, `query.since`, `header.expected-version`). */
export const InvalidField = z.strictObject({
  field: z.string(),
  message: z.string(),
});
export type InvalidField = z.infer<typeof InvalidField>;

/** An RFC 9457 problem document, the one error format of the API. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(InvalidField).optional(),
    referrers: z.array(z.string()).optional(),
    /** On a 423 of type `...:freeze-window`: the window in force (break-glass overrides it). */
    freezeWindow: ActiveFreezeWindow.optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
