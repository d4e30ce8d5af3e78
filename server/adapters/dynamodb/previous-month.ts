/** The month bucket (`YYYY-MM`) before this one: lists kept in month partitions are walked newest first. */
export function previousMonth(bucket: string): string {
  const [y, m] = bucket.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
