/** The `--ms-per-second` option of the benches that run deployments on aws-sim. */
export const MS_PER_SECOND_OPTION = { type: 'string', default: '50' } as const;

/**
 * Real milliseconds per simulated AWS second, from `--ms-per-second` (default 50: a boot of 20 AWS seconds
 * takes 1 s). The portal's own work does not slow with the clock, so a slower one shows how much of a
 * ratio is that work and how much is waiting for the next look.
 */
export function msPerSecond(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 10 || ms > 1000)
    throw new Error('--ms-per-second must be a whole number from 10 to 1000');
  return ms;
}
