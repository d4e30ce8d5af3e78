import type { Deployment, DeploymentProgress } from '../../shared/deployments/deployment';

/** Where a deployment stands, in the few figures a progress display shows. */
export interface DeploymentSummary {
  readonly status: string;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  /** The step running now (or the last one that failed), if any. */
  readonly step: string | undefined;
  /** Old and new instances on the fleet, and the new slice's weight (`2 old, 1/2 new in service`). */
  readonly instances: string | undefined;
}

/** Old and new instances, and how many of the new ones serve; the weight for blue/green. */
export function describeInstances(progress: DeploymentProgress | undefined): string | undefined {
  if (!progress) return undefined;
  const fresh = progress.instances.filter((i) => i.generation === 'new');
  const serving = fresh.filter((i) => i.lifecycleState === 'InService' && i.healthStatus === 'Healthy');
  const weight = progress.weight === undefined ? '' : `, weight ${progress.weight}%`;
  return `${progress.oldInstances} old, ${serving.length}/${progress.newInstances} new in service${weight}`;
}

/** The summary of a deployment's record. */
export function summarize(d: Deployment): DeploymentSummary {
  const steps = d.Value.Steps;
  const done = steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped').length;
  const current =
    steps.find((s) => s.undo?.status === 'running') ??
    steps.find((s) => s.status === 'running') ??
    steps.find((s) => s.status === 'failed');
  return {
    status: d.Value.Status,
    stepsDone: done,
    stepsTotal: steps.length,
    step: current ? (current.undo?.status === 'running' ? `undo ${current.name}` : current.name) : undefined,
    instances: describeInstances(d.Value.Progress),
  };
}

/** A deployment in a few lines, for `em status` and the end of a wait. */
export function describeDeployment(d: Deployment): string[] {
  const v = d.Value;
  const slice = v.ServiceSlice === 'none' ? '' : ` (${v.ServiceSlice})`;
  const s = summarize(d);
  const lines = [
    `${d.DeploymentID}  ${v.ServiceName} ${v.ServiceVersion} -> ${v.EnvironmentName}${slice}  ${v.Status}`,
    `  role ${v.ServerRoleName}, ASG ${v.AutoScalingGroupName}, ${v.DeploymentType === 'bg' ? 'blue/green' : 'scale-up patching'}, by ${v.User}`,
    `  started ${v.StartTimestamp}${v.EndTimestamp ? `, ended ${v.EndTimestamp}` : ''}`,
    `  steps ${s.stepsDone}/${s.stepsTotal}${s.step ? `, at ${s.step}` : ''}`,
  ];
  if (s.instances) lines.push(`  instances: ${s.instances}`);
  if (v.ErrorReason) lines.push(`  reason: ${v.ErrorReason}`);
  return lines;
}
