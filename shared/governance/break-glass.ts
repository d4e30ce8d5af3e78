import { z } from 'zod';
import { ActiveFreezeWindow } from '../catalogue/freeze-window';

/** A break-glass override in a request: deploy or patch inside a freeze window, for the reason given. */
export const BreakGlassRequest = z
  .strictObject({
    reason: z
      .string({ error: 'is required: say why the freeze window must be overridden' })
      .trim()
      .min(1, 'must not be empty: say why the freeze window must be overridden')
      .max(500, 'must be at most 500 characters')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters'),
  })
  .meta({ id: 'BreakGlassRequest' });
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

/** A break-glass override as a deployment or patch records it: who, why, when and which window. */
export const BreakGlassRecord = z
  .strictObject({
    By: z.string(),
    Reason: z.string(),
    At: z.string(),
    Window: ActiveFreezeWindow,
  })
  .meta({ id: 'BreakGlassRecord' });
export type BreakGlassRecord = z.infer<typeof BreakGlassRecord>;

/** A window standing in a plan's way: with `Overridden`, the request's break-glass would override it. */
export const PlannedFreeze = ActiveFreezeWindow.extend({ Overridden: z.boolean() }).meta({
  id: 'PlannedFreeze',
});
export type PlannedFreeze = z.infer<typeof PlannedFreeze>;

/** The type of the problem a freeze window's refusal answers with (423), so clients can tell it from a lock. */
export const FREEZE_WINDOW_PROBLEM = 'urn:environment-manager:problem:freeze-window';
