import { z } from 'zod';

/** The two slices of a blue/green server role. */
export const SliceName = z.enum(['blue', 'green']);
export type SliceName = z.infer<typeof SliceName>;

/** Where a running service sits: a slice, or `none` for roles without a fleet per slice (the original `Slice`). */
export const SliceOrNone = z.enum(['blue', 'green', 'none']);
export type SliceOrNone = z.infer<typeof SliceOrNone>;
