import type { DeploymentProgress } from '@shared/deployments/deployment';

/** One reading of a rollout: when, how many old and new instances, and the new slice's weight (blue/green). */
export interface InstancePoint {
  readonly at: string;
  readonly old: number;
  readonly new: number;
  readonly weight?: number;
}

/**
 * The series with a progress reading added: the stream sends the whole record on every change, so a
 * reading already kept (same time) is not added twice, and one older than the last is ignored.
 */
export function withReading(
  points: readonly InstancePoint[],
  progress: DeploymentProgress | undefined,
): readonly InstancePoint[] {
  if (!progress) {
    return points;
  }
  const last = points[points.length - 1];
  if (last && Date.parse(progress.at) <= Date.parse(last.at)) {
    return points;
  }
  const point: InstancePoint = {
    at: progress.at,
    old: progress.oldInstances,
    new: progress.newInstances,
    ...(progress.weight === undefined ? {} : { weight: progress.weight }),
  };
  return [...points, point];
}
