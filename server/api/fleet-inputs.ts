import { z } from 'zod';
import { Name } from '@shared/catalogue/names';
import { SliceName } from '@shared/fleet/slice-name';

/** A `true` / `false` query parameter, as the original's clients send them. */
export const Flag = (what: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe(what);

/** `?environment=`, required. */
export const InEnvironment = z.strictObject({ environment: Name });

/** The query of a service's (or upstream's) slices: its environment, and only the active or inactive ones. */
export const SlicesQuery = InEnvironment.extend({
  active: Flag('only the active (true) or inactive (false) slices'),
});

/** The query of a slice toggle: its environment, and the slice to make active. */
export const ToggleQuery = InEnvironment.extend({
  active: SliceName.optional().describe('the slice to make active (default: the inactive one)'),
});
