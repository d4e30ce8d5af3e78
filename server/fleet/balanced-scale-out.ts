/**
 * The size a group doubles to for a scale-up patch: twice its desired capacity, rounded up to a multiple
 * of its zones, so that Auto Scaling launches as many new instances in each.
 */
export function balancedScaleOut(desired: number, zones: number): number {
  const per = Math.max(zones, 1);
  return Math.ceil((2 * desired) / per) * per;
}
